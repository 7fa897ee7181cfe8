"""In-app notifications (also e-mailed) and the rows that keep deadline reminders once a day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inovda.core.models import JobStatus


class Notification(models.Model):
    """One message to one person: shown under the bell, usually also sent by e-mail.

    Owned by its recipient (only they ever read it); `region` says which Pemda it is about and is
    empty for national messages.
    """

    class Kind(models.TextChoices):
        RETURNED = "returned", _("Dikembalikan")
        SUBMITTED = "submitted", _("Diajukan")
        APPROVED = "approved", _("Disetujui")
        VERIFIED = "verified", _("Terverifikasi")
        REMINDER = "reminder", _("Pengingat tenggat")
        PROPOSAL = "proposal", _("Usulan masyarakat")
        INFO = "info", _("Informasi")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("Pemda"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, default=Kind.INFO)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(
        _("tautan"),
        max_length=500,
        blank=True,
        help_text=_("Alamat di dalam inovda, mis. /inovasi/"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat e-mail"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The list page (newest first) and the bell's unread count, both per recipient.
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} — {self.title}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class ReminderLog(models.Model):
    """One deadline reminder sent to one unit for one period on one day.

    The unique row is the guard: two workers or two app servers running the same check insert
    the same (period, unit, day); the second insert fails and that unit is not reminded twice.
    """

    period = models.ForeignKey(
        "innovations.Period", verbose_name=_("periode"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "regions.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("tanggal"))
    days_left = models.IntegerField(_("sisa hari"))
    pending = models.PositiveIntegerField(
        _("laporan belum diajukan"), default=0, help_text=_("0 = belum mendaftarkan inovasi")
    )
    recipients = models.PositiveIntegerField(_("penerima"), default=0)
    created_at = models.DateTimeField(_("dikirim"), auto_now_add=True)

    class Meta:
        verbose_name = _("catatan pengingat")
        verbose_name_plural = _("catatan pengingat")
        ordering = ["-day", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "day"], name="reminder_once_per_unit_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period} — {self.day}"


class ReminderRun(models.Model):
    """One run of the reminder check: the daily one (all periods) or a region admin's "send now".

    The daily run is unique per day, so when several workers each start the daily check only
    one of them enqueues it. Progress is saved as units are done, for the page that polls it.
    """

    class Trigger(models.TextChoices):
        DAILY = "daily", _("Otomatis harian")
        MANUAL = "manual", _("Dikirim admin")

    Status = JobStatus

    trigger = models.CharField(_("pemicu"), max_length=10, choices=Trigger.choices)
    period = models.ForeignKey(
        "innovations.Period",
        verbose_name=_("periode"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Kosong untuk pemeriksaan harian semua periode."),
    )
    day = models.DateField(_("tanggal"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="queued")
    units_total = models.PositiveIntegerField(_("unit perlu diingatkan"), default=0)
    units_done = models.PositiveIntegerField(_("unit diproses"), default=0)
    units_reminded = models.PositiveIntegerField(_("unit diingatkan"), default=0)
    units_skipped = models.PositiveIntegerField(_("sudah diingatkan hari ini"), default=0)
    recipients = models.PositiveIntegerField(_("penerima"), default=0)
    message = models.CharField(_("pesan"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    # Written with every progress step: a running daily check silent for long lost its worker.
    updated_at = models.DateTimeField(_("terakhir diperbarui"), auto_now=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("jalannya pengingat")
        verbose_name_plural = _("jalannya pengingat")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["day"], condition=Q(trigger="daily"), name="reminder_daily_run_once"
            ),
            models.CheckConstraint(
                condition=Q(trigger="daily") | Q(period__isnull=False),
                name="reminder_manual_run_has_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_trigger_display()} {self.day} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if not self.units_total:
            return 0 if self.is_running else 100
        return round(100 * self.units_done / self.units_total)

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
