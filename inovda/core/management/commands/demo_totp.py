"""`inovda demo_totp [EMAIL]`: the current two-step code of a demo admin account."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inovda.core.demo import DEMO_DOMAIN, current_demo_code


class Command(BaseCommand):
    help = "Tampilkan kode verifikasi dua langkah (TOTP) saat ini untuk akun admin demo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", nargs="?", default="admin.balangan@inovda.demo")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        if not email.endswith(DEMO_DOMAIN):
            raise CommandError(
                "Hanya untuk akun demo (@inovda.demo); akun nyata memakai aplikasi autentikator."
            )
        self.stdout.write(current_demo_code())
