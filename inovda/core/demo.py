"""Demo data that tells a true story from public news (sources in docs/demo.md).

Staged by lifecycle, each stage idempotent: regions → units → people → rulebooks → scores.
Running it again creates nothing new.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from inovda.accounts.models import Role, RoleAssignment, User
from inovda.regions.models import Region, Unit

DEMO_PASSWORD = "inovda-demo-2026"  # noqa: S105 -- the published demo password
DEMO_DOMAIN = "@inovda.demo"
# Published on purpose (README, docs/demo.md): every demo admin shares it. Never use in production.
DEMO_TOTP_SECRET = "INOVDADEMOTOTPKEYBALANGANKALSELA"  # noqa: S105 -- published demo secret
MFA_ROLES = {Role.NATIONAL_ADMIN, Role.PROVINCE_COORDINATOR, Role.REGION_ADMIN}

BALANGAN, BANJAR, BANGKALAN, KALSEL, JATIM = "63.11", "63.03", "35.26", "63", "35"

# (region code, unit name, kind, parent unit name or "")
UNITS = [
    (BALANGAN, "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "badan", ""),
    (BALANGAN, "Dinas Kependudukan dan Pencatatan Sipil", "opd", ""),
    (BALANGAN, "Dinas Kesehatan", "opd", ""),
    (BALANGAN, "UPTD Puskesmas Paringin", "upt_puskesmas", "Dinas Kesehatan"),
    (BALANGAN, "UPTD Puskesmas Uren", "upt_puskesmas", "Dinas Kesehatan"),
    (BALANGAN, "UPTD Puskesmas Awayan", "upt_puskesmas", "Dinas Kesehatan"),
    (BALANGAN, "UPTD Puskesmas Tanah Habang", "upt_puskesmas", "Dinas Kesehatan"),
    (BALANGAN, "Dinas Pendidikan", "opd", ""),
    (
        BALANGAN,
        "Dinas Pekerjaan Umum, Penataan Ruang, Perumahan Rakyat dan Kawasan Permukiman",
        "opd",
        "",
    ),
    (BALANGAN, "RSUD Datu Kandang Haji", "blud", "Dinas Kesehatan"),
    (BALANGAN, "Kecamatan Awayan", "kecamatan", ""),
    (BALANGAN, "Kecamatan Paringin", "kecamatan", ""),
    (BALANGAN, "Desa Balida", "desa", "Kecamatan Paringin"),
    (BANJAR, "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan", "badan", ""),
    (BANJAR, "Dinas Kesehatan", "opd", ""),
    (BANJAR, "Dinas Pemberdayaan Masyarakat dan Desa", "opd", ""),
    (BANGKALAN, "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "badan", ""),
    (BANGKALAN, "Dinas Sosial", "opd", ""),
    (BANGKALAN, "Kecamatan Labang", "kecamatan", ""),
    (BANGKALAN, "Desa Sukolilo Barat", "desa", "Kecamatan Labang"),
    (BANGKALAN, "BUMDes Desa Sukolilo Barat", "bumdes", "Desa Sukolilo Barat"),
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    region: str | None
    unit: str | None = None
    position: str = ""

    @property
    def needs_totp(self) -> bool:
        return self.role in MFA_ROLES


# Fictional people (no real official's name) in real places.
ACCOUNTS = [
    DemoAccount(
        "nasional@inovda.demo",
        "Dewi Kartikasari",
        Role.NATIONAL_ADMIN,
        None,
        position="Admin nasional (contoh BSKDN)",
    ),
    DemoAccount(
        "kalsel@inovda.demo",
        "Ahmad Fauzan Noor",
        Role.PROVINCE_COORDINATOR,
        KALSEL,
        position="Koordinator inovasi Provinsi Kalimantan Selatan",
    ),
    DemoAccount(
        "admin.balangan@inovda.demo",
        "Rina Mahdiyah",
        Role.REGION_ADMIN,
        BALANGAN,
        "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        "Admin inovasi Bapperida",
    ),
    DemoAccount(
        "verifikator.balangan@inovda.demo",
        "Muhammad Ridho Saputra",
        Role.VERIFIER,
        BALANGAN,
        position="Verifikator Bapperida",
    ),
    DemoAccount(
        "operator.disdukcapil@inovda.demo",
        "Siti Nurhaliza Rahmi",
        Role.UNIT_OPERATOR,
        BALANGAN,
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Operator inovasi Disdukcapil",
    ),
    DemoAccount(
        "kepala.disdukcapil@inovda.demo",
        "Hj. Nurul Aini",
        Role.UNIT_HEAD,
        BALANGAN,
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Kepala dinas (fiktif)",
    ),
    DemoAccount(
        "operator.puskesmas.uren@inovda.demo",
        "Yuliana Safitri",
        Role.UNIT_OPERATOR,
        BALANGAN,
        "UPTD Puskesmas Uren",
        "Operator inovasi Puskesmas Uren",
    ),
    DemoAccount(
        "pendamping.puskesmas@inovda.demo",
        "Bambang Hermawan",
        Role.MENTOR,
        BALANGAN,
        "Dinas Kesehatan",
        "Pendamping inovasi klaster kesehatan",
    ),
    DemoAccount(
        "juri.balangan@inovda.demo",
        "Dr. Lestari Widyaningsih",
        Role.JURY,
        BALANGAN,
        position="Juri Lomba Inovasi Balangan",
    ),
    DemoAccount(
        "bupati.balangan@inovda.demo",
        "Kantor Bupati Balangan",
        Role.VIEWER,
        BALANGAN,
        position="Peninjau (pimpinan daerah)",
    ),
    DemoAccount(
        "admin.banjar@inovda.demo",
        "Norhayati Rahman",
        Role.REGION_ADMIN,
        BANJAR,
        "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
        "Admin inovasi Bappedalitbang Banjar",
    ),
    DemoAccount(
        "admin.bangkalan@inovda.demo",
        "Moh. Hasan Basri",
        Role.REGION_ADMIN,
        BANGKALAN,
        "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        "Admin inovasi Bangkalan",
    ),
    DemoAccount(
        "operator.dinsos.bangkalan@inovda.demo",
        "Fitriyah Maulidia",
        Role.UNIT_OPERATOR,
        BANGKALAN,
        "Dinas Sosial",
        "Operator inovasi Dinas Sosial",
    ),
]


def seed_regions() -> int:
    """The 552 Pemda from the bundled list (only when missing)."""
    from inovda.regions.loading import load_regions

    if Region.objects.filter(code__in=[BALANGAN, BANJAR, BANGKALAN]).count() == 3:
        return 0
    return load_regions().created


def seed_units() -> int:
    created = 0
    for code, name, kind, parent_name in UNITS:
        region = Region.objects.get(code=code)
        parent = Unit.objects.get(region=region, name=parent_name) if parent_name else None
        _unit, was_created = Unit.objects.get_or_create(
            region=region, name=name, defaults={"kind": kind, "parent": parent}
        )
        created += was_created
    return created


def seed_people() -> int:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    created = 0
    for account in ACCOUNTS:
        user, was_created = User.objects.get_or_create(
            email=account.email,
            defaults={"full_name": account.full_name, "position": account.position},
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created += 1
        region = Region.objects.get(code=account.region) if account.region else None
        unit = Unit.objects.get(region=region, name=account.unit) if account.unit else None
        if account.role not in (Role.UNIT_OPERATOR, Role.UNIT_HEAD, Role.MENTOR):
            unit = None
        RoleAssignment.objects.get_or_create(user=user, role=account.role, region=region, unit=unit)
        if (
            account.needs_totp
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
    return created


# Innovations named in the public story (docs/demo.md); the rest are plausible demo entries.
STORY = {
    BALANGAN: [
        (
            "Galuh Sanggam",
            "Dinas Kependudukan dan Pencatatan Sipil",
            "administrasi kependudukan dan pencatatan sipil",
        ),
        (
            "Balanting (Balangan Lawan Stunting)",
            "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
            "kesehatan",
        ),
        (
            "Dewa Cinta",
            "Dinas Kependudukan dan Pencatatan Sipil",
            "administrasi kependudukan dan pencatatan sipil",
        ),
        ("PUBERTAS New Generation", "UPTD Puskesmas Uren", "kesehatan"),
        ("Bekal Akrobat", "UPTD Puskesmas Uren", "kesehatan"),
        ("Boengas", "UPTD Puskesmas Tanah Habang", "kesehatan"),
        ("Papah Modis Dalang Batik", "RSUD Datu Kandang Haji", "lingkungan hidup"),
        (
            "Pepes Papari",
            "Dinas Pekerjaan Umum, Penataan Ruang, Perumahan Rakyat dan Kawasan Permukiman",
            "pekerjaan umum dan penataan ruang",
        ),
        ("Gertak Sepadu", "Kecamatan Awayan", "pemberdayaan masyarakat dan desa"),
        (
            "Lasungku Talu",
            "Dinas Kependudukan dan Pencatatan Sipil",
            "administrasi kependudukan dan pencatatan sipil",
        ),
        ("Beasiswa 1.000 Sarjana", "Dinas Pendidikan", "pendidikan"),
        ("Klinik Inoba", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "perencanaan"),
    ],
    BANJAR: [
        (
            "Desk Konsultasi Inovasi",
            "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
            "perencanaan",
        ),
        ("Posyandu Digital", "Dinas Kesehatan", "kesehatan"),
        ("Desa Data", "Dinas Pemberdayaan Masyarakat dan Desa", "pemberdayaan masyarakat dan desa"),
    ],
    BANGKALAN: [
        ("Sidaya Sehati", "Dinas Sosial", "sosial"),
        ("Ateragih", "BUMDes Desa Sukolilo Barat", "pemberdayaan masyarakat dan desa"),
    ],
}


def _answers(code: str, seed: int) -> Any:
    from inovda.scoring import get_bundled_rulebook
    from inovda.scoring.types import Answer, AnswerSet, InnovationAnswers

    rulebook = get_bundled_rulebook("IID-2026")
    rng = random.Random(seed)  # noqa: S311 -- reproducible demo data
    high = {BALANGAN: (2, 3), BANJAR: (2, 3), BANGKALAN: (1, 2)}[code]
    region = {r.code: Answer(rng.randint(*high)) for r in rulebook.spd_rows}
    innovations = tuple(
        InnovationAnswers(
            name=name,
            unit=unit,
            affairs=(affair,),
            answers={r.code: Answer(rng.randint(*high)) for r in rulebook.sid_rows},
        )
        for name, unit, affair in STORY[code]
    )
    return AnswerSet(rulebook="IID-2026", region=region, innovations=innovations)


def seed_scores() -> int:
    """One self-assessed score per demo region under IID-2026, to fill the score pages."""
    from inovda.methodology.models import Rulebook, ScoreRecord
    from inovda.methodology.services import current_version, load_bundled_rulebooks, score_answers

    load_bundled_rulebooks()
    version = current_version(Rulebook.objects.get(name="IID-2026"))
    created = 0
    for seed, code in enumerate((BALANGAN, BANJAR, BANGKALAN)):
        region = Region.objects.get(code=code)
        if ScoreRecord.objects.filter(region=region).exists():
            continue
        admin = User.objects.filter(
            assignments__region=region, assignments__role=Role.REGION_ADMIN
        ).first()
        score_answers(
            actor=admin,
            region=region,
            version=version,
            answers=_answers(code, seed),
            label="Contoh: jawaban klaim IID 2026 (data demo)",
        )
        created += 1
    return created


# The 2026 portal's newer profile fields for three of the story's innovations. Illustrative demo
# values (coordinates approximate, amounts and measures invented), except the PUBERTAS award,
# which is in docs/demo.md (Bailang 2025).
DEMO_PROFILE_EXTRAS: dict[str, dict[str, Any]] = {
    "Galuh Sanggam": {
        "asta_cita": ["4", "7"],
        "pkpn_cluster": "non_pkpn",
        "latitude": Decimal("-2.333100"),
        "longitude": Decimal("115.466900"),
        "address": "Kantor Disdukcapil Balangan, Paringin (data demo)",
        "budget_amount": Decimal("185000000"),
        "budget_source": "apbd",
        "ip_kind": "hak_cipta",
        "ip_status": "diajukan",
        "impact_measures": [
            {"name": "Waktu layanan akta kelahiran", "measure_unit": "hari",
             "value_before": Decimal("7"), "value_after": Decimal("1"),
             "measured_before_on": dt.date(2023, 12, 1), "measured_after_on": dt.date(2025, 6, 30),
             "source": "Contoh (data demo), bukan angka resmi"},
            {"name": "Indeks Kepuasan Masyarakat", "measure_unit": "poin",
             "value_before": Decimal("78.2"), "value_after": Decimal("86.5"),
             "measured_before_on": dt.date(2023, 12, 1), "measured_after_on": dt.date(2025, 12, 1),
             "source": "Contoh (data demo), bukan angka resmi"},
        ],
    },
    "Balanting (Balangan Lawan Stunting)": {
        "asta_cita": ["4", "6"],
        "pkpn_cluster": "kesehatan",
        "pkpn_program": "Percepatan penurunan stunting",
        "latitude": Decimal("-2.320000"),
        "longitude": Decimal("115.620000"),
        "address": "Kabupaten Balangan (seluruh kecamatan) (data demo)",
        "budget_amount": Decimal("1500000000.50"),
        "budget_source": "apbd",
        "impact_measures": [
            {"name": "Balita stunting yang didampingi", "measure_unit": "anak",
             "value_before": Decimal("120"), "value_after": Decimal("540"),
             "measured_before_on": dt.date(2024, 1, 15), "measured_after_on": dt.date(2025, 7, 15),
             "source": "Contoh (data demo), bukan angka resmi"},
        ],
    },
    "PUBERTAS New Generation": {
        "asta_cita": ["4"],
        "pkpn_cluster": "kesehatan",
        "latitude": Decimal("-2.281000"),
        "longitude": Decimal("115.633000"),
        "address": "UPTD Puskesmas Uren (koordinat perkiraan, data demo)",
        "budget_source": "apbd",
        "budget_amount": Decimal("45000000"),
        "awards": [
            {"name": "Juara 1 kategori UPTD Puskesmas, Lomba Inovasi Balangan (Bailang)",
             "giver": "Pemerintah Kabupaten Balangan", "year": 2025},
        ],
    },
}  # fmt: skip


def seed_period() -> int:
    """Balangan's "IID 2026" period with the story's innovations registered (profiles only)."""

    from inovda.innovations.models import Period, Report
    from inovda.innovations.services import register_innovation
    from inovda.methodology.models import Rulebook
    from inovda.methodology.services import current_version

    region = Region.objects.get(code=BALANGAN)
    # Input closes at the end of 2026, or a month from today when the demo is run later, so a
    # new demo can always be filled and verified.
    closes = max(dt.date(2026, 12, 31), timezone.localdate() + dt.timedelta(days=30))
    period, _created = Period.objects.get_or_create(
        region=region,
        name="IID 2026",
        defaults={
            "rulebook_version": current_version(Rulebook.objects.get(name="IID-2026")),
            "input_opens": dt.date(2026, 6, 1),
            "input_closes": closes,
            "verification_closes": closes + dt.timedelta(days=31),
            "final_on": closes + dt.timedelta(days=59),
        },
    )
    operator = User.objects.get(email="operator.disdukcapil@inovda.demo")
    created = 0
    for name, unit_name, affair in STORY[BALANGAN]:
        unit = Unit.objects.get(region=region, name=unit_name)
        if Report.objects.filter(period=period, innovation__name=name).exists():
            continue
        register_innovation(
            actor=operator,
            unit=unit,
            period=period,
            name=name,
            stage="penerapan",
            initiator_kind="perangkat_daerah",
            initiator_name=unit_name,
            kind="digital",
            form="pelayanan_publik",
            main_affair=affair,
            other_affairs=[],
            implemented_on=dt.date(2024, 3, 1),
            design=f"Contoh rancang bangun {name} (data demo). " + "isi " * 40,
            goals="Contoh tujuan (data demo).",
            **DEMO_PROFILE_EXTRAS.get(name, {}),
        )
        created += 1
    return created


# The review story in the demo (levels and decisions are invented for the demo, not real
# verification results): innovation -> (claimed levels of rows 16-35, where it stands).
DEMO_REVIEW = {
    "Galuh Sanggam": ((3, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 1, 2, 2, 1, 3, 2, 3, 2, 3), "verified"),
    "Dewa Cinta": ((2, 2, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 0, 1, 1, 2, 1, 2), "returned"),
    "Balanting (Balangan Lawan Stunting)": (
        (3, 3, 3, 2, 2, 3, 3, 2, 2, 2, 3, 2, 3, 2, 2, 3, 3, 3, 2, 3),
        "approved",
    ),
    "Lasungku Talu": ((2, 1, 2, 1, 1, 1, 2, 1, 1, 1, 2, 1, 1, 1, 0, 1, 1, 2, 1, 1), "submitted"),
    "PUBERTAS New Generation": (
        (3, 2, 2, 2, 1, 2, 2, 1, 1, 2, 2, 1, 1, 1, 0, 2, 1, 2, 1, 2),
        "draft",
    ),
}
DEMO_REGION_LEVELS = {"1": 3, "2a": 2, "2b": 2, "3": 3, "4": 2, "5a": 2, "6": 3, "7": 2, "8": 1}


def seed_review() -> int:
    """Answers and review states for a few Balangan reports, so the dashboard tells a story.

    Runs once (skipped when the period already has answers) and only while the demo period is
    open for input and verification: the workflow refuses anything else, as it should.
    """
    from inovda.innovations import services, workflow
    from inovda.innovations.models import Answer, Period, Report

    period = Period.objects.filter(region__code=BALANGAN, name="IID 2026").first()
    today = timezone.localdate()
    if (
        period is None
        or Answer.objects.filter(period=period).exists()
        or not (period.input_opens <= today <= period.input_closes)
    ):
        return 0
    people = {u.email: u for u in User.objects.filter(email__endswith=DEMO_DOMAIN)}
    admin = people[f"admin.balangan{DEMO_DOMAIN}"]
    verifier = people[f"verifikator.balangan{DEMO_DOMAIN}"]

    def acting(role: str, unit_name: str) -> Any:
        """The unit's own demo account in this role; elsewhere the region admin acts for it."""
        for a in ACCOUNTS:
            if a.region == BALANGAN and a.role == role and a.unit == unit_name:
                return people[a.email]
        return admin

    rulebook_rows = [str(code) for code in range(16, 36)]
    done = 0
    for name, (levels, stage) in DEMO_REVIEW.items():
        report = Report.objects.select_related("innovation__unit").get(
            period=period, innovation__name=name
        )
        unit = report.innovation.unit
        operator = acting(Role.UNIT_OPERATOR, unit.name)
        head = acting(Role.UNIT_HEAD, unit.name)
        services.save_answers(
            actor=operator,
            period=period,
            report=report,
            entries={
                code: {"level": level}
                for code, level in zip(rulebook_rows, levels, strict=True)
                if level
            },
        )
        if stage == "draft":
            done += 1
            continue
        workflow.submit_report(report, actor=operator)
        if stage != "submitted":
            workflow.approve_report(report, actor=head)
        if stage in ("verified", "returned"):
            for answer in Answer.objects.filter(report=report).order_by("pk"):
                if stage == "returned" and answer.row_code == "17":
                    workflow.verify_answer(
                        answer,
                        actor=verifier,
                        accept=False,
                        reason="SK tim inovasi belum ditandatangani; unggah SK yang sudah "
                        "ditandatangani Kepala Dinas (contoh demo).",
                    )
                elif answer.row_code == "16" and answer.claimed_level == 3:
                    workflow.verify_answer(
                        answer,
                        actor=verifier,
                        accept=True,
                        approved_level=2,
                        reason="Regulasi setingkat SK Kepala Perangkat Daerah, bukan Perkada "
                        "(contoh demo).",
                    )
                else:
                    workflow.verify_answer(answer, actor=verifier, accept=True)
        done += 1
    services.save_answers(
        actor=admin,
        period=period,
        report=None,
        entries={code: {"level": level} for code, level in DEMO_REGION_LEVELS.items()},
    )
    return done


def seed_demo() -> dict[str, int]:
    with transaction.atomic():
        return {
            "regions": seed_regions(),
            "units": seed_units(),
            "people": seed_people(),
            "scores": seed_scores(),
            "reports": seed_period(),
            "reviews": seed_review(),
        }


def current_demo_code(at: float | None = None) -> str:
    """The 6-digit code an authenticator app shows now for the published demo secret."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(at if at is not None else time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))
