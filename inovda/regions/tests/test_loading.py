"""The 552 Pemda load with one command, twice without change; a bad file loads nothing."""

import pytest
from django.core.management import call_command

from inovda.regions.loading import RegionDataError, load_regions
from inovda.regions.models import Region

pytestmark = pytest.mark.django_db


def test_load_regions_loads_all_552_pemda_with_their_codes():
    report = load_regions()

    assert report.created == 552
    assert Region.objects.filter(kind="provinsi").count() == 38
    assert Region.objects.filter(kind="kabupaten").count() == 416
    assert Region.objects.filter(kind="kota").count() == 98
    balangan = Region.objects.get(code="63.11")
    assert (balangan.name, balangan.parent.name) == ("Kabupaten Balangan", "Kalimantan Selatan")
    assert Region.objects.get(code="63.03").name == "Kabupaten Banjar"
    assert Region.objects.get(code="35.26").name == "Kabupaten Bangkalan"
    assert Region.objects.get(code="95.01").parent.name == "Papua Pegunungan"
    assert {r.name for r in Region.objects.filter(code__in=["93", "94", "95", "96"])} == {
        "Papua Selatan", "Papua Tengah", "Papua Pegunungan", "Papua Barat Daya",
    }  # fmt: skip


def test_load_regions_second_run_changes_nothing():
    load_regions()

    report = load_regions()

    assert (report.created, report.updated, report.unchanged) == (0, 0, 552)


def test_load_regions_command_prints_counts_in_indonesian(capsys):
    call_command("load_regions")

    assert "552 Pemda (552 baru" in capsys.readouterr().out


def test_load_regions_bad_file_names_the_line_and_loads_nothing(tmp_path):
    path = tmp_path / "pemda.csv"
    lines = [
        "code,name,kind,parent_code",
        "63,Kalimantan Selatan,provinsi,",
        "63.11,Kabupaten Balangan,kabupaten,35",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(RegionDataError) as info:
        load_regions(path)

    assert str(info.value).startswith("baris 3 (63.11): kabupaten/kota berkode NN.NN")
    assert Region.objects.count() == 0
