"""Writes for notifications: send (in-app + e-mail) and mark as read.

Other apps call `notify`, `notify_unit` or `notify_region` from inside their own service's
transaction; that service writes the audit event for what happened (a report returned, ...), so
sending the message adds none of its own. Marking as read changes only the reader's own inbox,
not the region's data, so it is not audited either (it would add a row per click).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme

from inovda.accounts.models import Role, User
from inovda.notifications.models import Notification

logger = logging.getLogger(__name__)


def is_site_path(url: str) -> bool:
    """True for a path inside this site ("/inovasi/laporan/3/"), False for anything that leaves it.

    Refuses absolute URLs, scheme-relative ones ("//evil.example"), backslash tricks that some
    browsers read as "//", and control characters.
    """
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return False
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts=set())


def notify(
    recipients: Iterable[Any],
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    region: Any = None,
    email: bool = True,
) -> list[Notification]:
    """Tell people something: one in-app notification each, and an e-mail each when `email`.

    `recipients` are users (a list or a queryset); duplicates and deactivated accounts are
    skipped. `url` is a path inside the site ("/inovasi/laporan/3/"), or "" for none.

    Side effects: one bulk insert of Notification rows; after the surrounding transaction commits
    (immediately when there is none), a background task sends the e-mails and stamps
    `emailed_at`. Nothing is e-mailed when the caller's transaction rolls back.

    Raises ValueError when `url` leaves the site (it would be an open redirect).
    """
    if url and not is_site_path(url):
        raise ValueError(f"Tautan notifikasi harus alamat di dalam inovda (/...): {url!r}")
    people: dict[int, Any] = {}
    for person in recipients:
        if person is not None and person.is_active:
            people.setdefault(person.pk, person)
    if not people:
        return []
    region_id = getattr(region, "pk", None)
    rows = Notification.objects.bulk_create(
        [
            Notification(
                recipient=person,
                region_id=region_id,
                kind=kind,
                title=" ".join(title.split())[:200],
                body=body,
                url=url,
            )
            for person in people.values()
        ]
    )
    if email:
        ids = [row.pk for row in rows]
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return rows


def _enqueue_emails(ids: list[int]) -> None:
    from inovda.notifications.tasks import send_notification_emails

    send_notification_emails.enqueue(ids)


def _as_roles(roles: str | Iterable[str]) -> list[str]:
    return [roles] if isinstance(roles, str) else list(roles)


def notify_unit(
    unit: Any,
    roles: str | Iterable[str] = Role.UNIT_OPERATOR,
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """`notify` the people holding `roles` (unit operators by default) in `unit`.

    Side effects: those of `notify`; the notification's region is the unit's region.
    """
    people = User.objects.filter(
        is_active=True, assignments__unit=unit, assignments__role__in=_as_roles(roles)
    ).distinct()
    return notify(
        people, kind=kind, title=title, body=body, url=url, region=unit.region, email=email
    )


def notify_region(
    region: Any,
    roles: str | Iterable[str] = Role.REGION_ADMIN,
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """`notify` the people holding region-wide `roles` (region admins by default) in `region`.

    Side effects: those of `notify`.
    """
    people = User.objects.filter(
        is_active=True,
        assignments__region=region,
        assignments__unit__isnull=True,
        assignments__role__in=_as_roles(roles),
    ).distinct()
    return notify(people, kind=kind, title=title, body=body, url=url, region=region, email=email)


def mark_read(notification: Notification, *, actor: Any) -> Notification:
    """Mark one of the actor's own notifications as read (no-op when it already is).

    Side effects: sets `read_at`. Raises PermissionError for someone else's notification.
    """
    if notification.recipient_id != actor.pk:
        raise PermissionError("Bukan notifikasi Anda")
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def mark_all_read(*, actor: Any) -> int:
    """Mark every unread notification of the actor as read; returns how many changed.

    Side effects: sets `read_at` on those rows (one UPDATE).
    """
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def absolute_url(path: str) -> str:
    """`SITE_URL` + a path: links in e-mails must work outside the browser's session."""
    return settings.SITE_URL.rstrip("/") + path


def send_emails(notification_ids: list[int]) -> int:
    """E-mail the given notifications that were not e-mailed yet; returns how many were sent.

    One plain-text Indonesian e-mail per notification, with the absolute link that opens it
    (and marks it read). A failing address is logged and skipped, the others still go; running
    it again sends only those still without `emailed_at`.

    Side effects: e-mails through EMAIL_BACKEND; stamps `emailed_at` on those sent.
    """
    rows = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True
    ).select_related("recipient", "region")
    sent: list[int] = []
    with translation.override(settings.LANGUAGE_CODE), get_connection() as connection:
        for row in rows:
            if not row.recipient.email:
                continue
            link = absolute_url(reverse("notifications:open", args=[row.pk]))
            body = render_to_string(
                "notifications/email.txt",
                {
                    "notification": row,
                    "link": link,
                    "inbox": absolute_url(reverse("notifications:list")),
                },
            )
            message = EmailMessage(
                subject=f"[inovda] {row.title}",
                body=body,
                to=[row.recipient.email],
                connection=connection,
            )
            try:
                message.send()
            except Exception:
                # One bad address must not stop the others; the row stays un-stamped.
                logger.exception("E-mail notifikasi %s ke %s gagal", row.pk, row.recipient.email)
                continue
            sent.append(row.pk)
    if sent:
        Notification.objects.filter(pk__in=sent).update(emailed_at=timezone.now())
    return len(sent)
