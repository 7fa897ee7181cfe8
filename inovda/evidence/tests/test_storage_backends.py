"""The same upload / download / delete suite on local disk and on an S3 server (moto, loopback),
so a wrong bucket, key or content type shows."""

import io

import pytest
from django.core.files.storage import default_storage

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.evidence import services
from inovda.evidence.tests import files
from inovda.regions.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_download_delete_round_trip(storage):
    unit = UnitFactory()
    operator = person(Role.UNIT_OPERATOR, unit=unit)
    pdf = files.pdf(3)

    evidence = services.store_evidence(
        actor=operator, unit=unit, source=io.BytesIO(pdf), name="SK.pdf"
    )

    assert default_storage.open(evidence.storage_name).read() == pdf
    if storage is not None:
        stored = storage.get_object(Bucket="bukti", Key=f"inovda/{evidence.storage_name}")
        assert stored["Body"].read() == pdf
        assert stored["ContentDisposition"] == "attachment"
    services.delete_evidence(evidence, actor=operator)
    assert not default_storage.exists(evidence.storage_name)
