"""`inovda create_admin`: a national admin, or a region admin for one Pemda, from the shell."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from inovda.accounts.models import Role, RoleAssignment, User
from inovda.regions.models import Region

ROLES = (Role.NATIONAL_ADMIN, Role.REGION_ADMIN, Role.PROVINCE_COORDINATOR)


class Command(BaseCommand):
    help = "Buat admin nasional, admin Pemda atau koordinator provinsi (idempoten)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", required=True, help="nama lengkap")
        parser.add_argument(
            "--region", help="kode Kemendagri Pemda, mis. 63.11 (wajib selain admin nasional)"
        )
        parser.add_argument("--role", choices=[r.value for r in ROLES], default=None)
        parser.add_argument(
            "--password-stdin", action="store_true", help="baca kata sandi dari stdin"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code = options.get("region")
        role = options.get("role") or (Role.REGION_ADMIN if code else Role.NATIONAL_ADMIN)
        region = None
        if role != Role.NATIONAL_ADMIN:
            if not code:
                raise CommandError("Peran ini memerlukan --region KODE (mis. --region 63.11).")
            region = Region.objects.filter(code=code).first()
            if region is None:
                raise CommandError(
                    f"Pemda berkode {code} tidak ada. Jalankan `inovda load_regions` dulu."
                )
        email = options["email"].strip().lower()
        user = User.objects.filter(email=email).first()
        password = None
        if user is None:
            password = self._password(options["password_stdin"])
        with transaction.atomic():
            if user is None:
                user = User.objects.create_user(
                    email=email, password=password, full_name=options["name"]
                )
                self.stdout.write(f"Akun {email} dibuat.")
            _assignment, created = RoleAssignment.objects.get_or_create(
                user=user, role=role, region=region, unit=None
            )
        place = region or "nasional"
        label = Role(role).label
        self.stdout.write(f"{label} — {place}: {'ditambahkan' if created else 'sudah ada'}.")
        self.stdout.write(
            "Saat masuk pertama kali, verifikasi dua langkah (TOTP) wajib diaktifkan."
        )

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Kata sandi: ")
            if password != getpass.getpass("Ulangi kata sandi: "):
                raise CommandError("Kedua kata sandi tidak sama.")
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError("Kata sandi ditolak: " + " ".join(exc.messages)) from None
        return password
