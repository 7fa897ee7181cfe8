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
from inovda.regions.models import Unit


def store_evidence(*, actor: Any, unit: Unit, source: IO[bytes], name: str) -> EvidenceFile:
    """Check a file by its content and store it under a random name.

    Raises EvidenceRejected (nothing stored). Side effects: one object in storage, one
    EvidenceFile row, one audit event. The storage object is removed if the row cannot be saved.
    """
    result = inspect(source, name)
    today = timezone.now()
    key = f"bukti/{unit.region.code}/{today:%Y}/{uuid.uuid4().hex}.{result.kind}"
    stored = default_storage.save(key, File(source, name=key))
    try:
        with transaction.atomic():
            evidence = EvidenceFile.objects.create(
                region=unit.region, unit=unit, original_name=result.clean_name,
                storage_name=stored, kind=result.kind, mime=result.mime, size=result.size,
                sha256=result.sha256, uploaded_by=actor,
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
