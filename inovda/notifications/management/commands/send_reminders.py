"""Send deadline reminders now, without the worker (for cron, or to check by hand)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inovda.notifications.reminders import ReminderProblem, run_reminders


class Command(BaseCommand):
    help = (
        "Kirim pengingat tenggat: tanpa opsi, ke unit di setiap periode yang isiannya ditutup "
        "7, 3, 1 hari lagi atau hari ini; dengan --period, ke unit periode itu sekarang. "
        "Unit yang sudah diingatkan hari ini dilewati."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--period",
            type=int,
            default=None,
            help="ID periode: kirim sekarang, berapa pun sisa harinya",
        )

    def handle(self, *args: Any, period: int | None, **options: Any) -> None:
        from inovda.innovations.models import Period

        if period is not None and not Period.objects.filter(pk=period).exists():
            raise CommandError(f"Periode {period} tidak ada. Lihat ID-nya di halaman Inovasi.")
        try:
            summary = run_reminders(period_id=period)
        except ReminderProblem as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(
            f"{summary['periods']} periode, {summary['units']} unit perlu diingatkan: "
            f"{summary['reminded']} diingatkan ({summary['recipients']} penerima), "
            f"{summary['skipped']} sudah diingatkan hari ini."
        )
