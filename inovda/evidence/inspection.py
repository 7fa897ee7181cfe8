"""Checking an uploaded file by its content, streaming: type sniffed from the bytes (not the
name), size limit per kind, SHA-256, and the dangers that matter for evidence files
(encrypted, broken or scripted PDFs; archive bombs and traversal inside office files)."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

import filetype
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MB = 1024 * 1024
# kind -> (label, allowed extensions, size limit)
KINDS = {
    "pdf": ("PDF", {"pdf"}, 20 * MB),
    "jpg": ("JPEG", {"jpg", "jpeg"}, 10 * MB),
    "png": ("PNG", {"png"}, 10 * MB),
    "docx": ("Word", {"docx"}, 20 * MB),
    "xlsx": ("Excel", {"xlsx"}, 20 * MB),
    "pptx": ("PowerPoint", {"pptx"}, 50 * MB),
}
MIME = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
MAX_UPLOAD = max(limit for _label, _ext, limit in KINDS.values())
ZIP_MAX_TOTAL = 200 * MB  # uncompressed, all entries
ZIP_MAX_RATIO = 100  # uncompressed / compressed, per entry
PDF_DANGERS = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b")
SNIFF_BYTES = 8192


class EvidenceRejected(ValueError):
    """The file cannot be accepted; the message (Indonesian) says why and what to do."""


@dataclass(frozen=True)
class Inspection:
    kind: str
    mime: str
    size: int
    sha256: str
    clean_name: str


def clean_name(name: str) -> str:
    """The name to show (never to store under): refuses folder paths and control characters."""
    if "/" in name or "\\" in name or ".." in name or "\x00" in name:
        raise EvidenceRejected(
            "Nama berkas memuat jalur folder ('/', '\\' atau '..'). Ganti nama berkas, "
            "mis. sk-inovasi-2025.pdf, lalu unggah lagi."
        )
    cleaned = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    if not cleaned:
        raise EvidenceRejected("Nama berkas kosong. Beri nama berkas, lalu unggah lagi.")
    return cleaned[:200]


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _chunks(source: IO[bytes], size: int = 64 * 1024) -> Iterable[bytes]:
    while True:
        chunk = source.read(size)
        if not chunk:
            return
        yield chunk


def _sniff(head: bytes) -> str | None:
    guess = filetype.guess(head)
    if guess is None:
        return None
    ext = {"jpg": "jpg", "png": "png", "pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "pptx": "pptx"}
    return ext.get(guess.extension)


def inspect(source: IO[bytes], name: str) -> Inspection:
    """Read the file once (constant memory) and accept or reject it with a clear reason."""
    shown = clean_name(name)
    source.seek(0)
    head = source.read(SNIFF_BYTES)
    if not head:
        raise EvidenceRejected("Berkas kosong (0 bait). Periksa berkasnya, lalu unggah lagi.")
    kind = _sniff(head)
    claimed = _extension(shown)
    if kind is None:
        if head.lstrip()[:15].lower().startswith((b"<!doctype", b"<html", b"<svg", b"<?xml")):
            raise EvidenceRejected(
                "Isi berkas adalah halaman web/SVG, bukan dokumen. Unggah PDF, JPG, PNG atau "
                "dokumen Office."
            )
        raise EvidenceRejected(
            "Jenis berkas tidak dikenali atau tidak diterima. Unggah PDF, JPG, PNG atau dokumen "
            "Office (docx, xlsx, pptx)."
        )
    label, extensions, limit = KINDS[kind]
    if claimed not in extensions:
        raise EvidenceRejected(
            f"Isi berkas adalah {label}, tetapi namanya berakhiran .{claimed or '(tanpa)'}. "
            f"Simpan ulang dengan akhiran yang benar (.{sorted(extensions)[0]})."
        )
    digest = hashlib.sha256(head)
    size = len(head)
    for chunk in _chunks(source):
        size += len(chunk)
        if size > limit:
            raise EvidenceRejected(
                f"Berkas {label} lebih dari {limit // MB} MB. Perkecil (mis. kompres PDF atau "
                "pindai dengan resolusi lebih rendah), lalu unggah lagi."
            )
        digest.update(chunk)
    if size > limit:
        raise EvidenceRejected(f"Berkas {label} lebih dari {limit // MB} MB. Perkecil dulu.")
    source.seek(0)
    if kind == "pdf":
        _check_pdf(source)
    elif kind in ("docx", "xlsx", "pptx"):
        _check_office(source, label)
    source.seek(0)
    return Inspection(kind=kind, mime=MIME[kind], size=size, sha256=digest.hexdigest(),
                      clean_name=shown)  # fmt: skip


def _check_pdf(source: IO[bytes]) -> None:
    try:
        reader = PdfReader(source, strict=False)
        if reader.is_encrypted:
            raise EvidenceRejected(
                "PDF terkunci kata sandi. Simpan ulang tanpa kata sandi agar verifikator dapat "
                "membukanya."
            )
        pages = len(reader.pages)
    except EvidenceRejected:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise EvidenceRejected(
            "PDF rusak atau tidak dapat dibaca. Buat ulang PDF-nya (mis. 'Simpan sebagai PDF'), "
            "lalu unggah lagi."
        ) from None
    if pages == 0:
        raise EvidenceRejected("PDF tidak berisi halaman. Periksa berkasnya.")
    source.seek(0)
    tail = b""
    for chunk in _chunks(source):
        if PDF_DANGERS.search(tail + chunk):
            raise EvidenceRejected(
                "PDF berisi skrip, tautan peluncur atau berkas sisipan. Cetak ulang ke PDF biasa "
                "(mis. 'Print to PDF'), lalu unggah lagi."
            )
        tail = chunk[-32:]


def _check_office(source: IO[bytes], label: str) -> None:
    try:
        with zipfile.ZipFile(source) as archive:
            total = 0
            for info in archive.infolist():
                name = info.filename
                if name.startswith(("/", "\\")) or ".." in name.split("/"):
                    raise EvidenceRejected(
                        f"Dokumen {label} berisi jalur berkas yang berbahaya. Simpan ulang "
                        "dokumennya dari aplikasi Office."
                    )
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if total > ZIP_MAX_TOTAL or (info.file_size > MB and ratio > ZIP_MAX_RATIO):
                    raise EvidenceRejected(
                        f"Dokumen {label} mengembang jauh melebihi ukurannya (bom arsip). "
                        "Berkas ditolak demi keamanan."
                    )
            if "[Content_Types].xml" not in archive.namelist():
                raise EvidenceRejected(f"Dokumen {label} rusak. Simpan ulang dari aplikasi Office.")
    except zipfile.BadZipFile:
        raise EvidenceRejected(
            f"Dokumen {label} rusak. Simpan ulang dari aplikasi Office."
        ) from None


def inspect_bytes(data: bytes, name: str) -> Inspection:
    return inspect(io.BytesIO(data), name)
