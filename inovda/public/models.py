"""Community proposals (usulan inovasi masyarakat): sent by citizens without an account."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inovda.core.models import TimeStampedModel


class Proposal(TimeStampedModel):
    """An innovation idea a citizen sends to a Pemda; the region admin accepts or declines it.

    Accepting creates an Innovation in a unit's register (the operator completes its report).
    The citizen follows it with `tracking_code`, which shows status and reply, never contacts.
    Only a keyed hash of the sender's IP is kept, to limit how often one network may send.
    """

    class Status(models.TextChoices):
        NEW = "new", _("Baru")
        ACCEPTED = "accepted", _("Diterima")
        DECLINED = "declined", _("Ditolak")

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("Pemda"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    tracking_code = models.CharField(_("kode lacak"), max_length=9, unique=True)
    proposer_name = models.CharField(_("nama pengusul"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("nomor telepon"), max_length=20, blank=True)
    location = models.CharField(_("desa/kelurahan dan kecamatan"), max_length=150, blank=True)
    title = models.CharField(_("judul usulan"), max_length=200)
    problem = models.TextField(_("masalah yang ingin diatasi"))
    idea = models.TextField(_("gagasan inovasi"))
    benefit = models.TextField(_("manfaat yang diharapkan"))
    suggested_unit = models.ForeignKey(
        "regions.Unit",
        verbose_name=_("unit yang disarankan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    reply = models.TextField(_("balasan untuk pengusul"), blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditanggapi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    triaged_at = models.DateTimeField(_("ditanggapi"), null=True, blank=True)
    innovation = models.OneToOneField(
        "innovations.Innovation",
        verbose_name=_("inovasi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
    )
    ip_hash = models.CharField(_("sidik jaringan pengirim"), max_length=64, editable=False)

    class Meta:
        verbose_name = _("usulan masyarakat")
        verbose_name_plural = _("usulan masyarakat")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["ip_hash", "created_at"], name="proposal_ip_recent"),
            models.Index(fields=["region", "status", "created_at"], name="proposal_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(reply=""),
                name="proposal_declined_has_reply",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.title}"
