"""Evidence uploads under load: 200 files of 10 MB from 20 concurrent clients on loopback.

Run: .venv/bin/python benchmarks/evidence_upload.py
Starts the real app (gunicorn, 2 workers x 10 threads, SQLite and local storage in a temporary
folder), signs 20 operators in, uploads, then checks that every file is stored and every
SHA-256 matches. Peak memory is the highest resident size seen in any app process, sampled every
50 ms. Target (issue #6): all stored, all hashes match, app process under 300 MB.
"""

from __future__ import annotations

import hashlib
import http.client
import io
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES, CLIENTS, SIZE_MB = 200, 20, 10
PASSWORD = "Bench-Upload-2026"


def make_pdf(seed: int) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    stream = DecodedStreamObject()
    stream.set_data(f"% berkas {seed}\n".encode() + b"q Q\n" * (SIZE_MB * 1024 * 1024 // 4))
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One browser-like client: its own cookies, CSRF token and connection."""

    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, {}

    def _request(self, method: str, path: str, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        headers = dict(headers or {})
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for header in response.msg.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        conn.close()
        return response.status, response.getheader("Location"), data

    def sign_in(self, email: str) -> None:
        status, _location, page = self._request("GET", "/akun/login/")
        assert "csrftoken" in self.cookies, (status, page[:500])
        body = urllib.parse.urlencode(
            {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        )
        status, location, _ = self._request(
            "POST",
            "/akun/login/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}/akun/login/",
            },
        )
        assert status == 302 and location == "/", (status, location)

    def upload(self, unit_id: int, name: str, data: bytes) -> None:
        boundary = secrets.token_hex(16)
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{self.cookies['csrftoken']}\r\n--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        body = head + data + f"\r\n--{boundary}--\r\n".encode()
        status, _location, page = self._request(
            "POST",
            f"/bukti/unit/{unit_id}/",
            body,
            {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Referer": f"http://127.0.0.1:{self.port}/bukti/unit/{unit_id}/",
            },
        )
        assert status == 302, (status, page[:300])


def app_processes(master: int) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True
    )
    return [master, *(int(p) for p in out.stdout.split())]


def rss_mb(pid: int) -> float:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"VmRSS:\s+(\d+) kB", text)
    return int(match.group(1)) / 1024 if match else 0.0


def main() -> None:
    var = Path(tempfile.mkdtemp(prefix="inovda-bench-"))
    env = {
        **os.environ,
        "INOVDA_VAR_DIR": str(var),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SETTINGS_MODULE": "inovda.settings",
        "LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    for command in (["migrate", "-v0"], ["createcachetable"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)
    setup = f"""
import django; django.setup()
from inovda.regions.models import Region, Unit
from inovda.accounts.models import User, RoleAssignment
prov = Region.objects.create(code="63", name="Kalimantan Selatan", kind="provinsi")
region = Region.objects.create(
    code="63.11", name="Kabupaten Balangan", kind="kabupaten", parent=prov
)
unit = Unit.objects.create(region=region, name="Disdukcapil", kind="opd")
for i in range({CLIENTS}):
    u = User.objects.create_user(
        email=f"op{{i}}@bench.id", password="{PASSWORD}", full_name=f"Op {{i}}"
    )
    RoleAssignment.objects.create(user=u, role="unit_operator", region=region, unit=unit)
print(unit.pk)
"""
    unit_id = int(
        subprocess.run(
            [python, "-c", setup], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout.strip()
    )
    port = free_port()
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "10",
            "--timeout",
            "300",
            "inovda.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        clients = [Client(port) for _ in range(CLIENTS)]
        for i, client in enumerate(clients):
            client.sign_in(f"op{i}@bench.id")
        payloads = {i: make_pdf(i) for i in range(FILES // CLIENTS)}  # 10 distinct bodies
        expected = {f"berkas-{n:03d}.pdf": payloads[n % len(payloads)] for n in range(FILES)}
        peak, stop = {"mb": 0.0}, threading.Event()

        def sample() -> None:
            while not stop.is_set():
                for pid in app_processes(server.pid):
                    peak["mb"] = max(peak["mb"], rss_mb(pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        baseline = max(rss_mb(pid) for pid in app_processes(server.pid))
        start = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            jobs = [
                pool.submit(clients[n % CLIENTS].upload, unit_id, name, data)
                for n, (name, data) in enumerate(expected.items())
            ]
            for job in jobs:
                job.result()
        elapsed = time.perf_counter() - start
        stop.set()
        sampler.join()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    check = """
import django, hashlib, json; django.setup()
from django.core.files.storage import default_storage
from inovda.evidence.models import EvidenceFile
out = {}
for e in EvidenceFile.objects.all():
    h = hashlib.sha256()
    with default_storage.open(e.storage_name) as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    out[e.original_name] = [e.sha256, h.hexdigest()]
print(json.dumps(out))
"""
    import json

    stored = json.loads(
        subprocess.run(
            [python, "-c", check], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout
    )
    want = {name: hashlib.sha256(data).hexdigest() for name, data in expected.items()}
    matches = sum(1 for name, h in want.items() if stored.get(name) == [h, h])
    total_mb = sum(len(d) for d in expected.values()) / 1024 / 1024
    print(f"inovda evidence upload benchmark — {FILES} files x {SIZE_MB} MB, {CLIENTS} clients")
    print(f"machine: {os.cpu_count()} CPU, Python {sys.version.split()[0]}")
    print(f"{'stored':<40}{len(stored):>10} / {FILES}")
    print(f"{'SHA-256 match (recorded and re-read)':<40}{matches:>10} / {FILES}")
    print(f"{'wall time':<40}{elapsed:>9.1f} s")
    print(f"{'throughput':<40}{total_mb / elapsed:>7.1f} MB/s")
    print(f"{'app process RSS before load':<40}{baseline:>8.1f} MB")
    print(f"{'app process RSS peak under load':<40}{peak['mb']:>8.1f} MB  (target < 300 MB)")


if __name__ == "__main__":
    main()
