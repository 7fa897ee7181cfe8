"""Background work for the task worker (`inovda worker`): thin tasks that call services."""

from __future__ import annotations

from django_tasks import task


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    from inovda.notifications.services import send_emails

    return send_emails(notification_ids)


@task()
def send_deadline_reminders(
    period_id: int | None = None, run_id: int | None = None
) -> dict[str, int]:
    """Remind units whose input closes soon.

    Without `period_id`: every open period whose input closes in 7, 3 or 1 day(s) or today (the
    daily check). With `period_id`: that period now, whatever the countdown (an admin's "send
    now"). `run_id` names the ReminderRun row that shows progress. Each (period, unit, day) is
    reminded at most once, however often this runs.
    """
    from inovda.notifications.reminders import run_reminders

    return run_reminders(period_id=period_id, run_id=run_id)
