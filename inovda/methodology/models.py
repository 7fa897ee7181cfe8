"""Rulebooks in the database (immutable versions) and the scores they made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inovda.core.models import JobStatus


class Rulebook(models.Model):
    """One year's methodology: bundled (national, read-only) or a region's editable clone."""

    class Status(models.TextChoices):
        FINAL = "final", _("Final")
        PARTIAL = "partial", _("Sebagian — konstanta belum diketahui")
        DRAFT = "draft", _("Draf")

    name = models.CharField(_("nama"), max_length=60, unique=True)
    year = models.PositiveIntegerField(_("tahun"))
    title = models.CharField(_("judul"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    owner_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("Pemda pemilik"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rulebooks",
        help_text=_("Kosong: buku aturan nasional bawaan (hanya baca)."),
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="clones"
    )
    is_bundled = models.BooleanField(_("bawaan"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("buku aturan")
        verbose_name_plural = _("buku aturan")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name


class RulebookVersion(models.Model):
    """An immutable snapshot of a rulebook's data; an edit makes a new version."""

    rulebook = models.ForeignKey(Rulebook, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("nomor versi"))
    version_label = models.CharField(_("versi"), max_length=40)
    data = models.JSONField(_("isi"))
    fingerprint = models.CharField(max_length=64)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("versi buku aturan")
        verbose_name_plural = _("versi buku aturan")
        ordering = ["rulebook", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["rulebook", "number"], name="rulebook_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.rulebook.name} v{self.number} ({self.version_label})"


class ScoreRecord(models.Model):
    """A region's answers scored under one rulebook version, with the full breakdown."""

    class Kind(models.TextChoices):
        UPLOAD = "upload", _("Unggahan berkas jawaban")
        RESCORE = "rescore", _("Hitung ulang dengan buku aturan lain")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("Pemda"), on_delete=models.CASCADE, related_name="scores"
    )
    rulebook_version = models.ForeignKey(
        RulebookVersion,
        verbose_name=_("versi buku aturan"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    label = models.CharField(_("label"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    answers = models.JSONField(_("jawaban"))
    constants = models.JSONField(_("konstanta yang diisi"), default=dict, blank=True)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="rescores"
    )
    iid = models.DecimalField(_("IID"), max_digits=5, decimal_places=2)
    claimed_iid = models.DecimalField(_("IID klaim"), max_digits=5, decimal_places=2)
    predicate = models.CharField(_("predikat"), max_length=30)
    predicate_label = models.CharField(_("predikat"), max_length=40)
    spd = models.DecimalField(_("SPD"), max_digits=9, decimal_places=4)
    sid = models.DecimalField(_("SID"), max_digits=9, decimal_places=4)
    count_score = models.DecimalField(_("skor jumlah inovasi"), max_digits=9, decimal_places=4)
    total = models.DecimalField(_("skor total"), max_digits=9, decimal_places=4)
    innovation_count = models.PositiveIntegerField(_("jumlah inovasi"))
    breakdown = models.JSONField(_("rincian"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("skor IID")
        verbose_name_plural = _("skor IID")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.region} — {self.label} — {self.iid}"


class RescoreJob(models.Model):
    """Re-scoring many regions' latest scores under another rulebook, run by the task worker."""

    Status = JobStatus

    rulebook_version = models.ForeignKey(
        RulebookVersion, verbose_name=_("buku aturan"), on_delete=models.PROTECT, related_name="+"
    )
    source_rulebook = models.ForeignKey(
        Rulebook, verbose_name=_("skor asal"), on_delete=models.PROTECT, related_name="+"
    )
    regions = models.ManyToManyField("regions.Region", related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="queued")
    total = models.PositiveIntegerField(_("jumlah"), default=0)
    done = models.PositiveIntegerField(_("selesai"), default=0)
    failed = models.PositiveIntegerField(_("gagal"), default=0)
    message = models.CharField(_("pesan"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pekerjaan hitung ulang")
        verbose_name_plural = _("pekerjaan hitung ulang")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source_rulebook} → {self.rulebook_version} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return round(100 * (self.done + self.failed) / self.total) if self.total else 0
