import pytest

from inovda.regions.tests.factories import RegionFactory, UnitFactory


@pytest.fixture
def world():
    """Balangan with two units, Bangkalan with one: enough for the tenant checks."""
    balangan = RegionFactory(code="63.11", name="Kabupaten Balangan")
    bangkalan = RegionFactory(code="35.26", name="Kabupaten Bangkalan")
    return {
        "balangan": balangan,
        "bangkalan": bangkalan,
        "disdukcapil": UnitFactory(region=balangan, name="Disdukcapil Balangan"),
        "dinkes": UnitFactory(region=balangan, name="Dinas Kesehatan Balangan"),
        "dinsos": UnitFactory(region=bangkalan, name="Dinas Sosial Bangkalan"),
    }
