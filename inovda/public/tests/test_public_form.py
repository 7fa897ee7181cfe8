"""The public proposal form (no account): submit, anti-spam refusals, tracking page."""

import pytest
from django.urls import reverse

from inovda.core.models import AuditEvent
from inovda.public import antispam, services
from inovda.public.models import Proposal
from inovda.public.tests.factories import form_data, proposal
from inovda.regions.models import Region

pytestmark = pytest.mark.django_db


def _send(client, region, ip="203.0.113.7", **changes):
    return client.post(
        reverse("public:proposal-create", args=[region.code]),
        form_data(region, **changes),
        REMOTE_ADDR=ip,
    )


def test_proposal_submitted_without_account_shows_its_tracking_code(client, world):
    response = _send(client, world["balangan"], suggested_unit=world["disdukcapil"].pk)

    saved = Proposal.objects.get()
    thanks = client.get(response.url)
    assert response.url == reverse("public:thanks", args=[saved.tracking_code])
    assert saved.tracking_code in thanks.content.decode()
    assert "Terima kasih, usulan Anda sudah diterima" in thanks.content.decode()
    assert (saved.region, saved.status, saved.suggested_unit) == (
        world["balangan"],
        Proposal.Status.NEW,
        world["disdukcapil"],
    )
    assert (saved.email, saved.phone) == ("siti.rahmah@contoh.id", "0812 3456 7890")
    assert AuditEvent.objects.filter(action="proposal.submit", object_id=str(saved.pk)).count() == 1


def test_proposal_keeps_only_a_hash_of_the_senders_ip(client, world):
    _send(client, world["balangan"], ip="203.0.113.7")

    saved = Proposal.objects.get()
    assert len(saved.ip_hash) == 64
    assert "203.0.113.7" not in saved.ip_hash
    assert not Proposal.objects.filter(ip_hash__contains="203.0").exists()


def test_proposal_with_the_honeypot_filled_is_refused_and_nothing_saved(client, world):
    response = _send(client, world["balangan"], website="http://spam.example")

    page = response.content.decode()
    assert response.status_code == 200
    assert "kolom tersembunyi “Jangan diisi” berisi teks" in page
    assert Proposal.objects.count() == 0


def test_proposal_sent_too_fast_is_refused_and_what_was_typed_is_kept(client, world):
    response = _send(client, world["balangan"], seconds_ago=1)

    page = response.content.decode()
    assert "Usulan terkirim terlalu cepat" in page
    assert "Petugas keliling menjemput berkas ke rumah lansia tiap Kamis." in page
    assert Proposal.objects.count() == 0


def test_proposal_refused_as_too_fast_keeps_its_start_time_for_the_next_try(
    client, world, settings
):
    data = form_data(world["balangan"], seconds_ago=3)
    settings.INOVDA_PROPOSAL_MIN_SECONDS = 5
    url = reverse("public:proposal-create", args=["63.11"])

    refused = client.post(url, data)
    settings.INOVDA_PROPOSAL_MIN_SECONDS = 2  # as if a few seconds went by before resending
    again = client.post(url, {**data, "token": refused.context["form"].token_value})

    assert "Usulan terkirim terlalu cepat" in refused.content.decode()
    assert again.status_code == 302
    assert Proposal.objects.count() == 1


def test_proposal_with_a_wrong_answer_is_refused_with_a_hint(client, world):
    response = _send(client, world["balangan"], answer="99")

    assert "Jawaban pertanyaan pengaman belum benar" in response.content.decode()
    assert Proposal.objects.count() == 0


def test_proposal_answer_may_be_written_as_a_word(client, world):
    data = form_data(world["balangan"])
    token = antispam.read_token(data["token"])
    data["answer"] = antispam.NUMBER_WORDS[antispam.expected_answer(token)].upper()

    response = client.post(reverse("public:proposal-create", args=["63.11"]), data)

    assert response.status_code == 302
    assert Proposal.objects.count() == 1


def test_proposal_with_a_forged_token_gets_a_new_question_and_keeps_the_text(client, world):
    response = _send(client, world["balangan"], token="palsu")

    page = response.content.decode()
    assert "Formulir ini sudah terlalu lama dibuka" in page
    assert "Antar jemput akta untuk lansia" in page
    assert response.context["form"].token_value != "palsu"
    assert Proposal.objects.count() == 0


def test_proposal_token_of_another_region_is_not_accepted(client, world):
    data = form_data(world["bangkalan"])

    response = client.post(reverse("public:proposal-create", args=["63.11"]), data)

    assert "Formulir ini sudah terlalu lama dibuka" in response.content.decode()
    assert Proposal.objects.count() == 0


def test_proposals_from_one_network_are_limited_per_hour(client, world, settings):
    settings.INOVDA_PROPOSALS_PER_HOUR = 2

    first = _send(client, world["balangan"], ip="198.51.100.1")
    second = _send(client, world["balangan"], ip="198.51.100.1")
    third = _send(client, world["balangan"], ip="198.51.100.1", title="Usulan ketiga hari ini")
    other_network = _send(client, world["balangan"], ip="198.51.100.2")

    page = third.content.decode()
    assert (first.status_code, second.status_code, other_network.status_code) == (302, 302, 302)
    assert "Sudah ada 2 usulan dari jaringan internet Anda dalam satu jam terakhir" in page
    assert "Usulan ketiga hari ini" in page  # what they typed is still there
    assert Proposal.objects.count() == 3


def test_proposal_missing_fields_and_bad_contacts_get_indonesian_errors(client, world):
    response = _send(
        client, world["balangan"], title="", phone="telp saya", email="siti@", problem="x"
    )

    errors = [str(e) for f in response.context["form"].errors.values() for e in f]
    page = response.content.decode()
    assert "Usulan belum terkirim." in page
    assert "Bidang ini tidak boleh kosong." in errors
    assert "Nomor telepon hanya berisi angka (boleh diawali +), mis. 0812 3456 7890." in errors
    assert "Tulis alamat e-mail yang lengkap, mis. nama@contoh.com." in errors
    assert "Desa Batu Piring, Kecamatan Paringin Selatan" in page
    assert Proposal.objects.count() == 0


def test_proposal_cannot_suggest_a_unit_of_another_region(client, world):
    response = _send(client, world["balangan"], suggested_unit=world["dinsos"].pk)

    assert "Pilih unit kerja dari daftar." in response.content.decode()
    assert Proposal.objects.count() == 0


def test_proposal_form_lists_only_the_regions_active_units(client, world):
    response = client.get(reverse("public:proposal-create", args=["63.11"]))

    page = response.content.decode()
    assert "Usulan inovasi untuk Kabupaten Balangan" in page
    assert "Disdukcapil Balangan" in page
    assert "Dinas Sosial Bangkalan" not in page


def test_proposal_form_of_an_unknown_or_inactive_region_is_404(client, world):
    Region.objects.filter(pk=world["bangkalan"].pk).update(is_active=False)

    unknown = client.get(reverse("public:proposal-create", args=["99.99"]))
    inactive = client.get(reverse("public:proposal-create", args=["35.26"]))

    assert (unknown.status_code, inactive.status_code) == (404, 404)


def test_region_picker_finds_a_region_by_name_and_links_to_its_form(client, world):
    response = client.get(reverse("public:region-pick"), {"q": "balangan"})

    page = response.content.decode()
    assert reverse("public:proposal-create", args=["63.11"]) in page
    assert "Kabupaten Bangkalan" not in page


def test_region_picker_says_when_nothing_matches(client, world):
    response = client.get(reverse("public:region-pick"), {"q": "Atlantis"})

    assert "Tidak ada Pemda bernama “Atlantis”" in response.content.decode()


def test_tracking_page_shows_status_and_reply_but_no_contact_data(client, world):
    sent = proposal(
        world["balangan"], email="siti.rahmah@contoh.id", phone="081234567890", proposer_name="Siti"
    )
    services.decline_proposal(
        sent, actor=None, reply="Sudah ada layanan jemput bola di kecamatan Anda."
    )

    response = client.get(reverse("public:track", args=[sent.tracking_code]))

    page = response.content.decode()
    assert "Ditolak" in page
    assert "Sudah ada layanan jemput bola di kecamatan Anda." in page
    assert "siti.rahmah@contoh.id" not in page
    assert "081234567890" not in page
    assert "Siti" not in page


def test_tracking_page_of_a_new_proposal_says_it_is_waiting(client, world):
    sent = proposal(world["balangan"])

    response = client.get(reverse("public:track", args=[sent.tracking_code.lower()]))

    assert "sedang menunggu ditelaah" in response.content.decode()


def test_tracking_code_typed_loosely_finds_the_proposal_and_unknown_is_said(client, world):
    sent = proposal(world["balangan"])
    loose = sent.tracking_code.replace("-", " ").lower()

    found = client.get(reverse("public:track-find"), {"kode": loose})
    unknown = client.get(reverse("public:track-find"), {"kode": "ZZZZ-ZZZZ"})

    assert found.url == reverse("public:track", args=[sent.tracking_code])
    assert "Kode lacak ZZZZ-ZZZZ tidak ditemukan" in unknown.content.decode()


def test_the_anti_spam_question_follows_the_chosen_language():
    from django.utils import translation

    from inovda.public import antispam

    token = antispam.read_token(antispam.issue_token("63.11"))
    right = antispam.expected_answer(token)
    with translation.override("en"):
        english = antispam.question(token)
    with translation.override("id"):
        indonesian = antispam.question(token)

    assert english.startswith("What is ") and indonesian.startswith("Berapa ")
    assert antispam.answer_is_right(token, antispam.ENGLISH_WORDS[right])
    assert antispam.answer_is_right(token, antispam.NUMBER_WORDS[right].upper())
