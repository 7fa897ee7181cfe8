"""`inovda worker`: the django-tasks database worker, plus the once-a-day deadline reminder check.

Why a clock inside the worker: django-tasks (and its database backend) runs queued tasks but has
no scheduler, and `make demo` should remind units without anyone setting up cron. So this
command starts a small daemon thread beside the normal `db_worker` loop; every few minutes it
calls `schedule_daily_reminders`, which, from INOVDA_REMINDER_HOUR (07.00 local time by
default), inserts the day's daily ReminderRun row and enqueues `send_deadline_reminders`. The
row is unique per day, so with several workers (or several servers) only the first enqueues; and
each unit is guarded again by its own ReminderLog row, so even a duplicate run reminds nobody
twice. Nothing is kept in process memory: a restarted worker simply finds today's row.

Deployments that prefer cron can run `inovda send_reminders` daily instead, or `inovda
db_worker` for a worker without the clock.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

from django.db import close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

logger = logging.getLogger("inovda.notifications")

CHECK_EVERY_SECONDS = 300


def reminder_clock(every: float = CHECK_EVERY_SECONDS) -> None:
    """Forever: ask for today's reminder check, then sleep. Errors are logged, never fatal."""
    from inovda.notifications.reminders import schedule_daily_reminders

    while True:
        try:
            close_old_connections()
            run = schedule_daily_reminders()
            if run is not None:
                logger.info("Pemeriksaan pengingat tenggat harian %s dijadwalkan", run.day)
        except Exception:
            logger.exception("Pemeriksaan pengingat tenggat harian gagal dijadwalkan")
        finally:
            connection.close()  # this thread's own connection; reopened on the next tick
        time.sleep(every)


class Command(DbWorkerCommand):
    help = "Jalankan pekerja tugas latar (django-tasks) dan pemeriksaan pengingat tenggat harian"

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-reminders",
            action="store_false",
            dest="reminders",
            help="Jangan jalankan pemeriksaan pengingat tenggat harian di pekerja ini",
        )

    def handle(self, *args: Any, reminders: bool = True, **options: Any) -> None:
        # With --reload the parent process only watches files; the clock runs where tasks run.
        watching_only = options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if reminders and not options.get("batch") and not watching_only:
            threading.Thread(target=reminder_clock, name="reminder-clock", daemon=True).start()
        super().handle(*args, **options)
