"""The report's full portal profile: fields per rulebook year, numbers, map, impact measures."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.core.models import AuditEvent
from inovda.evidence.tests.helpers import upload
from inovda.innovations.forms import parse_indonesian_number
from inovda.innovations.models import ImpactMeasure, Period, Report
from inovda.innovations.tests.factories import DESIGN, OPEN_SCHEDULE, report
from inovda.methodology.models import Rulebook, RulebookVersion
from inovda.methodology.services import current_version

pytestmark = pytest.mark.django_db

MEASURE_FIELDS = (
    "id",
    "name",
    "measure_unit",
    "value_before",
    "value_after",
    "measured_before_on",
    "measured_after_on",
    "source",
)


def _lists(prefix, rows, initial=0):
    """A formset as the browser posts it: management fields and one group per row."""
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": initial}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def _profile(measures=(), awards=(), initial_measures=0, initial_awards=0, **changes):
    data = {
        "stage": "penerapan",
        "initiator_kind": "perangkat_daerah",
        "initiator_name": "Disdukcapil",
        "kind": "digital",
        "form": "pelayanan_publik",
        "main_affair": "administrasi kependudukan",
        "implemented_on": "2024-03-01",
        "design": DESIGN,
        "goals": "Layanan cepat",
        **_lists("impact", list(measures), initial_measures),
        **_lists("awards", list(awards), initial_awards),
    }
    data.update(changes)
    return data


IKM = {
    "name": "Indeks Kepuasan Masyarakat",
    "measure_unit": "poin",
    "value_before": "76,5",
    "value_after": "86,25",
    "measured_before_on": "2024-01-10",
    "measured_after_on": "2025-06-30",
    "source": "Laporan SKM semester I 2025",
}
WAKTU = {
    "name": "Waktu layanan akta kelahiran",
    "measure_unit": "hari",
    "value_before": "7",
    "value_after": "1",
}


def _create_url(period):
    return reverse("innovations:report-create", args=[period.pk])


def _edit_url(report):
    return reverse("innovations:report-edit", args=[report.pk])


def _field_errors(response):
    return re.findall(r'class="field-error"[^>]*>([^<]*)<', response.content.decode())


def _period(world, rulebook_name, name):
    version = current_version(Rulebook.objects.get(name=rulebook_name))
    return Period.objects.create(
        region=world["balangan"], name=name, rulebook_version=version, **OPEN_SCHEDULE
    )


def test_each_new_field_is_saved_and_shown_on_the_report_page(client, world):
    operator = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])
    client.force_login(operator)
    dpa = upload(world["disdukcapil"], name="dpa-galuh-sanggam.pdf")
    data = {
        "name": "Galuh Sanggam",
        "unit": world["disdukcapil"].pk,
        **_profile(
            measures=[IKM],
            awards=[{"name": "Top 45 KIPP", "giver": "KemenPAN-RB", "year": "2024"}],
            asta_cita=["4", "7"],
            pkpn_cluster="non_pkpn",
            pkpn_program="",
            latitude="-2,3331",
            longitude="115.4669",
            address="Kantor Disdukcapil, Paringin",
            budget_amount="1.500.000,50",
            budget_source="apbd",
            budget_document=dpa.pk,
            business_profile="Layanan gratis; hemat biaya perjalanan warga.",
            ip_kind="hak_cipta",
            ip_number="EC00202412345",
            ip_status="terdaftar",
        ),
    }

    response = client.post(_create_url(world["period"]), data)

    saved = Report.objects.get()
    assert response.status_code == 302
    assert (saved.asta_cita, saved.pkpn_cluster) == (["4", "7"], "non_pkpn")
    assert (saved.latitude, saved.longitude) == (Decimal("-2.333100"), Decimal("115.466900"))
    assert (saved.budget_amount, saved.budget_source) == (Decimal("1500000.50"), "apbd")
    assert saved.budget_document == dpa
    assert (saved.ip_kind, saved.ip_number, saved.ip_status) == (
        "hak_cipta",
        "EC00202412345",
        "terdaftar",
    )
    assert saved.awards == [{"name": "Top 45 KIPP", "giver": "KemenPAN-RB", "year": 2024}]
    measure = ImpactMeasure.objects.get(report=saved)
    assert (measure.value_before, measure.value_after) == (Decimal("76.5"), Decimal("86.25"))
    assert measure.measured_after_on == dt.date(2025, 6, 30)

    page = client.get(_edit_url(saved)).content.decode()

    checked = re.findall(r'<input type="checkbox" name="asta_cita" value="(\d)"[^>]*checked', page)
    assert checked == ["4", "7"]
    assert re.search(r'<option value="non_pkpn" selected>Non PKPN</option>', page)
    assert 'name="latitude" value="-2.3331"' in page
    assert 'name="longitude" value="115.4669"' in page
    assert 'value="Kantor Disdukcapil, Paringin"' in page
    assert 'name="budget_amount" value="1.500.000,5"' in page
    assert re.search(rf'<option value="{dpa.pk}" selected>dpa-galuh-sanggam.pdf</option>', page)
    assert "hemat biaya perjalanan warga" in page
    assert 'value="EC00202412345"' in page
    assert 'value="Top 45 KIPP"' in page and 'value="KemenPAN-RB"' in page
    assert 'value="Indeks Kepuasan Masyarakat"' in page
    assert 'name="impact-0-value_before" value="76,5"' in page
    assert 'name="impact-0-value_after" value="86,25"' in page
    assert 'data-testid="location-map"' in page


def test_a_2023_period_form_does_not_show_asta_cita_pkpn_or_the_map(client, world):
    period_2023 = _period(world, "IID-2023", "IID 2023")
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))

    old = client.get(_create_url(period_2023)).content.decode()
    new = client.get(_create_url(world["period"])).content.decode()

    assert 'name="asta_cita"' not in old and 'name="pkpn_cluster"' not in old
    assert 'data-testid="location-map"' not in old and "leaflet.js" not in old
    assert 'name="stage"' in old and 'name="impact-TOTAL_FORMS"' in old
    assert 'name="asta_cita"' in new and 'name="pkpn_cluster"' in new
    assert "vendor/leaflet/leaflet.js" in new


def test_fields_hidden_by_the_year_keep_their_saved_values(client, world):
    period_2023 = _period(world, "IID-2023", "IID 2023")
    saved = report(world["disdukcapil"], period_2023, asta_cita=["6"], latitude=Decimal("-2.32"),
                   longitude=Decimal("115.62"))  # fmt: skip
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))

    response = client.post(_edit_url(saved), {**_profile(goals="Diubah"), "seen_version": 1})

    saved.refresh_from_db()
    assert response.status_code == 302
    assert (saved.goals, saved.asta_cita) == ("Diubah", ["6"])
    assert (saved.latitude, saved.longitude) == (Decimal("-2.320000"), Decimal("115.620000"))


def test_a_required_field_of_the_year_is_refused_with_a_message(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    data = {"name": "Galuh Sanggam", "unit": world["disdukcapil"].pk, **_profile()}

    response = client.post(_create_url(world["period"]), {**data, "initiator_name": ""})

    assert _field_errors(response) == [
        "Nama inisiator wajib diisi menurut Indeks Inovasi Daerah 2026."
    ]
    assert Report.objects.count() == 0


def test_a_rulebook_that_requires_the_location_refuses_a_report_without_it(client, world):
    source = current_version(Rulebook.objects.get(name="IID-2026"))
    rules = dict(source.data, name="IID-2026-LOKASI", title="IID 2026 dengan lokasi wajib")
    rules["profile_fields"] = [
        dict(f, required=True) if f["field"] in ("location", "impact_measures") else f
        for f in source.data["profile_fields"]
    ]
    rulebook = Rulebook.objects.create(name="IID-2026-LOKASI", year=2026, title="x", status="draft")
    version = RulebookVersion.objects.create(
        rulebook=rulebook, number=1, version_label="uji", data=rules, fingerprint="uji"
    )
    period = Period.objects.create(
        region=world["balangan"], name="IID 2026 (lokasi)", rulebook_version=version,
        **OPEN_SCHEDULE,
    )  # fmt: skip
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    data = {"name": "Galuh Sanggam", "unit": world["disdukcapil"].pk, **_profile()}

    without = client.post(_create_url(period), data)
    located = client.post(
        _create_url(period), {**data, **_profile(measures=[WAKTU]), "latitude": "-2,32",
                              "longitude": "115,62"}
    )  # fmt: skip

    assert _field_errors(without) == [
        "Lintang (latitude) wajib diisi menurut IID 2026 dengan lokasi wajib.",
        "Bujur (longitude) wajib diisi menurut IID 2026 dengan lokasi wajib.",
        "Ukuran dampak wajib diisi menurut IID 2026 dengan lokasi wajib: isi paling sedikit "
        "satu baris.",
    ]
    assert located.status_code == 302
    assert Report.objects.get().latitude == Decimal("-2.320000")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("satu juta", "“satu juta” bukan angka. Tulis dengan angka, mis. 1.000.000 atau "
         "1.500.000,50."),
        ("1,500,000.50", "“1,500,000.50” ditulis dengan format Inggris. Format Indonesia memakai "
         "titik untuk ribuan dan koma untuk desimal, mis. 1.500.000,50 atau 4,5."),
        ("-5.000", "Tidak boleh kurang dari 0."),
        ("1.500.000,505", "Paling banyak 2 angka di belakang koma."),
    ],
)  # fmt: skip
def test_a_bad_budget_gets_a_message_saying_how_to_write_it(client, world, typed, message):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    data = {"name": "Galuh Sanggam", "unit": world["disdukcapil"].pk}

    response = client.post(_create_url(world["period"]), {**data, **_profile(budget_amount=typed)})

    assert _field_errors(response) == [message]
    assert Report.objects.count() == 0


def test_indonesian_numbers_are_read_as_a_person_writes_them():
    assert parse_indonesian_number("1.500.000,50") == Decimal("1500000.50")
    assert parse_indonesian_number("Rp 2.000.000") == Decimal("2000000")
    assert parse_indonesian_number("82,35") == Decimal("82.35")
    assert parse_indonesian_number("1.500") == Decimal("1500")
    assert parse_indonesian_number(" 14 ") == Decimal("14")
    assert parse_indonesian_number("-3,5") == Decimal("-3.5")


def test_bad_measure_values_and_coordinates_get_clear_messages(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    data = {"name": "Galuh Sanggam", "unit": world["disdukcapil"].pk}
    bad_measure = {**IKM, "value_before": "4.5", "measured_after_on": "2023-01-01"}

    response = client.post(
        _create_url(world["period"]),
        {**data, **_profile(measures=[bad_measure], latitude="115.62", longitude="-2.32")},
    )
    abroad = client.post(
        _create_url(world["period"]), {**data, **_profile(latitude="14.6", longitude="120.98")}
    )

    assert _field_errors(abroad) == [
        "Titik (lintang 14.6, bujur 120.98) di luar wilayah Indonesia. Periksa apakah lintang "
        "dan bujur tertukar; contoh Balangan: lintang -2,32, bujur 115,62."
    ]
    assert _field_errors(response) == [
        "Harus antara -90 dan 90. Apakah lintang dan bujur tertukar? Contoh Balangan: lintang "
        "-2,32, bujur 115,62.",
        "“4.5” ditulis dengan format Inggris. Format Indonesia memakai titik untuk ribuan dan "
        "koma untuk desimal, mis. 1.500.000,50 atau 4,5.",
        "Tanggal ukur sesudah harus sama dengan atau setelah tanggal ukur sebelum.",
    ]
    assert Report.objects.count() == 0


def test_only_latitude_without_longitude_is_refused(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    data = {"name": "Galuh Sanggam", "unit": world["disdukcapil"].pk}

    response = client.post(_create_url(world["period"]), {**data, **_profile(latitude="-2,32")})

    assert _field_errors(response) == [
        "Isi lintang dan bujur bersama-sama, atau klik titik lokasi di peta."
    ]


def _registered_with_measures(world, *rows):
    saved = report(world["disdukcapil"], world["period"])
    for position, row in enumerate(rows):
        ImpactMeasure.objects.create(
            report=saved,
            position=position,
            name=row["name"],
            measure_unit=row["measure_unit"],
            value_before=parse_indonesian_number(row["value_before"]),
            value_after=parse_indonesian_number(row["value_after"]),
        )
    return saved


def _as_posted(measure):
    return {
        "id": measure.pk,
        "name": measure.name,
        "measure_unit": measure.measure_unit,
        "value_before": str(measure.value_before).replace(".", ","),
        "value_after": str(measure.value_after).replace(".", ","),
    }


def test_impact_measures_are_added_changed_and_removed_with_an_audit_trail(client, world):
    saved = _registered_with_measures(world, IKM, WAKTU)
    ikm, waktu = ImpactMeasure.objects.filter(report=saved)
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    rows = [
        {**_as_posted(ikm), "value_after": "90"},
        {**_as_posted(waktu), "DELETE": "on"},
        {"name": "Jumlah akta terbit", "measure_unit": "dokumen", "value_before": "1.200",
         "value_after": "4.800"},
    ]  # fmt: skip

    response = client.post(
        _edit_url(saved), {**_profile(measures=rows, initial_measures=2), "seen_version": 1}
    )

    assert response.status_code == 302
    assert [(m.name, m.value_after) for m in ImpactMeasure.objects.filter(report=saved)] == [
        ("Indeks Kepuasan Masyarakat", Decimal("90")),
        ("Jumlah akta terbit", Decimal("4800")),
    ]
    event = AuditEvent.objects.get(action="report.update")
    assert event.before["impact_measures"] == [
        "Indeks Kepuasan Masyarakat: 76.5000 -> 86.2500 poin",
        "Waktu layanan akta kelahiran: 7.0000 -> 1.0000 hari",
    ]
    assert event.after["impact_measures"] == [
        "Indeks Kepuasan Masyarakat: 76.5000 -> 90 poin",
        "Jumlah akta terbit: 1200 -> 4800 dokumen",
    ]
    page = client.get(_edit_url(saved)).content.decode()
    assert "Waktu layanan akta kelahiran" not in page
    assert 'value="Jumlah akta terbit"' in page


def test_adding_a_row_saves_nothing_and_keeps_what_was_typed(client, world):
    saved = _registered_with_measures(world, IKM)
    (ikm,) = ImpactMeasure.objects.filter(report=saved)
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    rows = [{**_as_posted(ikm), "value_after": "91"}, {}]

    response = client.post(
        _edit_url(saved),
        {**_profile(measures=rows, initial_measures=1, goals="Belum"), "seen_version": 1,
         "add_row": "impact"},
    )  # fmt: skip

    page = response.content.decode()
    saved.refresh_from_db()
    assert response.status_code == 200
    assert page.count('data-testid="impact-row"') == 3  # the typed row and two empty ones
    assert 'name="impact-0-value_after" value="91"' in page
    assert 'name="seen_version" value="1"' in page
    assert "field-error" not in page
    assert (saved.goals, saved.version) == ("Layanan cepat", 1)
    assert ImpactMeasure.objects.get().value_after == Decimal("86.25")


def test_two_people_editing_impact_measures_at_once_get_a_conflict(client, world):
    saved = _registered_with_measures(world, IKM)
    (ikm,) = ImpactMeasure.objects.filter(report=saved)
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))

    siti = client.post(
        _edit_url(saved),
        {**_profile(measures=[{**_as_posted(ikm), "value_after": "88"}], initial_measures=1),
         "seen_version": 1},
    )  # fmt: skip
    budi = client.post(
        _edit_url(saved),
        {**_profile(measures=[{**_as_posted(ikm), "DELETE": "on"}, WAKTU], initial_measures=1),
         "seen_version": 1},
    )  # fmt: skip

    assert siti.status_code == 302
    assert "baru saja disimpan orang lain" in budi.content.decode()
    assert 'value="Waktu layanan akta kelahiran"' in budi.content.decode()  # Budi's row kept
    assert [(m.name, m.value_after) for m in ImpactMeasure.objects.all()] == [
        ("Indeks Kepuasan Masyarakat", Decimal("88"))
    ]
    saved.refresh_from_db()
    assert saved.version == 2


def test_after_input_closes_impact_measures_do_not_change(client, world):
    saved = _registered_with_measures(world, IKM)
    (ikm,) = ImpactMeasure.objects.filter(report=saved)
    Period.objects.filter(pk=world["period"].pk).update(input_closes=dt.date(2026, 6, 2))
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))

    response = client.post(
        _edit_url(saved),
        {**_profile(measures=[{**_as_posted(ikm), "DELETE": "on"}], initial_measures=1),
         "seen_version": 1},
    )  # fmt: skip

    assert "Isian periode ini sudah ditutup" in response.content.decode()
    assert ImpactMeasure.objects.count() == 1


def test_a_post_without_the_lists_leaves_measures_and_awards_alone(client, world):
    saved = _registered_with_measures(world, IKM)
    Report.objects.filter(pk=saved.pk).update(awards=[{"name": "A", "giver": "B", "year": 2024}])
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    data = {k: v for k, v in _profile(goals="Baru").items() if "-" not in k}

    response = client.post(_edit_url(saved), {**data, "seen_version": 1})

    saved.refresh_from_db()
    assert response.status_code == 302
    assert (saved.goals, len(saved.awards), ImpactMeasure.objects.count()) == ("Baru", 1, 1)


def test_other_unit_and_other_region_cannot_see_or_change_impact_measures(client, world):
    saved = _registered_with_measures(world, IKM)
    other_region_report = report(world["dinsos"], world["other_period"], name="Sidaya Sehati")
    ImpactMeasure.objects.create(
        report=other_region_report, name="Data keluarga miskin terverifikasi",
        measure_unit="KK", value_before=10, value_after=20,
    )  # fmt: skip

    client.force_login(person(Role.UNIT_OPERATOR, unit=world["dinkes"]))
    same_region = client.get(_edit_url(saved))
    same_region_post = client.post(
        _edit_url(saved), {**_profile(measures=[WAKTU]), "seen_version": 1}
    )
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["dinsos"]))
    other_region = client.post(_edit_url(saved), {**_profile(measures=[WAKTU]), "seen_version": 1})
    own = client.get(_edit_url(other_region_report)).content.decode()
    client.force_login(person(Role.VIEWER, region=world["balangan"]))
    viewer_page = client.get(_edit_url(saved)).content.decode()
    viewer_post = client.post(_edit_url(saved), {**_profile(measures=[WAKTU]), "seen_version": 1})

    assert (same_region.status_code, same_region_post.status_code) == (404, 404)
    assert other_region.status_code == 404
    assert 'value="Indeks Kepuasan Masyarakat"' not in own
    assert "Data keluarga miskin terverifikasi" in own
    assert 'value="Indeks Kepuasan Masyarakat"' in viewer_page
    assert "add-impact-row" not in viewer_page
    assert viewer_post.status_code == 403
    assert [m.name for m in ImpactMeasure.objects.filter(report=saved)] == [
        "Indeks Kepuasan Masyarakat"
    ]


def test_report_page_query_count_does_not_grow_with_impact_measures(
    client, world, django_assert_num_queries
):
    saved = _registered_with_measures(world, IKM)
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))
    client.get(_edit_url(saved))  # warm per-process caches (content types, parsed rulebook)
    with django_assert_num_queries(7):
        client.get(_edit_url(saved))

    for row in (WAKTU, IKM):
        ImpactMeasure.objects.create(
            report=saved, name=row["name"], measure_unit=row["measure_unit"],
            value_before=1, value_after=2,
        )  # fmt: skip

    with django_assert_num_queries(7):
        client.get(_edit_url(saved))
