"""Storing and deleting evidence files: checked first, random names, audit trail."""

from __future__ import annotations

import uuid
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from inovda.core.models import record_event
from inovda.evidence.inspection import inspect
from inovda.evidence.models import ChunkedUpload, EvidenceFile
from inovda.evidence.prechecks import mentions, pdf_text, read_facts
from inovda.regions.models import Unit

# Characters of a PDF's text layer kept with the record (the first pages: title, number, who
# signed), enough for the later name and regulation checks without reading storage again.
TEXT_KEPT = 20_000


def store_evidence(*, actor: Any, unit: Unit, source: IO[bytes], name: str) -> EvidenceFile:
    """Check a file by its content and store it under a random name.

    Raises EvidenceRejected (nothing stored). Side effects: one object in storage, one
    EvidenceFile row, one audit event. The storage object is removed if the row cannot be saved.
    """
    result = inspect(source, name)
    text = pdf_text(source) if result.kind == "pdf" else ""
    facts = read_facts(text) if result.kind == "pdf" else None
    mentions_unit = (
        mentions(text, unit.name, unit.short_name) if facts is not None and facts.has_text else None
    )
    today = timezone.now()
    key = f"bukti/{unit.region.code}/{today:%Y}/{uuid.uuid4().hex}.{result.kind}"
    stored = default_storage.save(key, File(source, name=key))
    try:
        with transaction.atomic():
            evidence = EvidenceFile.objects.create(
                region=unit.region, unit=unit, original_name=result.clean_name,
                storage_name=stored, kind=result.kind, mime=result.mime, size=result.size,
                sha256=result.sha256, uploaded_by=actor,
                has_text=facts.has_text if facts else None,
                doc_number=facts.number[:120] if facts else "",
                doc_date=facts.date if facts else None,
                doc_subject=facts.subject if facts else "",
                doc_signer=facts.signer[:200] if facts else "",
                mentions_unit=mentions_unit,
                text=text[:TEXT_KEPT] if facts is not None and facts.has_text else "",
            )  # fmt: skip
            record_event(
                actor=actor, action="evidence.upload", obj=evidence, region=unit.region,
                summary=f"{result.clean_name} ({result.kind}, {result.size} bait)",
                after={"sha256": result.sha256, "unit_id": unit.pk},
            )  # fmt: skip
    except Exception:
        default_storage.delete(stored)
        raise
    return evidence


def confirm_facts(evidence: EvidenceFile, *, actor: Any, **facts: Any) -> EvidenceFile:
    """The operator confirms (or corrects) the document's number, date, subject and signer."""
    with transaction.atomic():
        before = {k: str(getattr(evidence, k)) for k in facts}
        for key, value in facts.items():
            setattr(evidence, key, value)
        evidence.facts_confirmed = True
        evidence.save()
        record_event(
            actor=actor, action="evidence.confirm_facts", obj=evidence, region=evidence.region,
            summary=f"Data dokumen {evidence.original_name} dikonfirmasi",
            before=before, after={k: str(v) for k, v in facts.items()},
        )  # fmt: skip
    return evidence


def warnings_for(files: list[EvidenceFile]) -> dict[int, list[str]]:
    """Warnings per file (one query whatever the number of files): scans and reused files."""
    from django.db.models import Count

    hashes = {f.sha256 for f in files}
    regions = {f.region_id for f in files}
    uses = {
        (row["region_id"], row["sha256"]): row["n"]
        for row in EvidenceFile.objects.filter(sha256__in=hashes, region_id__in=regions)
        .values("region_id", "sha256")
        .annotate(n=Count("id"))
    }
    out: dict[int, list[str]] = {}
    for f in files:
        found = []
        if f.has_text is False:
            found.append(
                "PDF hasil pindaian tanpa lapisan teks: verifikator tidak dapat mencari isinya. "
                "Jika ada, unggah PDF asli dari aplikasinya (bukan hasil pindai)."
            )
        if f.mentions_unit is False:
            found.append(
                "Teks PDF tidak menyebut nama unit ini; verifikator mencari nama inovasi atau "
                "unit pada bukti. Pastikan dokumennya benar."
            )
        if uses.get((f.region_id, f.sha256), 0) > 1:
            found.append(
                "Berkas yang sama juga diunggah di tempat lain di Pemda ini; pastikan memang "
                "bukti untuk indikator ini."
            )
        out[f.pk] = found
    return out


def delete_evidence(evidence: EvidenceFile, *, actor: Any) -> None:
    """Remove the row and the stored object; audit event keeps name and hash."""
    with transaction.atomic():
        record_event(
            actor=actor, action="evidence.delete", obj=evidence, region=evidence.region,
            summary=f"{evidence.original_name} dihapus",
            before={"sha256": evidence.sha256, "storage_name": evidence.storage_name},
        )  # fmt: skip
        name = evidence.storage_name
        evidence.delete()
        transaction.on_commit(lambda: default_storage.delete(name))


CHUNK_MAX = 2 * 1024 * 1024


class ChunkRejected(ValueError):
    """A piece that does not fit where the upload stands (the client resumes from `received`)."""


def start_chunked_upload(*, actor: Any, unit: Unit, name: str, size: int) -> ChunkedUpload:
    from inovda.evidence.inspection import MAX_UPLOAD, EvidenceRejected, clean_name

    shown = clean_name(name)
    if size <= 0:
        raise EvidenceRejected("Berkas kosong (0 bait). Periksa berkasnya, lalu unggah lagi.")
    if size > MAX_UPLOAD:
        raise EvidenceRejected("Berkas terlalu besar. Perkecil dulu, lalu unggah lagi.")
    return ChunkedUpload.objects.create(
        id=uuid.uuid4(), unit=unit, user=actor, name=shown, size=size
    )


def _part_name(upload: ChunkedUpload, index: int) -> str:
    return f"unggahan-sementara/{upload.pk}/{index:06d}"


def add_chunk(upload: ChunkedUpload, *, offset: int, data: bytes) -> ChunkedUpload:
    """Store one piece at `offset`; when the last piece arrives, check and store the whole file.

    Raises ChunkRejected when the offset is not where the upload stands (nothing changes), and
    EvidenceRejected when the assembled file fails the checks (pieces removed).
    """
    import tempfile

    from django.core.files.base import ContentFile

    with transaction.atomic():
        upload = ChunkedUpload.objects.select_for_update().get(pk=upload.pk)
        if upload.evidence_id:
            return upload
        if offset != upload.received or not data or len(data) > CHUNK_MAX:
            raise ChunkRejected(str(upload.received))
        if upload.received + len(data) > upload.size:
            raise ChunkRejected(str(upload.received))
        default_storage.save(_part_name(upload, upload.parts), ContentFile(data))
        upload.parts += 1
        upload.received += len(data)
        upload.save(update_fields=["parts", "received"])
    if upload.received < upload.size:
        return upload
    with tempfile.TemporaryFile() as whole:
        for index in range(upload.parts):
            with default_storage.open(_part_name(upload, index), "rb") as part:
                for chunk in iter(lambda p=part: p.read(64 * 1024), b""):
                    whole.write(chunk)
        whole.seek(0)
        try:
            evidence = store_evidence(
                actor=upload.user, unit=upload.unit, source=whole, name=upload.name
            )
        except Exception:
            upload.delete()  # the person starts again with a fixed file
            raise
        finally:
            for index in range(upload.parts):
                default_storage.delete(_part_name(upload, index))
    upload.evidence = evidence
    upload.save(update_fields=["evidence"])
    return upload
