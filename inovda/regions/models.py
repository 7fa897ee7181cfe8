"""Regions (Pemda) and their units (perangkat daerah and below)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from inovda.core.models import TimeStampedModel


class Region(models.Model):
    """A Pemda: provinsi, kabupaten or kota, identified by its Kemendagri code."""

    class Kind(models.TextChoices):
        PROVINCE = "provinsi", _("Provinsi")
        REGENCY = "kabupaten", _("Kabupaten")
        CITY = "kota", _("Kota")

    code = models.CharField(_("kode Kemendagri"), max_length=13, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("provinsi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("Pemda")
        verbose_name_plural = _("Pemda")
        ordering = ["code"]

    def __str__(self) -> str:
        if self.kind == self.Kind.PROVINCE:
            return f"Provinsi {self.name}"
        return self.name

    @property
    def is_province(self) -> bool:
        return self.kind == self.Kind.PROVINCE


class Unit(TimeStampedModel):
    """A unit inside a Pemda that owns innovations: OPD, UPT, kecamatan, desa, BUMDes..."""

    class Kind(models.TextChoices):
        AGENCY = "opd", _("Dinas / OPD")
        BOARD = "badan", _("Badan")
        SECRETARIAT = "sekretariat", _("Sekretariat / Inspektorat")
        HEALTH_CENTRE = "upt_puskesmas", _("UPT Puskesmas")
        EDUCATION = "upt_pendidikan", _("UPT Pendidikan / Sekolah")
        EXTENSION = "balai_penyuluhan", _("Balai Penyuluhan Pertanian")
        BLUD = "blud", _("BLUD / RSUD")
        OTHER_UPT = "upt", _("UPT lainnya")
        DISTRICT = "kecamatan", _("Kecamatan")
        URBAN_VILLAGE = "kelurahan", _("Kelurahan")
        VILLAGE = "desa", _("Desa")
        VILLAGE_ENTERPRISE = "bumdes", _("BUMDes")
        OTHER = "lainnya", _("Lainnya")

    region = models.ForeignKey(
        Region, verbose_name=_("Pemda"), on_delete=models.PROTECT, related_name="units"
    )
    name = models.CharField(_("nama unit"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=40, blank=True)
    kind = models.CharField(_("jenis unit"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Mis. Dinas Kesehatan untuk UPT Puskesmas, kecamatan untuk desa."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unit_name_unique_in_region"),
        ]

    def __str__(self) -> str:
        return self.name
