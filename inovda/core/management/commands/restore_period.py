"""`inovda restore_period BERKAS.zip`: restore a period archived by export_period into this
instance (refused, changing nothing, when the period is already here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inovda.core.backup import BackupError, describe, restore_period


class Command(BaseCommand):
    help = (
        "Pulihkan arsip dari export_period ke instance ini. Ditolak (tanpa perubahan) bila "
        "periodenya sudah ada."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("arsip", help="berkas .zip dari export_period")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["arsip"])
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        try:
            summary = restore_period(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Dipulihkan dari {path}:")
        for line in describe(summary, verb="dibuat"):
            self.stdout.write(line)
        self.stdout.write(
            "Orang yang dipulihkan belum punya kata sandi dan peran: mereka memakai "
            "\u201cLupa kata sandi\u201d, dan admin memberi perannya lagi."
        )
