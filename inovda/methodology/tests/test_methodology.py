"""Rulebooks in the app, scoring uploads, re-scoring and ranks — per role and tenant."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.core.models import AuditEvent
from inovda.methodology.models import Rulebook, RulebookVersion, ScoreRecord
from inovda.methodology.services import clone_rulebook, load_bundled_rulebooks
from inovda.regions.tests.factories import ProvinceFactory, RegionFactory, UnitFactory
from inovda.scoring import answers_to_dict, get_bundled_rulebook
from inovda.scoring.excel import answers_template
from inovda.scoring.tests.builders import spec_example

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    load_bundled_rulebooks()
    kalsel = ProvinceFactory(code="63", name="Kalimantan Selatan")
    balangan = RegionFactory(code="63.11", name="Kabupaten Balangan", parent=kalsel)
    banjar = RegionFactory(code="63.03", name="Kabupaten Banjar", parent=kalsel)
    bangkalan = RegionFactory(
        code="35.26", name="Kabupaten Bangkalan", parent=ProvinceFactory(code="35")
    )
    admin = person(Role.REGION_ADMIN, region=balangan)
    other_admin = person(Role.REGION_ADMIN, region=bangkalan)
    return locals()


def _json_upload(answers, name="jawaban.json"):
    return SimpleUploadedFile(
        name, json.dumps(answers_to_dict(answers)).encode(), "application/json"
    )


def _upload(client, region_code, file, rulebook="IID-2026", **extra):
    rb = Rulebook.objects.get(name=rulebook)
    data = {
        "pemda": region_code,
        "file": file,
        "rulebook": rb.pk,
        "label": "Jawaban klaim",
        **extra,
    }
    return client.post(reverse("methodology:score-upload"), data)


def _clone_for_balangan(world):
    return clone_rulebook(
        Rulebook.objects.get(name="IID-2026"),
        actor=world["admin"],
        region=world["balangan"],
        name="IID-2027-BALANGAN",
        year=2027,
        title="IID 2027",
    )


def _text(response):
    return response.content.decode()


def test_load_rulebooks_is_idempotent(world, capsys):
    call_command("load_rulebooks")

    assert "0 baru, 0 versi baru, 3 tetap" in capsys.readouterr().out
    assert RulebookVersion.objects.count() == 3


def test_rulebook_detail_shows_constants_with_sources_and_unknowns(client, world):
    client.force_login(person(Role.UNIT_OPERATOR, unit=UnitFactory(region=world["balangan"])))

    page2026 = _text(client.get(reverse("methodology:rulebook-detail", args=["IID-2026"])))
    page2023 = _text(client.get(reverse("methodology:rulebook-detail", args=["IID-2023"])))

    assert "Indeks Inovasi Daerah 2026" in page2026 and "0,38" in page2026
    assert "Sangat Inovatif" in page2026 and "65,01" in page2026
    assert page2023.count('class="badge bad">belum diketahui<') == 4


def test_indicator_page_shows_parameters_weight_and_evidence(client, world):
    client.force_login(person(Role.VIEWER, region=world["balangan"]))

    page = _text(client.get(reverse("methodology:indicator-detail", args=["IID-2026", "16"])))

    assert "Regulasi inovasi daerah" in page
    assert 'data-testid="weight">3<' in page
    assert "Peraturan Daerah" in page and "SK Kepala Perangkat Daerah" in page


def test_indicator_unknown_code_is_404(client, world):
    client.force_login(world["admin"])

    assert (
        client.get(reverse("methodology:indicator-detail", args=["IID-2026", "99"])).status_code
        == 404
    )


def test_rulebook_pages_need_sign_in(client, world):
    response = client.get(reverse("methodology:rulebook-list"))

    assert response.url.startswith("/akun/login/")


def test_rulebook_list_query_count_is_constant(client, world, django_assert_num_queries):
    client.force_login(world["admin"])
    with django_assert_num_queries(6):
        client.get(reverse("methodology:rulebook-list"))
    clone_rulebook(
        Rulebook.objects.get(name="IID-2026"),
        actor=world["admin"],
        region=world["balangan"],
        name="IID-2027-BALANGAN",
        year=2027,
        title="IID 2027 Balangan",
    )

    with django_assert_num_queries(6):
        client.get(reverse("methodology:rulebook-list"))


def test_excel_template_download_is_a_workbook(client, world):
    client.force_login(world["admin"])

    response = client.get(reverse("methodology:rulebook-template", args=["IID-2026"]))

    assert response["Content-Disposition"] == 'attachment; filename="jawaban-iid-2026.xlsx"'
    assert response.content[:4] == b"PK\x03\x04"


def test_clone_then_edit_makes_a_new_version_and_old_scores_keep_theirs(client, world):
    client.force_login(world["admin"])
    client.post(
        reverse("methodology:rulebook-clone", args=["IID-2026"]),
        {"name": "IID-2027-BALANGAN", "year": 2027, "title": "IID 2027 (Balangan)"},
    )
    clone = Rulebook.objects.get(name="IID-2027-BALANGAN")
    _upload(client, "63.11", _json_upload(spec_example(5)), rulebook="IID-2027-BALANGAN")
    first = ScoreRecord.objects.get()

    response = client.post(
        reverse("methodology:rulebook-edit", args=["IID-2027-BALANGAN"]),
        {
            "note": "surat BSKDN 2027",
            "divisor_floor": 14,
            "count_score_per_innovation": "0.38",
            "count_score_cap": 200,
            "basic_service_min": 6,
            "max_total": "250",
            "window_start": "2025-01-01",
            "window_end": "2026-12-31",
            "design_min_words": 300,
            "sangat_lower": "65.01",
            "inovatif_lower": "40.01",
        },
    )

    assert response.status_code == 302
    assert clone.versions.count() == 2
    first.refresh_from_db()
    assert first.rulebook_version.number == 1
    assert (
        clone.versions.order_by("-number").first().data["constants"]["basic_service_min"]["value"]
        == 6
    )
    assert AuditEvent.objects.filter(action="rulebook.edit").count() == 1


def test_edit_invalid_bands_shows_error_and_saves_nothing(client, world):
    _clone_for_balangan(world)
    client.force_login(world["admin"])

    response = client.post(
        reverse("methodology:rulebook-edit", args=["IID-2027-BALANGAN"]),
        {"note": "salah", "sangat_lower": "40.00", "inovatif_lower": "65.00"},
    )

    assert "Batas Inovatif harus di atas 0,02 dan di bawah batas Sangat Inovatif." in _text(
        response
    )
    assert RulebookVersion.objects.filter(rulebook__name="IID-2027-BALANGAN").count() == 1


def test_bundled_rulebook_cannot_be_edited(client, world):
    client.force_login(world["admin"])

    assert client.get(reverse("methodology:rulebook-edit", args=["IID-2026"])).status_code == 403


def test_other_region_clone_is_invisible_and_not_editable(client, world):
    clone_rulebook(
        Rulebook.objects.get(name="IID-2026"),
        actor=world["other_admin"],
        region=world["bangkalan"],
        name="IID-2027-BANGKALAN",
        year=2027,
        title="X",
    )
    client.force_login(world["admin"])

    listing = _text(client.get(reverse("methodology:rulebook-list")))
    detail = client.get(reverse("methodology:rulebook-detail", args=["IID-2027-BANGKALAN"]))
    edit = client.post(
        reverse("methodology:rulebook-edit", args=["IID-2027-BANGKALAN"]), {"note": "x"}
    )

    assert "IID-2027-BANGKALAN" not in listing
    assert (detail.status_code, edit.status_code) == (404, 404)


def test_score_upload_reproduces_the_spec_example(client, world):
    client.force_login(world["admin"])

    response = _upload(client, "63.11", _json_upload(spec_example(5)))
    page = _text(client.get(response.url))

    record = ScoreRecord.objects.get()
    assert str(record.iid) == "47.04"
    assert record.rulebook_version.rulebook.name == "IID-2026"
    assert 'data-testid="iid">47,04<' in page
    assert 'data-testid="predicate">Inovatif<' in page
    assert "Perbaiki dulu" in page
    assert 'data-testid="fixes-by-unit"' in page


def test_score_upload_excel_template_works(client, world):
    client.force_login(world["admin"])
    content = answers_template(get_bundled_rulebook("IID-2026"), spec_example(4))

    _upload(client, "63.11", SimpleUploadedFile("jawaban.xlsx", content))

    assert str(ScoreRecord.objects.get().iid) == "44.00"


def test_score_upload_spec_readme_json_example(client, world):
    client.force_login(world["admin"])
    example = {
        "rulebook": "IID-2026",
        "region": {"1": 3, "2a": 2, "2b": 1, "5a": 2, "5b": 3},
        "innovations": [
            {
                "name": "Galuh Sanggam",
                "affairs": ["administrasi kependudukan"],
                "answers": {
                    "16": 3,
                    "17": 2,
                    "33": {"level": 3, "basis": "a"},
                    "35": {"level": 2, "status": "rejected"},
                },
            }
        ],
    }
    upload = SimpleUploadedFile("contoh.json", json.dumps(example).encode())

    _upload(client, "63.11", upload)

    record = ScoreRecord.objects.get()
    assert str(record.iid) == "4.63"
    assert str(record.claimed_iid) == "4.90"


def test_score_upload_broken_json_says_where_and_saves_nothing(client, world):
    client.force_login(world["admin"])

    response = _upload(
        client, "63.11", SimpleUploadedFile("jawaban.json", b'{"region": {"1": 3,}}')
    )

    assert "jawaban.json: baris 1, kolom" in _text(response)
    assert ScoreRecord.objects.count() == 0


def test_score_upload_incomplete_rulebook_explains_what_is_missing(client, world):
    client.force_login(world["admin"])

    response = _upload(client, "63.11", _json_upload(spec_example(5)), rulebook="IID-2023")

    assert "konstanta rumus belum diketahui" in _text(response)
    assert ScoreRecord.objects.count() == 0


def test_score_upload_incomplete_rulebook_with_supplied_constants(client, world):
    client.force_login(world["admin"])

    _upload(
        client,
        "63.11",
        _json_upload(spec_example(5)),
        rulebook="IID-2023",
        count_score_per_innovation="0.38",
        count_score_cap=200,
        basic_service_min=5,
        max_total="250",
    )

    assert ScoreRecord.objects.get().constants["max_total"] == "250"


def test_score_upload_fake_xlsx_is_refused(client, world):
    client.force_login(world["admin"])

    response = _upload(
        client, "63.11", SimpleUploadedFile("jawaban.xlsx", b"<html>bukan excel</html>")
    )

    assert "Isi berkas bukan Excel .xlsx" in _text(response)


def test_score_upload_damaged_xlsx_says_so_and_saves_nothing(client, world):
    import io
    import zipfile

    client.force_login(world["admin"])
    whole = answers_template(get_bundled_rulebook("IID-2026"), spec_example(4))
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(whole)) as src, zipfile.ZipFile(damaged, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            # A sheet cut in half (an interrupted download): the workbook opens, its rows do not.
            out.writestr(
                item, data[: len(data) // 2] if "worksheets/sheet2" in item.filename else data
            )

    response = _upload(client, "63.11", SimpleUploadedFile("jawaban.xlsx", damaged.getvalue()))

    assert response.status_code == 200
    assert "jawaban.xlsx: berkas tidak dapat dibaca" in _text(response)
    assert not ScoreRecord.objects.exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.UNIT_OPERATOR])
def test_score_upload_forbidden_to_read_only_and_unit_roles(client, world, role):
    kwargs = (
        {"unit": UnitFactory(region=world["balangan"])}
        if role == Role.UNIT_OPERATOR
        else {"region": world["balangan"]}
    )
    client.force_login(person(role, **kwargs))

    response = _upload(client, "63.11", _json_upload(spec_example(5)))

    assert response.status_code == 403
    assert ScoreRecord.objects.count() == 0


def test_rescore_under_2027_draft_shows_both_results(client, world):
    client.force_login(world["admin"])
    _upload(client, "63.11", _json_upload(spec_example(5)))
    base = ScoreRecord.objects.get()

    response = client.post(
        reverse("methodology:score-rescore", args=[base.pk]),
        {"rulebook": Rulebook.objects.get(name="IID-2027-DRAFT").pk},
    )
    page = _text(client.get(response.url))

    new = ScoreRecord.objects.exclude(pk=base.pk).get()
    assert (new.based_on, str(new.iid)) == (base, "44.00")
    assert "IID-2027-DRAFT" in page and "47,04" in page and "44,00" in page
    assert 'data-testid="comparison"' in page


def test_score_of_other_region_is_404(client, world):
    client.force_login(world["other_admin"])
    _upload(client, "35.26", _json_upload(spec_example(5)))
    foreign = ScoreRecord.objects.get()
    client.force_login(world["admin"])

    detail = client.get(reverse("methodology:score-detail", args=[foreign.pk]))
    listing = client.get(reverse("methodology:score-list"), {"pemda": "35.26"})
    rescore = client.post(reverse("methodology:score-rescore", args=[foreign.pk]), {"rulebook": 1})

    assert (detail.status_code, listing.status_code, rescore.status_code) == (404, 403, 404)


def test_score_list_query_count_is_constant(client, world, django_assert_num_queries):
    client.force_login(world["admin"])
    _upload(client, "63.11", _json_upload(spec_example(5)))
    with django_assert_num_queries(10):
        client.get(reverse("methodology:score-list"))
    _upload(client, "63.11", _json_upload(spec_example(4)))
    _upload(client, "63.11", _json_upload(spec_example(3)))

    with django_assert_num_queries(10):
        client.get(reverse("methodology:score-list"))


def test_ranking_for_province_coordinator_ranks_its_regions(client, world):
    client.force_login(world["admin"])
    _upload(client, "63.11", _json_upload(spec_example(5)))
    banjar_admin = person(Role.REGION_ADMIN, region=world["banjar"])
    client.force_login(banjar_admin)
    _upload(client, "63.03", _json_upload(spec_example(4)))
    client.force_login(world["other_admin"])
    _upload(client, "35.26", _json_upload(spec_example(5)))
    client.force_login(person(Role.PROVINCE_COORDINATOR, region=world["kalsel"]))

    page = _text(client.get(reverse("methodology:ranking"), {"rentang": "25"}))

    assert page.index("Kabupaten Balangan") < page.index("Kabupaten Banjar")
    assert "Kabupaten Bangkalan" not in page
    assert 'data-testid="sensitivity"' in page


def test_ranking_forbidden_to_region_admin(client, world):
    client.force_login(world["admin"])

    assert client.get(reverse("methodology:ranking")).status_code == 403


def test_other_region_clone_downloads_and_indicators_are_404(client, world):
    clone_rulebook(
        Rulebook.objects.get(name="IID-2026"),
        actor=world["other_admin"],
        region=world["bangkalan"],
        name="IID-2027-BANGKALAN",
        year=2027,
        title="X",
    )
    client.force_login(world["admin"])

    urls = [
        reverse("methodology:rulebook-template", args=["IID-2027-BANGKALAN"]),
        reverse("methodology:rulebook-yaml", args=["IID-2027-BANGKALAN"]),
        reverse("methodology:indicator-detail", args=["IID-2027-BANGKALAN", "16"]),
        reverse("methodology:row-edit", args=["IID-2027-BANGKALAN", "16"]),
        reverse("methodology:rulebook-clone", args=["IID-2027-BANGKALAN"]),
    ]

    assert [client.get(url).status_code for url in urls] == [404] * 5


def test_score_upload_into_another_region_is_refused(client, world):
    client.force_login(world["admin"])

    response = _upload(client, "35.26", _json_upload(spec_example(5)))

    assert response.status_code == 403
    assert ScoreRecord.objects.count() == 0


def test_row_edit_changes_weight_in_a_new_version(client, world):
    _clone_for_balangan(world)
    client.force_login(world["admin"])

    response = client.post(
        reverse("methodology:row-edit", args=["IID-2027-BALANGAN", "35"]),
        {"note": "draf bobot video", "name": "Video inovasi daerah", "weight": "5",
         "mandatory": "on", "p1": "1-2 unsur", "p2": "3-4 unsur", "p3": "5 unsur"},
    )  # fmt: skip
    page = client.get(response.url).content.decode()

    assert 'data-testid="weight">5<' in page
    latest = RulebookVersion.objects.filter(rulebook__name="IID-2027-BALANGAN").order_by("-number")
    assert [v.number for v in latest] == [2, 1]


def test_rescore_job_recomputes_every_region_in_scope_in_the_background(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["admin"])
    _upload(client, "63.11", _json_upload(spec_example(5)))
    client.force_login(person(Role.REGION_ADMIN, region=world["banjar"]))
    _upload(client, "63.03", _json_upload(spec_example(4)))
    client.force_login(world["other_admin"])
    _upload(client, "35.26", _json_upload(spec_example(5)))
    coordinator = person(Role.PROVINCE_COORDINATOR, region=world["kalsel"])
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):  # the task is queued on commit
        response = client.post(
            reverse("methodology:rescore-job-start"),
            {"buku": "IID-2026", "rulebook": Rulebook.objects.get(name="IID-2027-DRAFT").pk},
        )
    page = client.get(response.url).content.decode()

    rescored = ScoreRecord.objects.filter(kind="rescore")
    assert sorted(r.region.code for r in rescored) == ["63.03", "63.11"]  # Bangkalan out of scope
    assert {str(r.iid) for r in rescored} == {"44.00"}
    assert 'data-testid="job-status">Selesai<' in page
    assert "2 dari 2 Pemda" in page


def test_rescore_job_of_someone_else_is_404(client, world):
    coordinator = person(Role.PROVINCE_COORDINATOR, region=world["kalsel"])
    client.force_login(coordinator)
    response = client.post(
        reverse("methodology:rescore-job-start"),
        {"buku": "IID-2026", "rulebook": Rulebook.objects.get(name="IID-2027-DRAFT").pk},
    )
    client.force_login(person(Role.NATIONAL_ADMIN))

    assert client.get(response.url).status_code == 404
