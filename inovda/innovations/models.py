"""Assessment periods, innovations (which live across years) and their yearly reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inovda.core.models import TimeStampedModel


class Period(TimeStampedModel):
    """One assessment year of a region (e.g. "IID 2026"), bound to a rulebook version."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("Pemda"), on_delete=models.PROTECT, related_name="periods"
    )
    name = models.CharField(_("nama periode"), max_length=60)
    rulebook_version = models.ForeignKey(
        "methodology.RulebookVersion",
        verbose_name=_("buku aturan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    input_opens = models.DateField(_("isian dibuka"))
    input_closes = models.DateField(_("isian ditutup"))
    verification_closes = models.DateField(_("verifikasi ditutup"))
    final_on = models.DateField(_("final"))
    national_deadline = models.DateField(
        _("batas kirim ke portal nasional"),
        null=True,
        blank=True,
        help_text=_("Tanggal terakhir pengiriman ke portal Indeks Inovasi Daerah Kemendagri."),
    )

    class Meta:
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        ordering = ["-input_opens"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="period_name_unique_in_region"),
            models.CheckConstraint(
                condition=models.Q(input_opens__lte=models.F("input_closes"))
                & models.Q(input_closes__lte=models.F("verification_closes"))
                & models.Q(verification_closes__lte=models.F("final_on")),
                name="period_schedule_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.region}"


class Innovation(TimeStampedModel):
    """An innovation of a unit; it lives across years, each period has its report."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("Pemda"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "regions.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="innovations"
    )
    name = models.CharField(_("nama inovasi"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("inovasi")
        verbose_name_plural = _("inovasi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Report(TimeStampedModel):
    """An innovation's profile for one period, as the national portal asks for it.

    Its review workflow: draft -> submitted -> approved (head of unit) -> verified by the
    coordinating agency, or returned (a reason per answer) -> resubmitted -> ready -> sent.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        APPROVED = "approved", _("Disetujui kepala unit")
        RETURNED = "returned", _("Dikembalikan")
        VERIFIED = "verified", _("Terverifikasi")
        READY = "ready", _("Siap dikirim")
        SENT = "sent", _("Terkirim")

    class Stage(models.TextChoices):
        INITIATIVE = "inisiatif", _("Inisiatif")
        TRIAL = "uji_coba", _("Uji coba")
        IMPLEMENTATION = "penerapan", _("Penerapan")

    class Initiator(models.TextChoices):
        HEAD_OF_REGION = "kepala_daerah", _("Kepala Daerah")
        DPRD = "dprd", _("Anggota DPRD")
        AGENCY = "perangkat_daerah", _("Perangkat Daerah (OPD)")
        ASN = "asn", _("ASN")
        PUBLIC = "masyarakat", _("Masyarakat")

    class Kind(models.TextChoices):
        DIGITAL = "digital", _("Digital")
        NON_DIGITAL = "non_digital", _("Non digital")

    class Form(models.TextChoices):
        GOVERNANCE = "tata_kelola", _("Inovasi tata kelola pemerintahan daerah")
        PUBLIC_SERVICE = "pelayanan_publik", _("Inovasi pelayanan publik")
        OTHER = "lainnya", _("Inovasi daerah lainnya sesuai urusan pemerintahan")

    class AstaCita(models.TextChoices):
        """The eight missions (Asta Cita) of the 2024-2029 government, shortened.

        Official text: Lampiran Perpres 12/2025 tentang RPJMN 2025-2029 (visi "Bersama Indonesia
        Maju Menuju Indonesia Emas 2045" and its eight missions), the same eight as registered
        with the KPU on 25 October 2023. The portal field: spec iid-rule-changes-and-portal-fields
        B.1 #11 ([S-ROTE], [S-SBW]); the spec says "one of 1-8", we allow several because an
        innovation often serves more than one mission.
        """

        IDEOLOGY = "1", _("1. Memperkokoh ideologi Pancasila, demokrasi, dan HAM")
        DEFENCE_SELF_RELIANCE = (
            "2",
            _(
                "2. Memantapkan pertahanan keamanan dan kemandirian bangsa (swasembada pangan, "
                "energi, air, ekonomi kreatif, hijau dan biru)"
            ),
        )
        JOBS = (
            "3",
            _(
                "3. Meningkatkan lapangan kerja berkualitas, kewirausahaan, industri kreatif dan "
                "infrastruktur"
            ),
        )
        HUMAN_RESOURCES = (
            "4",
            _(
                "4. Memperkuat pembangunan SDM, sains, teknologi, pendidikan, kesehatan, olahraga, "
                "kesetaraan gender, peran perempuan, pemuda dan penyandang disabilitas"
            ),
        )
        DOWNSTREAMING = "5", _("5. Melanjutkan hilirisasi dan industrialisasi (nilai tambah)")
        VILLAGES = (
            "6",
            _(
                "6. Membangun dari desa dan dari bawah untuk pemerataan ekonomi dan pemberantasan "
                "kemiskinan"
            ),
        )
        REFORM = (
            "7",
            _(
                "7. Memperkuat reformasi politik, hukum dan birokrasi, serta pencegahan dan "
                "pemberantasan korupsi dan narkoba"
            ),
        )
        HARMONY = (
            "8",
            _(
                "8. Memperkuat keselarasan dengan lingkungan, alam dan budaya, serta toleransi "
                "antarumat beragama"
            ),
        )

    class PkpnCluster(models.TextChoices):
        """PKPN clusters as the 2026 sources list them (spec B.1 #12, [S-ROTE], [S-SBW])."""

        FOOD = "pangan", _("Kedaulatan Pangan")
        ENERGY_WATER = "energi_air", _("Kemandirian Energi dan Air")
        EDUCATION = "pendidikan", _("Pendidikan")
        HEALTH = "kesehatan", _("Kesehatan")
        DOWNSTREAMING = "hilirisasi", _("Hilirisasi dan Industrialisasi")
        INFRASTRUCTURE = "infrastruktur", _("Infrastruktur Perumahan dan Ketahanan Bencana")
        VILLAGE_ECONOMY = "ekonomi_desa", _("Ekonomi Kerakyatan dan Desa")
        POVERTY = "kemiskinan", _("Penurunan Kemiskinan")
        NONE = "non_pkpn", _("Non PKPN")

    class BudgetSource(models.TextChoices):
        APBD = "apbd", _("APBD")
        APBDES = "apbdes", _("APBDes")
        APBN = "apbn", _("APBN")
        CSR = "csr", _("CSR")
        OTHER = "lainnya", _("Lainnya")

    class IpKind(models.TextChoices):
        """Kinds of intellectual property (HAKI) a regional innovation usually registers."""

        COPYRIGHT = "hak_cipta", _("Hak cipta (mis. program komputer)")
        PATENT = "paten", _("Paten")
        SIMPLE_PATENT = "paten_sederhana", _("Paten sederhana")
        TRADEMARK = "merek", _("Merek")
        INDUSTRIAL_DESIGN = "desain_industri", _("Desain industri")
        OTHER = "lainnya", _("Lainnya")

    class IpStatus(models.TextChoices):
        FILED = "diajukan", _("Dalam proses permohonan")
        REGISTERED = "terdaftar", _("Terdaftar / tercatat")
        REFUSED = "ditolak", _("Ditolak")

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="reports")
    previous = models.ForeignKey(
        "self",
        verbose_name=_("versi tahun sebelumnya"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_versions",
    )
    stage = models.CharField(_("tahapan"), max_length=12, choices=Stage.choices)
    initiator_kind = models.CharField(_("inisiator"), max_length=20, choices=Initiator.choices)
    initiator_name = models.CharField(_("nama inisiator"), max_length=150)
    kind = models.CharField(_("jenis inovasi"), max_length=12, choices=Kind.choices)
    form = models.CharField(_("bentuk inovasi"), max_length=20, choices=Form.choices)
    main_affair = models.CharField(_("urusan utama"), max_length=120)
    other_affairs = models.JSONField(_("urusan lain"), default=list, blank=True)
    trial_on = models.DateField(_("waktu uji coba"), null=True, blank=True)
    implemented_on = models.DateField(_("waktu penerapan"), null=True, blank=True)
    developed_on = models.DateField(_("waktu pengembangan terakhir"), null=True, blank=True)
    development_note = models.TextField(_("penjelasan pengembangan"), blank=True)
    design = models.TextField(_("rancang bangun dan pokok perubahan"), blank=True)
    goals = models.TextField(_("tujuan"), blank=True)
    benefits = models.TextField(_("manfaat"), blank=True)
    results = models.TextField(_("hasil inovasi"), blank=True)
    video_url = models.URLField(_("tautan video"), blank=True)
    asta_cita = models.JSONField(_("Asta Cita"), default=list, blank=True)
    pkpn_cluster = models.CharField(
        _("klaster PKPN"), max_length=20, choices=PkpnCluster.choices, blank=True
    )
    pkpn_program = models.CharField(_("program PKPN"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.CharField(_("alamat / lokasi penerapan"), max_length=300, blank=True)
    budget_amount = models.DecimalField(
        _("anggaran (Rp)"), max_digits=17, decimal_places=2, null=True, blank=True
    )
    budget_source = models.CharField(
        _("sumber anggaran"), max_length=10, choices=BudgetSource.choices, blank=True
    )
    budget_document = models.ForeignKey(
        "evidence.EvidenceFile",
        verbose_name=_("dokumen anggaran"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    business_profile = models.TextField(_("profil bisnis"), blank=True)
    ip_kind = models.CharField(_("jenis HAKI"), max_length=20, choices=IpKind.choices, blank=True)
    ip_number = models.CharField(_("nomor pendaftaran HAKI"), max_length=100, blank=True)
    ip_status = models.CharField(
        _("status HAKI"), max_length=10, choices=IpStatus.choices, blank=True
    )
    # [{"name": ..., "giver": ..., "year": 2024}, ...]
    awards = models.JSONField(_("penghargaan"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    approved_at = models.DateTimeField(_("disetujui kepala unit"), null=True, blank=True)
    verified_at = models.DateTimeField(_("terverifikasi"), null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("laporan inovasi")
        verbose_name_plural = _("laporan inovasi")
        ordering = ["innovation__name"]
        constraints = [
            models.UniqueConstraint(fields=["innovation", "period"], name="report_once_per_period"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="report_location_whole_and_on_earth",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.innovation} ({self.period.name})"

    @property
    def design_words(self) -> int:
        return len(self.design.split())


class ImpactMeasure(TimeStampedModel):
    """One impact measure of a report, before and after (e.g. the satisfaction index, days)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="impact_measures")
    name = models.CharField(_("ukuran dampak"), max_length=150)
    measure_unit = models.CharField(_("satuan"), max_length=50)
    value_before = models.DecimalField(_("nilai sebelum"), max_digits=18, decimal_places=4)
    value_after = models.DecimalField(_("nilai sesudah"), max_digits=18, decimal_places=4)
    measured_before_on = models.DateField(_("diukur sebelum pada"), null=True, blank=True)
    measured_after_on = models.DateField(_("diukur sesudah pada"), null=True, blank=True)
    source = models.CharField(_("sumber data"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("ukuran dampak")
        verbose_name_plural = _("ukuran dampak")
        ordering = ["report", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(measured_before_on__isnull=True)
                | models.Q(measured_after_on__isnull=True)
                | models.Q(measured_before_on__lte=models.F("measured_after_on")),
                name="impact_measured_before_then_after",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.value_before} → {self.value_after} {self.measure_unit}"


class Answer(TimeStampedModel):
    """One scored row answered for a period: per innovation report, or once for the region.

    Keeps the level claimed by the operator and, once verified, the level approved (a verifier
    may approve a lower one); the verified score counts approved levels only.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        ACCEPTED = "accepted", _("Diterima")
        RETURNED = "returned", _("Dikembalikan")

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="answers")
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    row_code = models.CharField(_("indikator"), max_length=4)
    claimed_level = models.PositiveSmallIntegerField(_("tingkat diklaim"), default=0)
    basis = models.CharField(_("dasar"), max_length=1, blank=True)
    approved_level = models.PositiveSmallIntegerField(_("tingkat disetujui"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="draft")
    reason = models.TextField(_("alasan dikembalikan"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    evidence = models.ManyToManyField("evidence.EvidenceFile", blank=True, related_name="answers")
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("jawaban indikator")
        verbose_name_plural = _("jawaban indikator")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "row_code"],
                condition=models.Q(report__isnull=False),
                name="answer_once_per_report_row",
            ),
            models.UniqueConstraint(
                fields=["period", "row_code"],
                condition=models.Q(report__isnull=True),
                name="answer_once_per_region_row",
            ),
            models.CheckConstraint(
                condition=models.Q(claimed_level__lte=3), name="answer_level_0_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.row_code}: {self.claimed_level}"


class Reopening(TimeStampedModel):
    """A region admin reopens one unit, or one answer, after a deadline, with a reason."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="reopenings")
    unit = models.ForeignKey(
        "regions.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="reopenings"
    )
    until = models.DateField(_("dibuka sampai"))
    reason = models.TextField(_("alasan"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pembukaan kembali")
        verbose_name_plural = _("pembukaan kembali")
        ordering = ["-until"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(answer__isnull=False),
                name="reopening_names_unit_or_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit or self.answer} s.d. {self.until}"
