"""Uploaded files go to S3-compatible storage when the S3 variables are set (moto's S3 server
on loopback speaks the real protocol), and to local disk otherwise."""

import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from moto.server import ThreadedMotoServer

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = """
import django
django.setup()
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
name = default_storage.save("bukti/sk-inovasi.pdf", ContentFile(b"%PDF-1.4 uji"))
print(settings.STORAGES["default"]["BACKEND"], name)
"""


@pytest.fixture
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def _run(env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("S3_")}
    env.update({"DJANGO_SETTINGS_MODULE": "inovda.settings", "INOVDA_VAR_DIR": str(tmp_path)})
    env.update(env_extra)
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120, check=True)  # fmt: skip
    return out.stdout.split()


def test_files_go_to_the_s3_bucket_when_configured(s3_server, tmp_path):
    s3 = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1",
                      aws_access_key_id="uji", aws_secret_access_key="uji")  # fmt: skip
    s3.create_bucket(Bucket="bukti-balangan")

    backend, name = _run(
        {"S3_BUCKET": "bukti-balangan", "S3_ENDPOINT_URL": s3_server, "S3_ACCESS_KEY_ID": "uji",
         "S3_SECRET_ACCESS_KEY": "uji", "S3_PREFIX": "inovda"},
        tmp_path,
    )  # fmt: skip

    assert backend == "storages.backends.s3.S3Storage"
    stored = s3.get_object(Bucket="bukti-balangan", Key=f"inovda/{name}")
    assert stored["Body"].read() == b"%PDF-1.4 uji"
    assert stored["ContentDisposition"] == "attachment"


def test_files_go_to_local_disk_by_default(tmp_path):
    backend, name = _run({}, tmp_path)

    assert backend == "django.core.files.storage.FileSystemStorage"
    assert (tmp_path / "media" / name).read_bytes() == b"%PDF-1.4 uji"
