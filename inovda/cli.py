"""The `inovda` console command: operators' front door to the management commands.

`inovda score FILE` runs the pure-Python scoring engine without Django or a database, so a Pemda
with no server can score an answer file. Every other sub-command is a Django management command
(`inovda migrate`, `inovda load_regions`, `inovda seed_demo`, ...).
"""

from __future__ import annotations

import os
import sys

HELP = """inovda — Inovasi Daerah

Penggunaan: inovda PERINTAH [opsi]

Perintah utama:
  setup                 migrasi basis data + tabel cache (jalankan setelah pemasangan/pembaruan)
  load_regions          muat 552 Pemda (kode Kemendagri)
  create_admin          buat admin nasional atau admin Pemda
  seed_demo             isi data demo (Balangan, Banjar, Bangkalan)
  load_rulebooks        muat buku aturan IID (2023, 2026, draf 2027)
  score FILE            hitung IID dari berkas jawaban (JSON/Excel), tanpa server
  serve                 jalankan server web (gunicorn)
  export_period         cadangkan satu periode Pemda (data + berkas bukti) ke arsip .zip
  restore_period FILE   pulihkan arsip export_period ke instance ini
  worker                jalankan pekerja tugas latar (django-tasks) + pengingat tenggat harian
  send_reminders        kirim pengingat tenggat ke unit yang belum mengajukan (tanpa pekerja)

Semua perintah manajemen Django lain juga tersedia (mis. `inovda migrate`, `inovda check`).
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(HELP)
        return 0
    command, rest = args[0], args[1:]
    if command == "score":
        from inovda.scoring.cli import main as score_main

        return score_main(rest)
    if command == "serve":
        return _serve(rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inovda.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["inovda", command, *rest])
    return 0


def _serve(rest: list[str]) -> int:
    """Run gunicorn with sensible defaults; extra args go to gunicorn."""
    from gunicorn.app.wsgiapp import run

    bind = os.environ.get("BIND", "127.0.0.1:8000")
    workers = os.environ.get("WEB_CONCURRENCY", "3")
    sys.argv = ["gunicorn", "--bind", bind, "--workers", workers, *rest, "inovda.wsgi"]
    run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
