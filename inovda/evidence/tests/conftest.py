"""Shared fixtures of the evidence tests: the file storage, on local disk or on an S3 server
(moto's server mode on loopback), so the same test proves both backends."""

import boto3
import pytest
from moto.server import ThreadedMotoServer


@pytest.fixture(scope="session")
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
    # One server for the session: the bucket starts empty in every test.
    if "bukti" in {b["Name"] for b in client.list_buckets()["Buckets"]}:
        for item in client.list_objects_v2(Bucket="bukti").get("Contents", []):
            client.delete_object(Bucket="bukti", Key=item["Key"])
    else:
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


@pytest.fixture
def period_world():
    """Balangan and Bangkalan with an open IID 2026 period each (innovations' test world)."""
    from inovda.innovations.tests.factories import make_world

    return make_world()
