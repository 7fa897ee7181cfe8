"""`inovda seed_demo`: demo data for Balangan, Banjar and Bangkalan (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from inovda.core.demo import ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_demo


class Command(BaseCommand):
    help = "Isi data demo: Pemda, unit, akun per peran dan skor contoh (aman dijalankan ulang)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = seed_demo()
        self.stdout.write(
            f"Data demo siap: {counts['units']} unit baru, {counts['people']} akun baru, "
            f"{counts['scores']} skor contoh baru, {counts['reports']} laporan inovasi baru."
        )
        self.stdout.write(f"Kata sandi semua akun demo: {DEMO_PASSWORD}")
        self.stdout.write(
            f"Rahasia TOTP akun admin demo: {DEMO_TOTP_SECRET} (atau: inovda demo_totp)"
        )
        for account in ACCOUNTS:
            mark = " (TOTP)" if account.needs_totp else ""
            self.stdout.write(f"  {account.email:<42} {account.role}{mark}")
