"""The same upload / download / delete suite on local disk and on an S3 server (moto, loopback),
so a wrong bucket, key or content type shows."""

import io

import boto3
import pytest
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.evidence import services
from inovda.evidence.tests import files
from inovda.regions.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(params=["disk", "s3"])
def storage(request, settings, tmp_path):
    if request.param == "disk":
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(tmp_path)},
            },
        }
        return None
    endpoint = request.getfixturevalue("s3_endpoint")
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="uji",
        aws_secret_access_key="uji",
    )
    client.create_bucket(Bucket="bukti")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "bukti",
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": "uji",
                "secret_key": "uji",
                "location": "inovda",
                "default_acl": None,
                "file_overwrite": False,
                "object_parameters": {"ContentDisposition": "attachment"},
            },
        },
    }
    return client


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
