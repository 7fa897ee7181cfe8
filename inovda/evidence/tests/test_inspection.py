"""Every rejection the evidence service promises, with real files generated in the test."""

import pytest

from inovda.evidence.inspection import EvidenceRejected, inspect_bytes
from inovda.evidence.tests import files


def _rejected(data: bytes, name: str) -> str:
    with pytest.raises(EvidenceRejected) as info:
        inspect_bytes(data, name)
    return str(info.value)


def test_valid_pdf_png_and_docx_are_accepted_with_their_hash():
    pdf = files.pdf()

    result = inspect_bytes(pdf, "SK Inovasi 2025.pdf")

    assert (result.kind, result.mime, result.size) == ("pdf", "application/pdf", len(pdf))
    assert len(result.sha256) == 64
    assert inspect_bytes(files.png(), "foto.png").kind == "png"
    assert inspect_bytes(files.docx(), "laporan.docx").kind == "docx"


def test_empty_file_is_refused():
    assert _rejected(b"", "kosong.pdf").startswith("Berkas kosong")


def test_too_large_file_is_refused_while_streaming():
    big = files.png() + b"\x00" * (11 * 1024 * 1024)

    assert "lebih dari 10 MB" in _rejected(big, "foto.png")


def test_wrong_type_is_refused():
    assert "tidak dikenali atau tidak diterima" in _rejected(b"MZ\x90\x00" + b"\x00" * 100, "a.pdf")
    assert "halaman web/SVG" in _rejected(b"<html><script>alert(1)</script></html>", "sk.pdf")


def test_type_that_lies_about_itself_is_refused():
    message = _rejected(files.png(), "sk-bupati.pdf")

    assert message.startswith("Isi berkas adalah PNG, tetapi namanya berakhiran .pdf")


def test_encrypted_pdf_is_refused():
    assert "PDF terkunci kata sandi" in _rejected(files.encrypted_pdf(), "sk.pdf")


def test_broken_pdf_is_refused():
    assert "PDF rusak" in _rejected(files.broken_pdf(), "sk.pdf")


def test_pdf_with_javascript_is_refused():
    assert "PDF berisi skrip" in _rejected(files.pdf_with_javascript(), "sk.pdf")


def test_archive_bomb_is_refused():
    assert "bom arsip" in _rejected(files.zip_bomb_docx(), "laporan.docx")


def test_traversal_inside_office_file_is_refused():
    assert "jalur berkas yang berbahaya" in _rejected(files.traversal_docx(), "laporan.docx")


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "C:\\Windows\\sk.pdf", "a/b.pdf"])
def test_path_traversal_names_are_refused(name):
    assert "jalur folder" in _rejected(files.pdf(), name)
