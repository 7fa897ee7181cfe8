"""Evidence files (data dukung): stored under random names, described by what they really are."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceFile(models.Model):
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("Pemda"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "regions.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_files",
    )
    original_name = models.CharField(_("nama berkas"), max_length=200)
    storage_name = models.CharField(max_length=300, unique=True)
    kind = models.CharField(_("jenis"), max_length=10)
    mime = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("ukuran"))
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    # Read from a PDF's text layer at upload; the operator confirms or corrects them.
    has_text = models.BooleanField(_("punya lapisan teks"), null=True)
    doc_number = models.CharField(_("nomor dokumen"), max_length=120, blank=True)
    doc_date = models.DateField(_("tanggal dokumen"), null=True, blank=True)
    doc_subject = models.CharField(_("perihal / tentang"), max_length=300, blank=True)
    doc_signer = models.CharField(_("penanda tangan"), max_length=200, blank=True)
    facts_confirmed = models.BooleanField(_("data dokumen sudah dikonfirmasi"), default=False)
    mentions_unit = models.BooleanField(_("teks menyebut unit"), null=True)
    # The text layer of the first pages (capped), kept so later checks (does it name the
    # innovation? is it a regulation, of which year?) need no trip to the file storage.
    text = models.TextField(_("teks halaman awal"), blank=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name


class ChunkedUpload(models.Model):
    """An upload sent in pieces so a dropped connection on a slow line loses only one piece.

    Pieces live in the shared file storage (not in a server's memory or disk), so any app
    server behind the load balancer can take the next one.
    """

    id = models.UUIDField(primary_key=True)
    unit = models.ForeignKey("regions.Unit", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    received = models.PositiveBigIntegerField(default=0)
    parts = models.PositiveIntegerField(default=0)
    evidence = models.ForeignKey(
        EvidenceFile, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.received}/{self.size})"


class DesignFingerprint(models.Model):
    """A derived index of one report's design text, for finding near-copies quickly.

    Never edited by people: rebuilt from `Report.design` whenever the report's `version` moved on
    (see `inovda.evidence.duplicates`). Not part of backups; it is rebuilt after a restore.
    """

    report = models.OneToOneField(
        "innovations.Report",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="design_fingerprint",
    )
    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    shingles = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"design #{self.report_id} v{self.version}"


class DesignBand(models.Model):
    """One locality-sensitive band of a design fingerprint: equal keys mean "look closer"."""

    fingerprint = models.ForeignKey(
        DesignFingerprint, on_delete=models.CASCADE, related_name="bands"
    )
    key = models.CharField(max_length=24, db_index=True)

    def __str__(self) -> str:
        return self.key
