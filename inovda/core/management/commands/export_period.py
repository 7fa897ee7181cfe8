"""`inovda export_period --pemda KODE --periode NAMA [--keluaran BERKAS.zip]`: back up one region's
period (records and evidence files) to one archive."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from inovda.core.backup import BackupError, describe, export_period


class Command(BaseCommand):
    help = (
        "Cadangkan satu periode sebuah Pemda (data dan berkas bukti) ke satu arsip .zip, untuk "
        "dipulihkan dengan restore_period."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pemda", required=True, help="kode Kemendagri, mis. 63.11")
        parser.add_argument("--periode", required=True, help='nama periode, mis. "IID 2026"')
        parser.add_argument(
            "--keluaran",
            help="berkas arsip (.zip); bawaan: inovda-KODE-PERIODE-TANGGAL.zip di folder ini",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code, name = options["pemda"].strip(), options["periode"].strip()
        slug = re.sub(r"[^0-9A-Za-z.]+", "-", f"{code}-{name}").strip("-")
        dest = Path(options["keluaran"] or f"inovda-{slug}-{timezone.localdate():%Y%m%d}.zip")
        if dest.suffix.lower() != ".zip":
            raise CommandError("Nama berkas arsip harus berakhiran .zip, mis. cadangan.zip.")
        try:
            summary = export_period(code, name, dest)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Arsip ditulis: {dest}")
        for line in describe(summary, verb="baris"):
            self.stdout.write(line)
