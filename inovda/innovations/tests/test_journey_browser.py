"""The whole journey in a real browser: register, fill with evidence, submit, approve, return one
answer, fix, resubmit, accept; the dashboard shows the new verified score and predicate."""

from pathlib import Path

import pytest

from inovda.core.demo import ACCOUNTS, seed_demo
from inovda.core.tests.test_browser import SCREENSHOTS, _sign_in, browser  # noqa: F401
from inovda.evidence.tests.files import pdf
from inovda.innovations.tests.browser import fill_innovation_identity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ACCOUNT = {a.email.split("@")[0]: a for a in ACCOUNTS}
DESIGN = " ".join(
    ["Warga Balangan mengurus akta kelahiran dan kartu keluarga dari desa tanpa antre."] * 30
)


def _as(chromium, live_server, who):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    _sign_in(page, live_server.url, ACCOUNT[who])
    return context, page


def _number(text):
    return float(text.replace(".", "").replace(",", "."))


def _click(page, selector):
    with page.expect_navigation():
        page.click(selector)


def _dashboard_iid(page, live_server, period_pk):
    page.goto(f"{live_server.url}/inovasi/periode/{period_pk}/")
    return (
        page.inner_text("[data-testid=verified-iid]"),
        page.inner_text("[data-testid=period-scores]"),
    )


def test_register_fill_submit_return_fix_resubmit_accept(live_server, browser, tmp_path):  # noqa: F811
    from inovda.innovations.models import Answer, Period, Report

    seed_demo()
    period = Period.objects.get(region__code="63.11", name="IID 2026")
    evidence = Path(tmp_path) / "sk-kepala-dinas-galuh-sanggam.pdf"
    evidence.write_bytes(pdf())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    # The operator registers a new innovation with its profile.
    op_ctx, op = _as(browser, live_server, "operator.disdukcapil")
    op.goto(f"{live_server.url}/inovasi/periode/{period.pk}/daftar/")
    fill_innovation_identity(
        op, name="Dukcapil Jemput Bola Desa", kind="non_digital", implemented_on="2025-03-01",
        design=DESIGN,
    )  # fmt: skip
    op.fill("textarea[name=goals]", "Layanan dokumen kependudukan sampai ke desa.")
    _click(op, "[data-testid=save-report]")
    assert "Dukcapil Jemput Bola Desa terdaftar" in op.inner_text("body")

    # Indicators with evidence: the live points show after saving.
    _click(op, "[data-testid=answers-link]")
    op.check("[data-testid=answer-16] input[value='3']")
    # The claimed points follow the clicks before anything is saved.
    op.wait_for_selector("#live-points:has-text('belum disimpan')")
    assert op.inner_text("[data-testid=answered]").startswith("1 /")
    op.set_input_files("[data-testid=upload-16]", str(evidence))
    op.check("[data-testid=answer-17] input[value='2']")
    _click(op, "[data-testid=save-answers]")
    assert "2 jawaban disimpan" in op.inner_text("body")
    assert op.inner_text("[data-testid=innovation-points]") != "0"
    assert "sk-kepala-dinas-galuh-sanggam.pdf" in op.inner_text("[data-testid=answer-16]")
    _click(op, "[data-testid=submit-report]")
    assert op.inner_text("[data-testid=report-status]") == "Diajukan"
    report = Report.objects.get(innovation__name="Dukcapil Jemput Bola Desa")
    answers_url = f"{live_server.url}/inovasi/laporan/{report.pk}/indikator/"

    # The head of the unit approves.
    head_ctx, head = _as(browser, live_server, "kepala.disdukcapil")
    head.goto(answers_url)
    _click(head, "[data-testid=approve-report]")
    assert head.inner_text("[data-testid=report-status]") == "Disetujui kepala unit"

    # The dashboard before verification: the new innovation counts in the divisor already.
    admin_ctx, admin = _as(browser, live_server, "admin.balangan")
    verified_before, _ = _dashboard_iid(admin, live_server, period.pk)

    # The verifier accepts one answer and returns the other with a reason.
    ver_ctx, ver = _as(browser, live_server, "verifikator.balangan")
    ver.goto(f"{live_server.url}/inovasi/antrean/")
    assert "Dukcapil Jemput Bola Desa" in ver.inner_text("[data-testid=queue]")
    ver.goto(answers_url)
    _click(ver, "[data-testid=accept-16]")
    ver.fill("[data-testid=verify-17] textarea[name=reason]", "Foto kegiatan tidak bertanggal")
    _click(ver, "[data-testid=return-17]")
    assert ver.inner_text("[data-testid=report-status]") == "Dikembalikan"
    ver.screenshot(path=str(SCREENSHOTS / "journey-verifier-returned.png"), full_page=True)

    # The operator sees the reason, fixes the answer and resubmits.
    op.goto(answers_url)
    assert "Foto kegiatan tidak bertanggal" in op.inner_text("[data-testid=answer-17]")
    op.check("[data-testid=answer-17] input[value='1']")
    _click(op, "[data-testid=save-answers]")
    _click(op, "[data-testid=submit-report]")
    assert op.inner_text("[data-testid=report-status]") == "Diajukan"
    head.goto(answers_url)
    _click(head, "[data-testid=approve-report]")

    # The verifier accepts; the report is verified.
    ver.goto(answers_url)
    _click(ver, "[data-testid=accept-17]")
    assert ver.inner_text("[data-testid=report-status]") == "Terverifikasi"
    assert {a.status for a in Answer.objects.filter(report=report)} == {"accepted"}

    # The dashboard shows the new verified score and its predicate.
    verified_after, panel = _dashboard_iid(admin, live_server, period.pk)
    admin.screenshot(path=str(SCREENSHOTS / "journey-dashboard.png"), full_page=True)
    assert _number(verified_after) > _number(verified_before)
    assert any(
        label in panel
        for label in ("Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai")
    )
    for ctx in (admin_ctx, op_ctx, head_ctx, ver_ctx):
        ctx.close()


def test_operator_finds_an_older_file_by_its_number_and_attaches_it(live_server, browser):  # noqa: F811
    from inovda.innovations.models import Answer, Period
    from inovda.innovations.tests.factories import report
    from inovda.innovations.tests.test_evidence_picker import _files
    from inovda.regions.models import Unit

    seed_demo()
    period = Period.objects.get(region__code="63.11", name="IID 2026")
    unit = Unit.objects.get(region__code="63.11", name__icontains="Kependudukan")
    (old,) = _files(unit, 1, name="sk-tim-inovasi-2024.pdf", doc_number="800/17/DKPS/2024")
    _files(unit, 30, name="foto-kegiatan-{i}.jpg")
    jemput = report(unit, period, name="Jemput Bola Akta Desa")
    ctx, op = _as(browser, live_server, "operator.disdukcapil")
    op.goto(f"{live_server.url}/inovasi/laporan/{jemput.pk}/indikator/")

    op.check("[data-testid=answer-18] input[name=level_18][value='2']")
    op.click("[data-testid=evidence-more-18] summary")
    op.fill("[data-testid=evidence-more-18] input[type=search]", "800/17")
    choice = op.locator(f"#pilihan-18 input[value='{old.pk}']")
    choice.wait_for()
    assert op.locator("#pilihan-18 input").count() == 1
    op.screenshot(path=str(SCREENSHOTS / "evidence-picker-search.png"), full_page=False)
    choice.check()
    _click(op, "[data-testid=save-answers]")

    assert "1 jawaban disimpan" in op.inner_text("body")
    answer = Answer.objects.get(report=jemput, row_code="18")
    assert [f.pk for f in answer.evidence.all()] == [old.pk]
    assert "sk-tim-inovasi-2024.pdf" in op.inner_text("#bukti-18")
    ctx.close()


def test_after_the_deadline_the_admin_reopens_a_second_answer_from_the_answers_page(
    live_server,
    browser,  # noqa: F811
):
    import datetime as dt

    from inovda.innovations.models import Answer, Period, Reopening
    from inovda.innovations.services import save_answers
    from inovda.innovations.tests.factories import report
    from inovda.regions.models import Unit

    seed_demo()
    period = Period.objects.get(region__code="63.11", name="IID 2026")
    unit = Unit.objects.get(region__code="63.11", name__icontains="Kependudukan")
    late = report(unit, period, name="Akta Lansia Tanpa Antre")
    save_answers(
        actor=None, period=period, report=late,
        entries={"16": {"level": 3, "evidence": []}, "17": {"level": 2, "evidence": []}},
    )  # fmt: skip
    Period.objects.filter(pk=period.pk).update(input_closes=dt.date(2026, 6, 2))
    first = Answer.objects.get(report=late, row_code="16")
    Reopening.objects.create(
        period=period, answer=first, until=dt.date(2027, 1, 15), reason="Salah unggah"
    )
    ctx, admin = _as(browser, live_server, "admin.balangan")
    admin.goto(f"{live_server.url}/inovasi/laporan/{late.pk}/indikator/")
    # One answer is open again, so the answers form is on the page around every row.
    assert admin.locator("#answers-form").count() == 1

    admin.click("[data-testid=reopen-answer-17] summary")
    admin.fill("[data-testid=reopen-answer-17] input[name=until]", "2027-01-15")
    admin.fill("[data-testid=reopen-answer-17] input[name=reason]", "Bukti anggaran tertukar")
    _click(admin, "[data-testid=reopen-answer-17] button")

    reopened = Reopening.objects.get(answer__report=late, answer__row_code="17")
    assert reopened.reason == "Bukti anggaran tertukar"
    assert "dibuka kembali" in admin.inner_text("[data-testid=answer-17]")
    ctx.close()
