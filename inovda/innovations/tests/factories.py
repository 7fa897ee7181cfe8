"""A small Balangan/Bangkalan world with an open IID 2026 period, for tests of any app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from inovda.innovations import services
from inovda.innovations.models import Period, Report
from inovda.methodology.models import Rulebook
from inovda.methodology.services import current_version, load_bundled_rulebooks
from inovda.regions.tests.factories import RegionFactory, UnitFactory

DESIGN = " ".join(["kata"] * 320)
OPEN_SCHEDULE = {
    "input_opens": dt.date(2026, 6, 1),
    "input_closes": dt.date(2099, 8, 23),
    "verification_closes": dt.date(2099, 9, 30),
    "final_on": dt.date(2099, 12, 1),
}


def make_world() -> dict[str, Any]:
    """Two regions, an open IID 2026 period in each, two Balangan units and one Bangkalan unit."""
    load_bundled_rulebooks()
    balangan = RegionFactory(code="63.11", name="Kabupaten Balangan")
    bangkalan = RegionFactory(code="35.26", name="Kabupaten Bangkalan")
    version = current_version(Rulebook.objects.get(name="IID-2026"))
    period = Period.objects.create(
        region=balangan, name="IID 2026", rulebook_version=version, **OPEN_SCHEDULE
    )
    other_period = Period.objects.create(
        region=bangkalan, name="IID 2026", rulebook_version=version, **OPEN_SCHEDULE
    )
    disdukcapil = UnitFactory(region=balangan, name="Disdukcapil Balangan")
    dinkes = UnitFactory(region=balangan, name="Dinas Kesehatan Balangan")
    dinsos = UnitFactory(region=bangkalan, name="Dinas Sosial Bangkalan")
    return locals()


def profile(**changes: Any) -> dict[str, Any]:
    """A complete profile as the service takes it (typed values)."""
    data: dict[str, Any] = {
        "stage": "penerapan",
        "initiator_kind": "perangkat_daerah",
        "initiator_name": "Disdukcapil",
        "kind": "digital",
        "form": "pelayanan_publik",
        "main_affair": "administrasi kependudukan",
        "other_affairs": [],
        "implemented_on": dt.date(2024, 3, 1),
        "design": DESIGN,
        "goals": "Layanan cepat",
        "benefits": "Warga terlayani",
        "results": "Dokumen terbit",
    }
    data.update(changes)
    return data


def report(unit: Any, period: Period, name: str = "Galuh Sanggam", **changes: Any) -> Report:
    """Register an innovation through the service, as an operator would."""
    return services.register_innovation(
        actor=None, unit=unit, period=period, name=name, **profile(**changes)
    )
