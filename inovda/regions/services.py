"""State changes of units: each a verb in one transaction that writes the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from inovda.core.models import record_event
from inovda.regions.models import Region, Unit

FIELDS = ("name", "short_name", "kind", "parent_id", "is_active")


def _snapshot(unit: Unit) -> dict[str, Any]:
    return {field: getattr(unit, field) for field in FIELDS}


def create_unit(
    *,
    actor: Any,
    region: Region,
    name: str,
    kind: str,
    short_name: str = "",
    parent: Unit | None = None,
) -> Unit:
    """Create a unit in a region. Side effects: one Unit row, one audit event."""
    with transaction.atomic():
        unit = Unit.objects.create(
            region=region, name=name, kind=kind, short_name=short_name, parent=parent
        )
        record_event(
            actor=actor, action="unit.create", obj=unit, region=region,
            summary=f"Unit {unit.name} ditambahkan", after=_snapshot(unit),
        )  # fmt: skip
    return unit


def update_unit(unit: Unit, *, actor: Any, **changes: Any) -> Unit:
    """Change a unit's name, kind, short name or parent. Side effect: audited before/after."""
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        before = _snapshot(unit)
        for field, value in changes.items():
            setattr(unit, field, value)
        unit.save()
        record_event(
            actor=actor, action="unit.update", obj=unit, region=unit.region,
            summary=f"Unit {unit.name} diubah", before=before, after=_snapshot(unit),
        )  # fmt: skip
    return unit


def set_unit_active(unit: Unit, *, actor: Any, active: bool) -> Unit:
    """Deactivate (kept for history, hidden from new work) or reactivate a unit; audit event."""
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        before = _snapshot(unit)
        unit.is_active = active
        unit.save(update_fields=["is_active", "updated_at"])
        record_event(
            actor=actor, action="unit.reactivate" if active else "unit.deactivate", obj=unit,
            region=unit.region,
            summary=f"Unit {unit.name} {'diaktifkan kembali' if active else 'dinonaktifkan'}",
            before=before, after=_snapshot(unit),
        )  # fmt: skip
    return unit
