"""The region admin's triage of proposals: queue, detail, accept into a unit, decline; tenancy."""

import pytest
from django.core import mail
from django.urls import reverse

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.core.models import AuditEvent
from inovda.innovations.models import Innovation, Report
from inovda.public import services
from inovda.public.tests.factories import proposal

pytestmark = pytest.mark.django_db


def _admin(client, world, region="balangan"):
    user = person(Role.REGION_ADMIN, region=world[region], full_name="Rina Admin")
    client.force_login(user)
    return user


def test_accept_creates_the_innovation_in_the_chosen_unit_and_emails_the_proposer(client, world):
    admin = _admin(client, world)
    sent = proposal(world["balangan"], email="siti@contoh.id")

    response = client.post(
        reverse("public:accept", args=[sent.pk]),
        {
            "unit": world["dinkes"].pk,
            "name": "Jemput Akta Lansia",
            "reply": "Terima kasih, Dinas Kesehatan akan menghubungi Anda.",
        },
    )

    sent.refresh_from_db()
    innovation = Innovation.objects.get()
    page = client.get(response.url).content.decode()
    assert response.url == reverse("public:detail", args=[sent.pk])
    assert (innovation.name, innovation.unit, innovation.region, innovation.created_by) == (
        "Jemput Akta Lansia",
        world["dinkes"],
        world["balangan"],
        admin,
    )
    assert Report.objects.count() == 0  # the unit's operator completes it
    assert (sent.status, sent.innovation, sent.triaged_by) == ("accepted", innovation, admin)
    assert "Usulan diterima: inovasi Jemput Akta Lansia masuk ke register Dinas Kesehatan" in page
    assert "Pengusul sudah diberi tahu lewat e-mail." in page
    assert [m.to for m in mail.outbox] == [["siti@contoh.id"]]
    assert "Dinas Kesehatan Balangan" in mail.outbox[0].body
    assert sent.tracking_code in mail.outbox[0].body
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {
        "proposal.accept",
        "innovation.create",
    }


def test_accept_refuses_a_unit_of_another_region(client, world):
    _admin(client, world)
    sent = proposal(world["balangan"])

    response = client.post(
        reverse("public:accept", args=[sent.pk]),
        {"unit": world["dinsos"].pk, "name": "Jemput Akta Lansia"},
    )

    sent.refresh_from_db()
    assert "Pilih unit kerja milik Kabupaten Balangan dari daftar." in response.content.decode()
    assert (sent.status, Innovation.objects.count()) == ("new", 0)


def test_accept_service_refuses_a_unit_of_another_region(world):
    sent = proposal(world["balangan"])

    with pytest.raises(services.ProposalProblem, match="milik Pemda usulan ini"):
        services.accept_proposal(sent, actor=None, unit=world["dinsos"])

    assert Innovation.objects.count() == 0


def test_decline_requires_a_reply(client, world):
    _admin(client, world)
    sent = proposal(world["balangan"], email="siti@contoh.id")

    response = client.post(reverse("public:decline", args=[sent.pk]), {"reply": ""})

    sent.refresh_from_db()
    assert "Tuliskan balasan untuk pengusul: alasan usulan ditolak." in response.content.decode()
    assert sent.status == "new"
    assert mail.outbox == []


def test_decline_saves_the_reply_and_emails_it(client, world):
    admin = _admin(client, world)
    sent = proposal(world["balangan"], email="siti@contoh.id")
    reply = "Layanan ini sudah berjalan sejak Maret lewat program Dukcapil Jemput Bola."

    response = client.post(reverse("public:decline", args=[sent.pk]), {"reply": reply})

    sent.refresh_from_db()
    assert response.status_code == 302
    assert (sent.status, sent.reply, sent.triaged_by) == ("declined", reply, admin)
    assert mail.outbox[0].to == ["siti@contoh.id"]
    assert reply in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="proposal.decline").count() == 1


def test_decline_without_an_email_sends_nothing(client, world):
    _admin(client, world)
    sent = proposal(world["balangan"], email="")

    client.post(
        reverse("public:decline", args=[sent.pk]), {"reply": "Belum sesuai prioritas tahun ini."}
    )

    sent.refresh_from_db()
    assert sent.status == "declined"
    assert mail.outbox == []


def test_a_proposal_answered_once_cannot_be_answered_again(client, world):
    _admin(client, world)
    sent = proposal(world["balangan"])
    services.decline_proposal(sent, actor=None, reply="Belum sesuai prioritas tahun ini.")

    response = client.post(
        reverse("public:accept", args=[sent.pk]),
        {"unit": world["dinkes"].pk, "name": "X inov"},
        follow=True,
    )

    sent.refresh_from_db()
    assert "Usulan ini sudah ditolak oleh admin lain" in response.content.decode()
    assert (sent.status, Innovation.objects.count()) == ("declined", 0)


def test_queue_lists_new_proposals_with_the_public_form_link(client, world):
    _admin(client, world)
    proposal(world["balangan"], title="Posyandu digital")
    answered = proposal(world["balangan"], title="Taman baca desa")
    services.decline_proposal(answered, actor=None, reply="Sudah ada di program dinas.")

    response = client.get(reverse("public:queue"))

    page = response.content.decode()
    rows = [p.title for p in response.context["page_obj"]]
    assert rows == ["Posyandu digital"]
    assert "Taman baca desa" not in page
    assert "http://testserver/usulan/63.11/" in page
    assert 'data-nav="proposals"' in page


def test_another_regions_admin_sees_nothing_and_gets_404_on_detail(client, world):
    sent = proposal(world["balangan"], title="Posyandu digital", email="siti@contoh.id")
    _admin(client, world, region="bangkalan")
    proposal(world["bangkalan"], title="Bank sampah Bangkalan")

    listing = client.get(reverse("public:queue"))
    detail = client.get(reverse("public:detail", args=[sent.pk]))
    accept = client.post(
        reverse("public:accept", args=[sent.pk]), {"unit": world["dinkes"].pk, "name": "Ambil"}
    )
    decline = client.post(reverse("public:decline", args=[sent.pk]), {"reply": "Ditolak saja ya."})

    sent.refresh_from_db()
    assert [p.title for p in listing.context["page_obj"]] == ["Bank sampah Bangkalan"]
    assert "Posyandu digital" not in listing.content.decode()
    assert (detail.status_code, accept.status_code, decline.status_code) == (404, 404, 404)
    assert "siti@contoh.id" not in detail.content.decode()
    assert sent.status == "new"


def test_verifier_reads_proposals_but_cannot_triage(client, world):
    sent = proposal(world["balangan"], title="Posyandu digital", phone="081234567890")
    client.force_login(person(Role.VERIFIER, region=world["balangan"]))

    listing = client.get(reverse("public:queue"))
    detail = client.get(reverse("public:detail", args=[sent.pk]))
    accept = client.post(
        reverse("public:accept", args=[sent.pk]), {"unit": world["dinkes"].pk, "name": "Ambil"}
    )

    sent.refresh_from_db()
    assert "Posyandu digital" in listing.content.decode()
    assert "081234567890" in detail.content.decode()
    assert 'data-testid="accept-form"' not in detail.content.decode()
    assert accept.status_code == 403
    assert (sent.status, Innovation.objects.count()) == ("new", 0)


def test_unit_operator_is_refused_the_queue(client, world):
    proposal(world["balangan"], title="Posyandu digital")
    client.force_login(person(Role.UNIT_OPERATOR, unit=world["disdukcapil"]))

    response = client.get(reverse("public:queue"))

    assert response.status_code == 403
    assert "Posyandu digital" not in response.content.decode()


def test_anonymous_is_sent_to_sign_in_for_the_queue_and_detail(client, world):
    sent = proposal(world["balangan"])

    listing = client.get(reverse("public:queue"))
    detail = client.get(reverse("public:detail", args=[sent.pk]))

    assert listing.url.startswith(reverse("account_login"))
    assert detail.url.startswith(reverse("account_login"))


def test_nav_shows_proposals_to_region_admin_and_verifier_only(world):
    from inovda.core.navigation import items_for

    admin = person(Role.REGION_ADMIN, region=world["balangan"])
    verifier = person(Role.VERIFIER, region=world["balangan"])
    operator = person(Role.UNIT_OPERATOR, unit=world["disdukcapil"])

    keys = [{i["key"] for i in items_for(u)} for u in (admin, verifier, operator)]

    assert ["proposals" in k for k in keys] == [True, True, False]


@pytest.mark.parametrize("count", [1, 3])
def test_queue_query_count_is_constant(client, world, django_assert_num_queries, count):
    admin = _admin(client, world)
    for i in range(count):
        accepted = proposal(world["balangan"], title=f"Usulan {i}", suggested_unit=world["dinkes"])
        services.accept_proposal(accepted, actor=admin, unit=world["dinkes"])
        proposal(world["balangan"], title=f"Baru {i}", suggested_unit=world["dinkes"])

    with django_assert_num_queries(9):
        new = client.get(reverse("public:queue"))
    with django_assert_num_queries(9):
        everything = client.get(reverse("public:queue"), {"status": "all"})

    assert len(new.context["page_obj"]) == count
    assert len(everything.context["page_obj"]) == 2 * count
