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
from inovda.evidence.models import EvidenceFile
from inovda.evidence.prechecks import pdf_text, read_facts
from inovda.regions.models import Unit


def store_evidence(*, actor: Any, unit: Unit, source: IO[bytes], name: str) -> EvidenceFile:
    """Check a file by its content and store it under a random name.

    Raises EvidenceRejected (nothing stored). Side effects: one object in storage, one
    EvidenceFile row, one audit event. The storage object is removed if the row cannot be saved.
    """
    result = inspect(source, name)
    facts = read_facts(pdf_text(source)) if result.kind == "pdf" else None
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
