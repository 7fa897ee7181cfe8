"""`inovda setup`: bring a database up to date — migrations, cache table, regions, rulebooks."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Migrasi basis data, buat tabel cache, kumpulkan berkas statis, "
        "muat daftar Pemda dan buku aturan IID."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Migrasi basis data selesai.")
        call_command("createcachetable", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("Berkas statis siap.")
        for command in ("load_regions", "load_rulebooks"):
            try:
                call_command(command, stdout=self.stdout)
            except Exception as exc:
                if "Unknown command" in str(exc):
                    continue
                raise
