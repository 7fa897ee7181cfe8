"""`inovda load_regions`: load (or refresh) the 552 Pemda with their Kemendagri codes."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inovda.regions.loading import RegionDataError, load_regions


class Command(BaseCommand):
    help = "Muat daftar 552 Pemda (kode Kemendagri) dari data bawaan atau berkas CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", help="berkas CSV code,name,kind,parent_code")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_regions(options.get("file"))
        except (RegionDataError, OSError) as exc:
            raise CommandError(f"Daftar Pemda tidak dimuat: {exc}") from None
        self.stdout.write(
            f"Daftar Pemda: {report.total} Pemda ({report.created} baru, {report.updated} "
            f"diperbarui, {report.unchanged} tetap, {report.deactivated} dinonaktifkan)."
        )
