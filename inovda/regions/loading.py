"""Load the 552 Pemda from `data/regions.csv`: checked whole first, then one atomic upsert."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from inovda.regions.models import Region

DEFAULT_FILE = Path(__file__).with_name("data") / "regions.csv"
PROVINCE_CODE = re.compile(r"^\d{2}$")
REGENCY_CODE = re.compile(r"^\d{2}\.\d{2}$")
KINDS = {k.value for k in Region.Kind}


class RegionDataError(ValueError):
    """A region file that cannot be loaded; says the line and the fix, in Indonesian."""


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int
    unchanged: int
    deactivated: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class RegionRow:
    line: int
    code: str
    name: str
    kind: str
    parent_code: str


def read_rows(text: str) -> list[RegionRow]:
    reader = csv.DictReader(io.StringIO(text))
    expected = ["code", "name", "kind", "parent_code"]
    if reader.fieldnames != expected:
        raise RegionDataError(
            f"baris 1: kolom harus {','.join(expected)}, bukan {','.join(reader.fieldnames or [])}"
        )
    rows = [
        RegionRow(
            line=i,
            code=(raw["code"] or "").strip(),
            name=(raw["name"] or "").strip(),
            kind=(raw["kind"] or "").strip(),
            parent_code=(raw["parent_code"] or "").strip(),
        )
        for i, raw in enumerate(reader, start=2)
    ]
    validate(rows)
    return rows


def validate(rows: Iterable[RegionRow]) -> None:
    rows = list(rows)
    codes: dict[str, RegionRow] = {}
    for row in rows:
        where = f"baris {row.line} ({row.code or 'tanpa kode'})"
        if row.code in codes:
            raise RegionDataError(
                f"{where}: kode dipakai dua kali (juga di baris {codes[row.code].line})"
            )
        codes[row.code] = row
        if not row.name:
            raise RegionDataError(f"{where}: nama kosong; isi nama resmi Pemda")
        if row.kind not in KINDS:
            raise RegionDataError(
                f"{where}: jenis '{row.kind}' tidak dikenal; pakai provinsi, kabupaten atau kota"
            )
        if row.kind == Region.Kind.PROVINCE:
            if not PROVINCE_CODE.match(row.code) or row.parent_code:
                raise RegionDataError(f"{where}: provinsi berkode 2 angka tanpa induk, mis. 63")
        elif not REGENCY_CODE.match(row.code) or row.code[:2] != row.parent_code:
            raise RegionDataError(
                f"{where}: kabupaten/kota berkode NN.NN yang diawali kode provinsinya, "
                "mis. 63.11 di bawah 63"
            )
    for row in rows:
        if row.parent_code and codes.get(row.parent_code) is None:
            raise RegionDataError(
                f"baris {row.line} ({row.code}): provinsi induk {row.parent_code} "
                "tidak ada di berkas"
            )


def load_regions(path: str | Path | None = None) -> LoadReport:
    """Create new regions, update changed ones, mark vanished ones inactive; all or nothing."""
    rows = read_rows(Path(path or DEFAULT_FILE).read_text(encoding="utf-8"))
    with transaction.atomic():
        existing = {r.code: r for r in Region.objects.select_for_update()}
        created = updated = unchanged = 0
        for row in sorted(rows, key=lambda r: (r.kind != Region.Kind.PROVINCE, r.code)):
            parent = existing.get(row.parent_code) if row.parent_code else None
            region = existing.get(row.code)
            if region is None:
                existing[row.code] = Region.objects.create(
                    code=row.code, name=row.name, kind=row.kind, parent=parent
                )
                created += 1
                continue
            wanted = (row.name, row.kind, parent.pk if parent else None, True)
            if (region.name, region.kind, region.parent_id, region.is_active) == wanted:
                unchanged += 1
                continue
            region.name, region.kind, region.parent, region.is_active = (
                row.name,
                row.kind,
                parent,
                True,
            )
            region.save()
            updated += 1
        listed = {row.code for row in rows}
        deactivated = (
            Region.objects.filter(is_active=True).exclude(code__in=listed).update(is_active=False)
        )
    return LoadReport(created, updated, unchanged, deactivated)
