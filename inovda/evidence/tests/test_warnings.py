"""Every pre-check warning on answers and reports, with real PDFs generated in the test; they
warn, never block (office documents where the rulebook does not name them excepted)."""

import datetime as dt

import pytest

from inovda.evidence.tests import files
from inovda.evidence.tests.helpers import attach, design_text, edited, upload
from inovda.evidence.warnings import (
    HIGH,
    LOW,
    MEDIUM,
    warnings_for_answers,
    warnings_for_report,
)
from inovda.innovations.models import Answer, Period
from inovda.innovations.tests.factories import report

pytestmark = pytest.mark.django_db

CLEAN = [*files.DECREE, "Pelaksana: Disdukcapil Balangan"]


def _summary(answer):
    return [(w.code, w.severity) for w in warnings_for_answers([answer])[answer.pk]]


def test_a_decree_naming_the_innovation_and_unit_in_the_window_has_no_warning(period_world):
    w = period_world
    galuh = report(w["disdukcapil"], w["period"], name="Galuh Sanggam")

    answer = attach(w["period"], galuh, "16", upload(w["disdukcapil"], CLEAN))

    assert warnings_for_answers([answer]) == {answer.pk: []}


def test_a_pdf_that_does_not_mention_the_innovation_is_flagged(period_world):
    w = period_world
    antrean = report(w["disdukcapil"], w["period"], name="Antrean Daring Adminduk")

    answer = attach(w["period"], antrean, "16", upload(w["disdukcapil"], CLEAN, name="sk.pdf"))

    [warning] = warnings_for_answers([answer])[answer.pk]
    assert (warning.code, warning.severity) == ("name", MEDIUM)
    assert warning.message == (
        "sk.pdf: teks PDF tidak menyebut nama inovasi \u201cAntrean Daring Adminduk\u201d. "
        "Verifikator mencari nama inovasi pada bukti; lampirkan dokumen yang menyebutnya."
    )


def test_the_short_name_in_brackets_counts_as_a_mention(period_world):
    w = period_world
    sigap = report(w["disdukcapil"], w["period"], name="SIGAP (Sistem Gawat Darurat Terpadu)")
    lines = ["KEPUTUSAN KEPALA DINAS", "Pelaksana: Disdukcapil Balangan", "Inovasi SIGAP"]

    answer = attach(w["period"], sigap, "17", upload(w["disdukcapil"], lines))

    assert _summary(answer) == []


def test_a_scan_and_a_pdf_not_naming_the_unit_are_flagged(period_world):
    w = period_world
    galuh = report(w["disdukcapil"], w["period"], name="Galuh Sanggam")
    scan = upload(w["disdukcapil"], data=files.pdf(), name="pindaian.pdf")
    other_unit = upload(w["disdukcapil"], files.DECREE, name="sk-tanpa-unit.pdf")

    answer = attach(w["period"], galuh, "17", scan, other_unit)

    messages = [w.message for w in warnings_for_answers([answer])[answer.pk]]
    assert _summary(answer) == [("unit", MEDIUM), ("scan", LOW)]
    assert messages[0].startswith(
        "sk-tanpa-unit.pdf: teks PDF tidak menyebut nama unit Disdukcapil Balangan."
    )
    assert messages[1].startswith("pindaian.pdf: PDF hasil pindaian tanpa lapisan teks")


def test_a_file_reused_for_another_innovation_or_indicator_is_flagged(period_world):
    w = period_world
    galuh = report(w["disdukcapil"], w["period"], name="Galuh Sanggam")
    antrean = report(w["disdukcapil"], w["period"], name="Galuh Sanggam Keliling")
    posyandu = report(w["dinkes"], w["period"], name="Galuh Sanggam Sehat")
    decree = upload(w["disdukcapil"], CLEAN)
    again = upload(w["dinkes"], CLEAN, name="sk-lagi.pdf")  # same bytes, another upload

    first = attach(w["period"], galuh, "16", decree)
    attach(w["period"], galuh, "17", decree)
    attach(w["period"], antrean, "16", decree)
    attach(w["period"], posyandu, "16", again)
    attach(w["period"], None, "3", decree)

    found = warnings_for_answers([first])[first.pk]
    assert [(x.code, x.severity) for x in found] == [("reused", HIGH), ("reused", MEDIUM)]
    assert found[0].message == (
        "sk.pdf juga dipakai sebagai bukti indikator Pemda 3; inovasi unit lain, indikator 16; "
        "inovasi \u201cGaluh Sanggam Keliling\u201d, indikator 16. Satu dokumen untuk beberapa "
        "inovasi biasanya ditolak verifikator; lampirkan bukti khusus untuk inovasi ini."
    )
    assert found[1].message.startswith("sk.pdf juga dipakai untuk indikator 17.")


def test_the_same_file_in_another_period_is_not_reuse(period_world):
    w = period_world
    galuh = report(w["disdukcapil"], w["period"], name="Galuh Sanggam")
    decree = upload(w["disdukcapil"], CLEAN)
    later = Period.objects.create(
        region=w["balangan"], name="IID 2027", rulebook_version=w["version"],
        input_opens=dt.date(2026, 7, 1), input_closes=dt.date(2099, 8, 23),
        verification_closes=dt.date(2099, 9, 30), final_on=dt.date(2099, 12, 1),
    )  # fmt: skip

    answer = attach(w["period"], galuh, "16", decree)
    attach(later, None, "3", decree)

    assert _summary(answer) == []


def _regulation(year, title="PERATURAN BUPATI BALANGAN"):
    return [
        title,
        f"NOMOR 5 TAHUN {year}",
        "TENTANG",
        "INOVASI DAERAH GALUH SANGGAM",
        "Pelaksana: Disdukcapil Balangan",
        "Ditetapkan di Paringin",
        f"pada tanggal 2 Januari {year}",
    ]


def test_a_regulation_older_than_the_window_is_flagged(period_world):
    w = period_world
    galuh = report(w["disdukcapil"], w["period"], name="Galuh Sanggam")

    old = attach(w["period"], galuh, "16", upload(w["disdukcapil"], _regulation(2019)))
    recent = attach(w["period"], galuh, "17", upload(w["disdukcapil"], _regulation(2024)))

    [warning] = warnings_for_answers([old])[old.pk]
    assert (warning.code, warning.severity) == ("regulation_year", HIGH)
    assert warning.message.startswith(
        "sk.pdf: Perbup tahun 2019, di luar rentang tahun 2024\u20132099 untuk IID 2026."
    )
    assert _summary(recent) == []


def test_a_regulation_dated_after_input_closes_is_flagged(period_world):
    w = period_world
    galuh = report(w["disdukcapil"], w["period"], name="Galuh Sanggam")
    answer = attach(w["period"], galuh, "16", upload(w["disdukcapil"], _regulation(2027)))
    # The period's input closed in 2026 (set after filling: the service refuses late answers).
    Period.objects.filter(pk=w["period"].pk).update(input_closes=dt.date(2026, 8, 23))

    [warning] = warnings_for_answers([answer])[answer.pk]

    assert "Perbup tahun 2027, di luar rentang tahun 2024\u20132026" in warning.message


def test_region_rows_look_back_one_more_year_and_a_decree_by_number_counts(period_world):
    w = period_world
    perda = ["PERATURAN DAERAH KABUPATEN BALANGAN", "NOMOR 12 TAHUN 2023", "TENTANG APBD"]
    sk = ["KEPUTUSAN BUPATI BALANGAN", "NOMOR 188.45/77/2021", "TENTANG TIM INOVASI"]

    perda_answer = attach(w["period"], None, "2a", upload(w["disdukcapil"], perda))
    sk_answer = attach(w["period"], None, "1", upload(w["disdukcapil"], sk, name="sk-tim.pdf"))

    assert [c for c, _s in _summary(perda_answer)] == ["unit"]  # 2023 is inside for SPD rows
    assert warnings_for_answers([sk_answer])[sk_answer.pk][0].message.startswith(
        "sk-tim.pdf: SK tahun 2021, di luar rentang tahun 2023\u20132099 untuk IID 2026."
    )


def test_design_copied_from_another_innovation_of_the_region_names_it(period_world):
    w = period_world
    original = design_text(1)
    galuh = report(w["disdukcapil"], w["period"], name="Galuh Sanggam", design=original)
    copy = report(w["dinkes"], w["period"], name="Posyandu Pintar", design=edited(original, 25))
    own = report(w["dinkes"], w["period"], name="Kader Gizi", design=design_text(2))

    [warning] = warnings_for_report(copy)

    assert (warning.code, warning.severity, warning.other_report_id) == (
        "design_copy",
        HIGH,
        galuh.pk,
    )
    assert warning.message.startswith(
        "Rancang bangun 73% sama dengan rancang bangun inovasi \u201cGaluh Sanggam\u201d "
        "(Disdukcapil Balangan, IID 2026)."
    )
    assert [x.other_report_id for x in warnings_for_report(galuh)] == [copy.pk]
    assert warnings_for_report(own) == []


def test_design_copied_from_another_region_does_not_name_it(period_world):
    w = period_world
    original = design_text(1)
    report(w["dinsos"], w["other_period"], name="Rahasia Bangkalan", design=original)
    copy = report(w["disdukcapil"], w["period"], name="Galuh Sanggam", design=original)

    [warning] = warnings_for_report(copy)

    assert warning.message.startswith(
        "Rancang bangun 100% sama dengan rancang bangun sebuah inovasi di Pemda lain."
    )
    assert "Rahasia" not in warning.message


def test_an_edited_design_is_compared_again_and_placeholders_never(period_world):
    from inovda.innovations.services import update_report
    from inovda.innovations.tests.factories import profile

    w = period_world
    original = design_text(1)
    report(w["disdukcapil"], w["period"], name="Galuh Sanggam", design=original)
    copy = report(w["dinkes"], w["period"], name="Posyandu Pintar", design=original)
    placeholder = report(w["dinkes"], w["period"], name="Kader Gizi")  # "kata kata kata ..."
    report(w["dinkes"], w["period"], name="Kader Sehat")  # the same placeholder
    assert len(warnings_for_report(copy)) == 1

    update_report(copy, actor=None, seen_version=1, **profile(design=design_text(3)))

    assert warnings_for_report(copy) == []
    assert warnings_for_report(placeholder) == []


def test_warnings_for_a_page_of_answers_take_the_same_queries(
    period_world, django_assert_num_queries
):
    w = period_world
    galuh = report(w["disdukcapil"], w["period"], name="Galuh Sanggam")
    decree = upload(w["disdukcapil"], CLEAN)
    one = [attach(w["period"], galuh, "16", decree, upload(w["disdukcapil"], data=files.pdf()))]
    three = [*one, *(attach(w["period"], galuh, c, decree) for c in ("17", "18"))]

    with django_assert_num_queries(4):
        first = warnings_for_answers(one)
    with django_assert_num_queries(4):
        second = warnings_for_answers(Answer.objects.filter(pk__in=[a.pk for a in three]))

    assert [x.code for x in first[one[0].pk]] == ["reused", "scan"]
    assert sorted(len(found) for found in second.values()) == [1, 1, 2]


def test_older_files_get_their_text_read_by_the_rebuild_command(period_world):
    import io

    from django.core.management import call_command

    from inovda.evidence.models import EvidenceFile

    w = period_world
    antrean = report(w["disdukcapil"], w["period"], name="Antrean Daring Adminduk")
    answer = attach(w["period"], antrean, "16", upload(w["disdukcapil"], CLEAN))
    EvidenceFile.objects.update(text="")  # as uploaded before the text was kept
    before = _summary(answer)
    out = io.StringIO()

    call_command("rebuild_evidence_index", stdout=out)

    assert before == []  # not judged without the text
    assert _summary(answer) == [("name", MEDIUM)]
    assert out.getvalue() == (
        "Teks PDF dibaca: 1 berkas (0 tidak terbaca). Rancang bangun diindeks: 1 laporan.\n"
    )
