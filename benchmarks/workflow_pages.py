"""Workflow pages at national scale: 552 regions, 30,000 innovations, every row answered.

Builds the data in a throwaway database (SQLite in a temporary folder, or the PostgreSQL of
DATABASE_URL when set: use an empty database), then renders the pages people use every day for
the largest region (the one with the most innovations) through Django's test client in this
process: time (median of 7 after a warm-up) and SQL queries per page. The same run measures the
scoring engine alone on the same region's answers, the floor under the dashboard.

    .venv/bin/python benchmarks/workflow_pages.py
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
TMP = Path(tempfile.mkdtemp(prefix="inovda-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inovda.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP / 'bench.sqlite3'}")
os.environ["INOVDA_VAR_DIR"] = str(TMP)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from scoring import innovation_counts  # noqa: E402

RUNS = 7


def build(rng: random.Random):
    import datetime as dt

    from inovda.accounts.models import Role, RoleAssignment, User
    from inovda.innovations.models import Answer, Innovation, Period, Report
    from inovda.methodology.models import Rulebook
    from inovda.methodology.services import current_version, load_bundled_rulebooks
    from inovda.regions.models import Region, Unit

    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    load_bundled_rulebooks()
    version = current_version(Rulebook.objects.get(name="IID-2026"))
    from inovda.methodology.adapters import rulebook_of

    rulebook = rulebook_of(version)
    sid = [r.code for r in rulebook.sid_rows]
    spd = [r.code for r in rulebook.spd_rows]
    regions = list(Region.objects.order_by("code"))
    counts = innovation_counts(rng)
    today = dt.date.today()
    schedule = {
        "input_opens": today - dt.timedelta(days=60),
        "input_closes": today + dt.timedelta(days=30),
        "verification_closes": today + dt.timedelta(days=60),
        "final_on": today + dt.timedelta(days=90),
    }
    periods = Period.objects.bulk_create(
        Period(region=r, name="IID 2026", rulebook_version=version, **schedule) for r in regions
    )
    units = Unit.objects.bulk_create(
        Unit(region=r, name=f"Perangkat Daerah {k + 1}", kind="opd")
        for r, n in zip(regions, counts, strict=True)
        for k in range(max(1, n // 8))
    )
    by_region: dict[int, list] = {}
    for u in units:
        by_region.setdefault(u.region_id, []).append(u)
    innovations = Innovation.objects.bulk_create(
        Innovation(region=r, unit=by_region[r.pk][k % len(by_region[r.pk])], name=f"Inovasi {k}")
        for r, n in zip(regions, counts, strict=True)
        for k in range(n)
    )
    period_of = {p.region_id: p for p in periods}
    statuses = ["draft", "submitted", "approved", "returned", "verified", "ready"]
    reports = Report.objects.bulk_create(
        (
            Report(
                innovation=i,
                period=period_of[i.region_id],
                stage="penerapan",
                initiator_kind="perangkat_daerah",
                initiator_name="OPD",
                kind="digital",
                form="pelayanan_publik",
                main_affair=rng.choice(["kesehatan", "pendidikan", "sosial", "pekerjaan umum"]),
                implemented_on=dt.date(2025, 3, 1),
                design="kata " * 300,
                status=rng.choice(statuses),
            )
            for i in innovations
        ),
        batch_size=2000,
    )

    def answer(period, report, code, verified):
        level = rng.randrange(1, 4)
        return Answer(
            period=period,
            report=report,
            row_code=code,
            claimed_level=level,
            approved_level=rng.randrange(0, level + 1) if verified else None,
            status="accepted" if verified else "draft",
        )

    batch: list[Answer] = []
    for r in reports:
        verified = r.status in ("verified", "ready")
        batch.extend(answer(r.period, r, code, verified) for code in sid)
        if len(batch) > 20000:
            Answer.objects.bulk_create(batch, batch_size=5000)
            batch = []
    for p in periods:
        batch.extend(answer(p, None, code, True) for code in spd)
    Answer.objects.bulk_create(batch, batch_size=5000)

    # One PDF per report (some scanned, some not naming the innovation, some reused from another
    # report, some regulations outside the window), attached to three answers each.
    from inovda.evidence.models import EvidenceFile

    files = EvidenceFile.objects.bulk_create(
        (
            EvidenceFile(
                region_id=r.period.region_id,
                unit_id=r.innovation.unit_id,
                original_name=f"sk-{r.pk}.pdf",
                storage_name=f"bukti/bench/{r.pk}.pdf",
                kind="pdf",
                mime="application/pdf",
                size=250_000,
                sha256=f"{(r.pk // 20 if rng.random() < 0.05 else r.pk):064x}",
                has_text=rng.random() > 0.1,
                mentions_unit=rng.random() > 0.2,
                doc_date=dt.date(rng.randrange(2018, 2027), 1, 15),
                doc_subject="Keputusan Bupati tentang Tim Inovasi",
                text=(r.innovation.name if rng.random() > 0.2 else "lain") + " PERATURAN BUPATI",
            )
            for r in reports
        ),
        batch_size=2000,
    )
    through = Answer.evidence.through
    first_rows = Answer.objects.filter(report__isnull=False, row_code__in=sid[:3]).values_list(
        "pk", "report_id"
    )
    file_of = {r.pk: f.pk for r, f in zip(reports, files, strict=True)}
    through.objects.bulk_create(
        (through(answer_id=a, evidencefile_id=file_of[rep]) for a, rep in first_rows.iterator()),
        batch_size=5000,
    )

    largest = regions[max(range(len(regions)), key=counts.__getitem__)]
    people = {}
    for key, role, unit in [
        ("admin", Role.REGION_ADMIN, None),
        ("verifier", Role.VERIFIER, None),
        ("operator", Role.UNIT_OPERATOR, by_region[largest.pk][0]),
    ]:
        user = User.objects.create_user(email=f"{key}@bench.local")  # force_login: no password
        RoleAssignment.objects.create(user=user, role=role, region=largest, unit=unit)
        people[key] = user
    report = Report.objects.filter(period=period_of[largest.pk]).order_by("pk").first()
    return largest, period_of[largest.pk], report, people, max(counts), len(reports)


def measure(client: Client, url: str) -> tuple[float, int, int]:
    """Median time, queries and HTML size (bytes) of a page."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200
    return statistics.median(times), len(ctx.captured_queries), len(response.content)


def main() -> None:
    from django.urls import reverse

    from inovda.innovations.scoring import period_answer_sets
    from inovda.methodology.adapters import rulebook_of
    from inovda.scoring import score

    started = time.perf_counter()
    region, period, report, people, largest_n, total = build(random.Random(2026))
    built = time.perf_counter() - started
    # As after any bulk import: index design texts once (the pages then only catch up).
    started = time.perf_counter()
    call_command("rebuild_evidence_index", verbosity=0)
    indexed = time.perf_counter() - started
    client = Client()
    rows = []
    client.force_login(people["verifier"])  # an admin would first need TOTP; same page
    rows.append(
        (
            "dashboard (verifier)",
            *measure(client, reverse("innovations:report-list", args=[period.pk])),
        )
    )
    rows.append(("work queue (verifier)", *measure(client, reverse("innovations:queue"))))
    rows.append(
        (
            "indicator page (verifier)",
            *measure(client, reverse("innovations:report-answers", args=[report.pk])),
        )
    )
    rows.append(
        (
            "region indicators (verifier)",
            *measure(client, reverse("innovations:region-answers", args=[period.pk])),
        )
    )
    rows.append(("evidence warnings queue", *measure(client, reverse("evidence:warning-queue"))))
    # The region admin fills the region rows, picking files among all of the region's.
    from inovda.accounts.tests.factories import activate_totp

    client.force_login(activate_totp(people["admin"]))
    rows.append(
        (
            "region indicators (admin, filling)",
            *measure(client, reverse("innovations:region-answers", args=[period.pk])),
        )
    )
    client.force_login(people["operator"])
    rows.append(("work queue (operator)", *measure(client, reverse("innovations:queue"))))

    rulebook = rulebook_of(period.rulebook_version)
    answers, _verified = period_answer_sets(period)
    engine = []
    for _ in range(RUNS):
        start = time.perf_counter()
        score(rulebook, answers)
        score(rulebook, answers)  # the dashboard scores claimed and verified
        engine.append(time.perf_counter() - start)
    engine_s = statistics.median(engine)
    load = []
    for _ in range(RUNS):
        start = time.perf_counter()
        period_answer_sets(period)
        load.append(time.perf_counter() - start)
    load_s = statistics.median(load)

    print("inovda workflow pages benchmark — national data, largest region")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}"
    )
    print(
        f"database: {connection.vendor}; data built in {built:.0f} s, "
        f"design index rebuilt in {indexed:.0f} s"
    )
    print(
        f"data: 552 regions, {total:,} innovations, every row answered, one PDF each on three "
        f"rows; largest region {region} with {largest_n} innovations"
    )
    print(f"{'page':<36}{'median':>10}{'queries':>10}{'HTML':>10}")
    for name, seconds, queries, size in rows:
        print(f"{name:<36}{seconds * 1000:>8.0f} ms{queries:>10}{size / 1024:>7.0f} KB")
    print(f"{'engine only: score claimed + verified':<36}{engine_s * 1000:>8.0f} ms")
    print(f"{'load answers from DB (both sets)':<36}{load_s * 1000:>8.0f} ms")
    dash = rows[0][1]
    print(f"dashboard / (load + engine)            {dash / (load_s + engine_s):>8.2f}x")


if __name__ == "__main__":
    main()
