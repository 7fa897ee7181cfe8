"""The portal's innovation profile fields belong to the rulebook year (`profile_fields`)."""

import pytest

from inovda.scoring import (
    RulebookError,
    rulebook_from_dict,
    rulebook_from_yaml,
    rulebook_to_dict,
    rulebook_to_yaml,
)
from inovda.scoring.tests.builders import bundled, small_rulebook, small_rulebook_data
from inovda.scoring.types import PROFILE_FIELD_CODES, ProfileField, Source


def _error(data) -> RulebookError:
    with pytest.raises(RulebookError) as info:
        rulebook_from_dict(data, source_name="uji.yaml")
    return info.value


def test_a_rulebook_without_profile_fields_asks_for_every_field_none_required():
    rulebook = small_rulebook()

    assert rulebook.profile_fields is None
    assert rulebook.profile_field("asta_cita") == ProfileField(field="asta_cita")
    assert rulebook.profile_field("no_such_field") is None
    assert "profile_fields" not in rulebook_to_dict(rulebook)


def test_profile_fields_load_with_required_and_source_and_round_trip():
    data = small_rulebook_data()
    data["profile_fields"] = [
        {"field": "stage", "required": True, "source": {"ref": "uji", "unsure": False}},
        {"field": "location", "required": False},
    ]

    rulebook = rulebook_from_dict(data)

    assert rulebook.profile_field("stage") == ProfileField(
        field="stage", required=True, source=Source(ref="uji")
    )
    assert rulebook.profile_field("location") == ProfileField(field="location")
    assert rulebook.profile_field("asta_cita") is None
    assert rulebook_from_dict(rulebook_to_dict(rulebook)) == rulebook
    assert rulebook_from_yaml(rulebook_to_yaml(rulebook)) == rulebook


def test_an_unknown_profile_field_is_refused_naming_the_allowed_ones():
    data = small_rulebook_data()
    data["profile_fields"] = [{"field": "astacita", "required": False}]

    error = _error(data)

    assert error.place == "profile_fields[0].field"
    assert "'astacita' tidak diizinkan" in str(error)
    assert "asta_cita" in str(error)


def test_a_profile_field_listed_twice_or_required_not_boolean_is_refused():
    twice = small_rulebook_data()
    twice["profile_fields"] = [
        {"field": "stage", "required": True},
        {"field": "stage", "required": False},
    ]
    not_bool = small_rulebook_data()
    not_bool["profile_fields"] = [{"field": "stage", "required": "ya"}]

    assert str(_error(twice)) == (
        "uji.yaml: profile_fields[1].field: isian profil 'stage' tercantum dua kali. "
        "Hapus salah satunya."
    )
    assert "wajib isi harus true atau false, bukan 'ya'" in str(_error(not_bool))


def test_2026_lists_every_portal_field_with_a_source_and_asta_cita_and_pkpn():
    rulebook = bundled("IID-2026")

    assert [f.field for f in rulebook.profile_fields] == list(PROFILE_FIELD_CODES)
    assert all(f.source is not None and f.source.ref.strip() for f in rulebook.profile_fields)
    assert all(f.source.note.strip() for f in rulebook.profile_fields if f.source.unsure)
    assert {f.field for f in rulebook.profile_fields if f.required} == {
        "stage",
        "initiator_kind",
        "initiator_name",
        "kind",
        "form",
        "main_affair",
    }
    assert rulebook.profile_field("asta_cita").source.unsure is True


def test_2023_has_no_asta_cita_pkpn_haki_or_location():
    rulebook = bundled("IID-2023")

    fields = {f.field for f in rulebook.profile_fields}

    assert {"asta_cita", "pkpn_cluster", "ip_rights", "location"}.isdisjoint(fields)
    assert {"stage", "design", "video_url", "budget", "impact_measures"} <= fields
    assert all(f.source is not None and f.source.ref.strip() for f in rulebook.profile_fields)


def test_2027_draft_asks_for_the_same_fields_as_2026():
    assert bundled("IID-2027-DRAFT").profile_fields == bundled("IID-2026").profile_fields
