"""`inovda load_rulebooks`: load the bundled IID rulebooks; a new version only when changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from inovda.methodology.services import load_bundled_rulebooks
from inovda.scoring import RulebookError


class Command(BaseCommand):
    help = "Muat buku aturan IID bawaan (2023, 2026, draf 2027) ke basis data."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_bundled_rulebooks()
        except RulebookError as exc:
            raise CommandError(f"Buku aturan tidak dimuat: {exc}") from None
        self.stdout.write(
            f"Buku aturan IID: {report.created} baru, {report.new_versions} versi baru, "
            f"{report.unchanged} tetap."
        )
