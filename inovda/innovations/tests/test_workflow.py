"""The review workflow: submit, head approval, verify or return per answer, resubmit, send."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.core.models import AuditEvent
from inovda.innovations.models import Answer, Period, Reopening, Report
from inovda.innovations.scoring import period_scores
from inovda.innovations.tests.factories import report
from inovda.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(world):
    unit = world["disdukcapil"]
    return {
        "operator": person(Role.UNIT_OPERATOR, unit=unit),
        "head": person(Role.UNIT_HEAD, unit=unit),
        "verifier": person(Role.VERIFIER, region=world["balangan"]),
        "admin": person(Role.REGION_ADMIN, region=world["balangan"]),
        "galuh": report(unit, world["period"]),
    }


def _answers_url(r):
    return reverse("innovations:report-answers", args=[r.pk])


def _fill(client, team, **levels):
    client.force_login(team["operator"])
    data = {f"level_{code}": str(level) for code, level in levels.items()}
    return client.post(_answers_url(team["galuh"]), data)


def _status(r):
    r.refresh_from_db()
    return r.status


def _verify(client, answer, decision, level=None, reason=""):
    data = {"decision": decision, "reason": reason}
    if level is not None:
        data["approved_level"] = str(level)
    return client.post(reverse("innovations:verify", args=[answer.pk]), data, follow=True)


def _to_verifier(client, team, **levels):
    _fill(client, team, **levels)
    client.post(reverse("innovations:submit", args=[team["galuh"].pk]))
    client.force_login(team["head"])
    client.post(reverse("innovations:approve", args=[team["galuh"].pk]))


def test_return_fix_resubmit_and_accept_gives_the_verified_score(client, world, team):
    galuh = team["galuh"]
    _to_verifier(client, team, **{"16": 3, "17": 3})
    assert _status(galuh) == Report.Status.APPROVED
    client.force_login(team["verifier"])
    a16, a17 = Answer.objects.get(row_code="16"), Answer.objects.get(row_code="17")

    _verify(client, a16, "accept", 2, reason="SK hanya setingkat kepala dinas")
    page = _verify(client, a17, "return", reason="Bukti SK tidak terbaca, unggah ulang")

    assert _status(galuh) == Report.Status.RETURNED
    assert "Verifikasi selesai: laporan kini berstatus Dikembalikan" in page.content.decode()
    notice = Notification.objects.get(recipient=team["operator"], kind="returned")
    assert "Indikator 17: Bukti SK tidak terbaca, unggah ulang" in notice.body
    assert Notification.objects.filter(recipient=team["head"], kind="submitted").exists()
    client.force_login(team["operator"])
    seen = client.get(_answers_url(galuh)).content.decode()
    assert "Bukti SK tidak terbaca, unggah ulang" in seen

    _fill(client, team, **{"17": 2})
    client.post(reverse("innovations:submit", args=[galuh.pk]))
    client.force_login(team["head"])
    client.post(reverse("innovations:approve", args=[galuh.pk]))
    client.force_login(team["verifier"])
    _verify(client, Answer.objects.get(row_code="17"), "accept")

    assert _status(galuh) == Report.Status.VERIFIED
    levels = {a.row_code: (a.claimed_level, a.approved_level) for a in Answer.objects.all()}
    assert levels == {"16": (3, 2), "17": (2, 2)}
    scores = period_scores(world["period"])
    assert 0 < scores["verified"].iid < scores["claimed"].iid
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"report.submit", "report.approve", "answer.verify", "report.return"} <= actions
    assert "report.verify" in actions


def test_answers_are_locked_while_under_review(client, team):
    _fill(client, team, **{"16": 3})
    client.post(reverse("innovations:submit", args=[team["galuh"].pk]))

    response = _fill(client, team, **{"16": 1})

    assert "jawaban tidak dapat diubah selama ditinjau" in response.content.decode()
    assert Answer.objects.get(row_code="16").claimed_level == 3
    assert "sedang ditinjau" in client.get(_answers_url(team["galuh"])).content.decode()


def test_nothing_to_submit_and_unfixed_returns_are_refused_with_the_reason(client, team):
    client.force_login(team["operator"])
    empty = client.post(reverse("innovations:submit", args=[team["galuh"].pk]), follow=True)
    assert "Belum ada indikator yang dijawab" in empty.content.decode()

    _to_verifier(client, team, **{"16": 3})
    client.force_login(team["verifier"])
    _verify(client, Answer.objects.get(), "return", reason="Lampirkan SK")
    client.force_login(team["operator"])
    again = client.post(reverse("innovations:submit", args=[team["galuh"].pk]), follow=True)

    assert "Indikator 16 masih dikembalikan" in again.content.decode()
    assert _status(team["galuh"]) == Report.Status.RETURNED


def test_verifier_must_give_a_reason_and_cannot_approve_above_the_claim(client, team):
    _to_verifier(client, team, **{"16": 2})
    client.force_login(team["verifier"])
    answer = Answer.objects.get()

    no_reason = _verify(client, answer, "return")
    lower_no_reason = _verify(client, answer, "accept", 1)
    higher = _verify(client, answer, "accept", 3)

    assert "Tulis alasan pengembalian" in no_reason.content.decode()
    assert "lebih rendah dari klaim" in lower_no_reason.content.decode()
    assert "harus antara 0 dan tingkat yang diklaim (2)" in higher.content.decode()
    answer.refresh_from_db()
    assert answer.status == Answer.Status.DRAFT


def test_only_the_right_people_act_at_each_step(client, world, team):
    galuh = team["galuh"]
    _fill(client, team, **{"16": 3})
    client.force_login(person(Role.UNIT_HEAD, unit=world["dinkes"]))
    other_head = client.post(reverse("innovations:submit", args=[galuh.pk]))
    client.force_login(team["operator"])
    client.post(reverse("innovations:submit", args=[galuh.pk]))
    self_approve = client.post(reverse("innovations:approve", args=[galuh.pk]))
    client.force_login(team["head"])
    client.post(reverse("innovations:approve", args=[galuh.pk]))
    answer = Answer.objects.get()
    client.force_login(team["operator"])
    operator_verify = _verify(client, answer, "accept")
    client.force_login(person(Role.VERIFIER, region=world["bangkalan"]))
    foreign_verify = client.post(
        reverse("innovations:verify", args=[answer.pk]), {"decision": "accept"}
    )

    assert other_head.status_code == 404
    assert self_approve.status_code == 403
    assert operator_verify.status_code == 404  # an operator is not a region reader
    assert foreign_verify.status_code == 404
    answer.refresh_from_db()
    assert answer.status == Answer.Status.DRAFT


def test_head_sends_back_with_a_note_the_operator_sees(client, team):
    _fill(client, team, **{"16": 3})
    client.post(reverse("innovations:submit", args=[team["galuh"].pk]))
    client.force_login(team["head"])

    client.post(
        reverse("innovations:send-back", args=[team["galuh"].pk]),
        {"reason": "Tambahkan foto kegiatan"},
    )

    assert _status(team["galuh"]) == Report.Status.RETURNED
    client.force_login(team["operator"])
    page = client.get(_answers_url(team["galuh"])).content.decode()
    assert "Tambahkan foto kegiatan" in page  # in the audit trail on the record


def test_after_the_deadline_a_reopened_unit_can_submit_and_saved_work_is_kept(client, world, team):
    _fill(client, team, **{"16": 3})
    Period.objects.filter(pk=world["period"].pk).update(input_closes=dt.date(2026, 6, 2))

    late = _fill(client, team, **{"16": 1})
    refused = client.post(reverse("innovations:submit", args=[team["galuh"].pk]), follow=True)

    assert Answer.objects.get().claimed_level == 3
    assert "sudah ditutup" in late.content.decode()
    # The late choice stays on screen, so nothing typed is lost from view.
    assert re.search(r'name="level_16" value="1"[^>]*checked', late.content.decode())
    assert "sudah ditutup" in refused.content.decode()

    client.force_login(team["admin"])
    client.post(
        reverse("innovations:reopen", args=[team["galuh"].pk]),
        {"until": "2099-09-01", "reason": "Server kabupaten padam saat tenggat"},
    )
    client.force_login(team["operator"])
    client.post(reverse("innovations:submit", args=[team["galuh"].pk]))

    assert Reopening.objects.get().unit == world["disdukcapil"]
    assert _status(team["galuh"]) == Report.Status.SUBMITTED


def test_a_reopened_answer_is_the_only_one_that_can_change(client, world, team):
    _fill(client, team, **{"16": 3, "17": 3})
    Period.objects.filter(pk=world["period"].pk).update(input_closes=dt.date(2026, 6, 2))
    a17 = Answer.objects.get(row_code="17")
    client.force_login(team["admin"])
    client.post(
        reverse("innovations:reopen", args=[team["galuh"].pk]),
        {"answer": a17.pk, "until": "2099-09-01", "reason": "Salah pilih parameter"},
    )

    _fill(client, team, **{"17": 1})
    blocked = _fill(client, team, **{"16": 1})

    assert "tidak dibuka kembali" in blocked.content.decode()
    levels = dict(Answer.objects.values_list("row_code", "claimed_level"))
    assert levels == {"16": 3, "17": 1}


def test_verification_after_its_deadline_is_refused(client, world, team):
    _to_verifier(client, team, **{"16": 3})
    Period.objects.filter(pk=world["period"].pk).update(
        input_closes=dt.date(2026, 6, 2), verification_closes=dt.date(2026, 6, 3)
    )
    client.force_login(team["verifier"])

    page = _verify(client, Answer.objects.get(), "accept")

    assert "Verifikasi periode ini sudah ditutup" in page.content.decode()


def test_a_verifier_who_chose_english_reads_the_refusal_in_english(client, world, team):
    _to_verifier(client, team, **{"16": 3})
    Period.objects.filter(pk=world["period"].pk).update(
        input_closes=dt.date(2026, 6, 2), verification_closes=dt.date(2026, 6, 3)
    )
    client.force_login(team["verifier"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    page = _verify(client, Answer.objects.get(), "accept").content.decode()

    assert "Verification for this period closed on 3 June 2026." in page
    assert "Verifikasi periode ini" not in page


def test_admin_marks_verified_reports_ready_then_sent(client, world, team):
    _to_verifier(client, team, **{"16": 3})
    client.force_login(team["verifier"])
    _verify(client, Answer.objects.get(), "accept")
    client.force_login(team["admin"])

    client.post(reverse("innovations:advance", args=[world["period"].pk, "siap"]))
    client.post(reverse("innovations:advance", args=[world["period"].pk, "terkirim"]))

    galuh = team["galuh"]
    galuh.refresh_from_db()
    assert galuh.status == Report.Status.SENT and galuh.sent_at is not None


def test_each_person_sees_their_own_queue(client, world, team):
    _fill(client, team, **{"16": 3})
    client.post(reverse("innovations:submit", args=[team["galuh"].pk]))
    other = report(world["dinkes"], world["period"], name="Puskesmas Keliling")
    mentor = person(Role.MENTOR, unit=world["dinkes"])
    queue = reverse("innovations:queue")

    client.force_login(team["head"])
    head = client.get(queue).content.decode()
    client.force_login(team["verifier"])
    verifier_before = client.get(queue).content.decode()
    client.force_login(mentor)
    mentor_page = client.get(queue).content.decode()

    assert "Galuh Sanggam" in head
    assert "Galuh Sanggam" not in verifier_before  # not yet approved by the head
    assert other.innovation.name in mentor_page and "Galuh Sanggam" not in mentor_page


def test_queue_and_answers_pages_keep_a_constant_query_count(client, world, team):
    _to_verifier(client, team, **{"16": 3})
    client.force_login(team["verifier"])
    queue = reverse("innovations:queue")
    answers = _answers_url(team["galuh"])
    client.get(queue), client.get(answers)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = (count(queue), count(answers))
    for i in range(5):
        r = report(world["disdukcapil"], world["period"], name=f"Inovasi {i}")
        Report.objects.filter(pk=r.pk).update(status=Report.Status.APPROVED)
    client.force_login(team["operator"])
    Report.objects.filter(pk=team["galuh"].pk).update(status=Report.Status.DRAFT)
    _fill(client, team, **{str(code): 2 for code in range(17, 30)})
    Report.objects.filter(pk=team["galuh"].pk).update(status=Report.Status.APPROVED)
    client.force_login(team["verifier"])
    client.get(answers)  # the design-copy index catches up with the new reports once

    after = (count(queue), count(answers))
    assert after == before


def test_home_page_says_what_waits_for_the_head_of_unit(client, team):
    _fill(client, team, **{"16": 3})
    client.post(reverse("innovations:submit", args=[team["galuh"].pk]))
    client.force_login(team["head"])

    home = client.get(reverse("core:home")).content.decode()

    assert "Menunggu tindakan Anda" in home
    assert "Diajukan: 1" in home


def test_reopen_and_send_steps_refuse_other_regions_and_other_roles(client, world, team):
    reopen = reverse("innovations:reopen", args=[team["galuh"].pk])
    ready = reverse("innovations:advance", args=[world["period"].pk, "siap"])
    data = {"until": "2099-09-01", "reason": "Coba"}

    client.force_login(person(Role.REGION_ADMIN, region=world["bangkalan"]))
    foreign = (client.post(reopen, data).status_code, client.post(ready).status_code)
    client.force_login(team["operator"])
    operator = (client.post(reopen, data).status_code, client.post(ready).status_code)
    client.force_login(team["verifier"])
    verifier = (client.post(reopen, data).status_code, client.post(ready).status_code)

    assert foreign == (404, 404)
    assert operator == (403, 403)
    assert verifier == (403, 403)
    assert not Reopening.objects.exists()


def test_the_audit_trail_reads_each_status_change_in_the_readers_language(client, world, team):
    _fill(client, team, **{"16": 3})
    client.post(reverse("innovations:submit", args=[team["galuh"].pk]))

    page = client.get(_answers_url(team["galuh"])).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(_answers_url(team["galuh"])).content.decode()

    assert "status: draf → diajukan" in page
    assert "status: draft → submitted" in english
