"""Backup and restore of one region's period: its records and its evidence files, in one archive.

The archive is a zip file:

- `manifest.json`: format and version, when and by which inovda it was made, the region and
  period, how many rows of each model, the SHA-256 of `records.json`, and one entry per evidence
  file (its SHA-256, size and storage name);
- `records.json`: the rows, written by Django's serializers (every field of the model as it is
  today, so a field added later is carried without touching this module), in the order they are
  restored, plus `refs`: how to find rows that are pointed at but not carried (a report's version
  of last year, the national rulebook a clone was based on);
- `files/<sha256>`: each evidence file's bytes, once per content.

What is carried: the region row (and its province), all the region's units, the period's
rulebook and the version it uses, the period, its innovations, reports, answers (with their
evidence links), reopenings, the rows of any model that hangs on those by a required link (e.g.
impact measures, reminders sent: found from the model registry, see `part_models`), the evidence
files attached to the answers, the audit events of all of those, and the people they name
(e-mail, name, phone, position: never a password hash or a TOTP secret; restored people must
set a password through "lupa kata sandi", and get their roles again from an admin).

Restoring into an instance: rows that identify themselves are matched rather than duplicated
(a region by its code, a unit by region and name, a person by e-mail, a rulebook by name and its
version by content, an evidence file by storage name and hash, an innovation by unit and name);
everything else gets new ids, and every link (and each audit event's object id) follows them.
The restore refuses, changing nothing, when the period already exists there. It runs in one
database transaction; evidence files written before a failure are removed again.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import os
import tempfile
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

FORMAT = "inovda-period-backup"
FORMAT_VERSION = 1
CHUNK = 1024 * 1024

# Restored in this order: every model after the ones it points to.
CORE = [
    "regions.region",
    "accounts.user",
    "methodology.rulebook",
    "methodology.rulebookversion",
    "regions.unit",
    "evidence.evidencefile",
    "innovations.period",
    "innovations.innovation",
    "innovations.report",
    "innovations.answer",
    "innovations.reopening",
]
PERIOD_OWNED = {
    "innovations.period",
    "innovations.innovation",
    "innovations.report",
    "innovations.answer",
    "innovations.reopening",
}
AUDIT = "core.auditevent"
# Models that point at the period's rows but are not carried, and why. A new model pointing at
# them by an optional link must be added here or be made a required part (a test checks).
NOT_BACKED_UP = {
    "evidence.designfingerprint": "indeks turunan dari rancang bangun; dibangun ulang otomatis",
    "evidence.designband": "bagian indeks turunan rancang bangun",
    "evidence.chunkedupload": "unggahan bertahap yang belum selesai",
    "public.proposal": "usulan masyarakat milik Pemda, bukan milik satu periode",
    "notifications.reminderrun": "jalannya pemeriksaan pengingat (catatan proses latar)",
}
# People: who did what, without credentials.
USER_EXCLUDED = {"password", "last_login", "is_superuser", "is_staff", "groups", "user_permissions"}


class BackupError(Exception):
    """The export or restore cannot go on; the message (Indonesian) says why and what to do."""


@dataclass
class Summary:
    """What an export wrote or a restore did, for the command's output and the tests."""

    counts: dict[str, int] = field(default_factory=dict)
    reused: dict[str, int] = field(default_factory=dict)
    files: int = 0
    bytes: int = 0
    dropped_links: int = 0
    maps: dict[str, dict[str, Any]] = field(default_factory=dict)


# --- the model graph --------------------------------------------------------------------------


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _links(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """Foreign keys and one-to-one fields of a model (concrete, forward)."""
    return [f for f in model._meta.concrete_fields if f.is_relation and f.related_model]


def part_models() -> list[type[models.Model]]:
    """Models whose rows hang on the period's rows by a required link (e.g. a report's impact
    measures), in an order where each comes after what it hangs on. Found from the registry, so a
    model added later by another app is carried without touching this module."""
    owned = set(PERIOD_OWNED)
    found: list[type[models.Model]] = []
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            label = _label(model)
            if label in owned or label in CORE or label in NOT_BACKED_UP or label == AUDIT:
                continue
            if any(not f.null and _label(f.related_model) in owned for f in _links(model)):
                owned.add(label)
                found.append(model)
                changed = True
    return found


def unchecked_relations() -> list[str]:
    """Links from models that are neither carried nor listed in NOT_BACKED_UP to the period's
    rows or evidence files: each is data a restore would lose without anyone deciding so."""
    parts = {_label(m) for m in part_models()}
    carried = set(CORE) | parts | {AUDIT}
    targets = PERIOD_OWNED | {"evidence.evidencefile"} | parts
    found = []
    for model in apps.get_models(include_auto_created=False):
        label = _label(model)
        if label in carried or label in NOT_BACKED_UP:
            continue
        for f in [*_links(model), *model._meta.many_to_many]:
            if _label(f.related_model) in targets:
                found.append(f"{label}.{f.name}")
    return found


# --- natural keys: how to find a row that is pointed at but not carried -------------------------


def _natural(label: str, pk: Any) -> dict[str, Any] | None:
    model = apps.get_model(label)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        return None
    if label == "regions.region":
        return {"code": obj.code}
    if label == "accounts.user":
        return {"email": obj.email}
    if label == "methodology.rulebook":
        return {"name": obj.name}
    if label == "regions.unit":
        return {"region": obj.region.code, "name": obj.name}
    if label == "innovations.period":
        return {"region": obj.region.code, "name": obj.name}
    if label == "innovations.innovation":
        return {"region": obj.region.code, "unit": obj.unit.name, "name": obj.name}
    if label == "innovations.report":
        return {
            "period": _natural("innovations.period", obj.period_id),
            "innovation": _natural("innovations.innovation", obj.innovation_id),
        }
    return None


def _find(label: str, key: dict[str, Any] | None) -> Any:
    """The pk of the row `key` describes in this instance, or None."""
    if not key:
        return None
    model = apps.get_model(label)
    manager = model._default_manager
    if label == "regions.region":
        q = Q(code=key["code"])
    elif label == "accounts.user":
        q = Q(email__iexact=key["email"])
    elif label == "methodology.rulebook":
        q = Q(name=key["name"])
    elif label in ("regions.unit", "innovations.period"):
        q = Q(region__code=key["region"], name=key["name"])
    elif label == "innovations.innovation":
        q = Q(region__code=key["region"], unit__name=key["unit"], name=key["name"])
    elif label == "innovations.report":
        period = _find("innovations.period", key.get("period"))
        innovation = _find("innovations.innovation", key.get("innovation"))
        if period is None or innovation is None:
            return None
        q = Q(period_id=period, innovation_id=innovation)
    else:
        return None
    return manager.filter(q).order_by("pk").values_list("pk", flat=True).first()


# --- export -----------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    # Full precision: Django's JSON encoder cuts datetimes to milliseconds.
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    raise TypeError(f"{type(value).__name__} tidak dapat disimpan")


def _parents_first(objects: list[models.Model], name: str) -> list[models.Model]:
    """Rows of a model that points at itself (a unit's parent unit), parents before children."""
    by_pk = {o.pk: o for o in objects}
    ordered: list[models.Model] = []
    placed: set[Any] = set()

    def place(obj: models.Model, depth: int = 0) -> None:
        if obj.pk in placed:
            return
        parent = by_pk.get(getattr(obj, f"{name}_id"))
        if parent is not None and depth < len(objects):
            place(parent, depth + 1)
        placed.add(obj.pk)
        ordered.append(obj)

    for obj in objects:
        place(obj)
    return ordered


def _period_rows(region_code: str, period_name: str) -> tuple[Any, dict[str, list[models.Model]]]:
    from inovda.evidence.models import EvidenceFile
    from inovda.innovations.models import Answer, Innovation, Period, Reopening, Report
    from inovda.methodology.models import Rulebook, RulebookVersion
    from inovda.regions.models import Region, Unit

    region = Region.objects.select_related("parent").filter(code=region_code).first()
    if region is None:
        raise BackupError(f"Pemda dengan kode {region_code} tidak ada di instance ini.")
    period = Period.objects.filter(region=region, name=period_name).first()
    if period is None:
        names = ", ".join(Period.objects.filter(region=region).values_list("name", flat=True))
        raise BackupError(
            f"{region} tidak punya periode \u201c{period_name}\u201d. "
            f"Periode yang ada: {names or '(belum ada)'}."
        )
    version = RulebookVersion.objects.get(pk=period.rulebook_version_id)
    rows: dict[str, list[models.Model]] = {
        "regions.region": [r for r in (region.parent, region) if r is not None],
        "methodology.rulebook": [Rulebook.objects.get(pk=version.rulebook_id)],
        "methodology.rulebookversion": [version],
        "regions.unit": _parents_first(list(Unit.objects.filter(region=region)), "parent"),
        "evidence.evidencefile": list(
            EvidenceFile.objects.filter(answers__period=period).distinct().order_by("pk")
        ),
        "innovations.period": [period],
        "innovations.innovation": list(
            Innovation.objects.filter(reports__period=period).distinct().order_by("pk")
        ),
        "innovations.report": list(Report.objects.filter(period=period).order_by("pk")),
        "innovations.answer": list(Answer.objects.filter(period=period).order_by("pk")),
        "innovations.reopening": list(Reopening.objects.filter(period=period).order_by("pk")),
    }
    carried = {label: {o.pk for o in objs} for label, objs in rows.items()}
    for model in part_models():
        q = Q(pk__in=[])
        for f in _links(model):
            target = _label(f.related_model)
            if not f.null and target in carried:
                q |= Q(**{f"{f.name}__in": carried[target]})
        objs = list(model._default_manager.filter(q).order_by("pk"))
        rows[_label(model)] = objs
        carried[_label(model)] = {o.pk for o in objs}
    return period, rows


def _audit_events(rows: dict[str, list[models.Model]]) -> list[models.Model]:
    from inovda.core.models import AuditEvent

    q = Q(pk__in=[])
    for label, objs in rows.items():
        if label in ("regions.region", "regions.unit") or label.startswith("methodology."):
            continue  # the region's and rulebook's own history belongs to no single period
        if objs:
            q |= Q(object_type=label, object_id__in=[str(o.pk) for o in objs])
    return list(AuditEvent.objects.filter(q).order_by("pk"))


def _serialize(label: str, objs: list[models.Model]) -> list[dict[str, Any]]:
    if label == "accounts.user":
        model = apps.get_model(label)
        names = [
            f.name
            for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
            if f.name not in USER_EXCLUDED and not f.primary_key
        ]
        return serializers.serialize("python", objs, fields=names)
    return serializers.serialize("python", objs)


def export_period(region_code: str, period_name: str, dest: str | Path) -> Summary:
    """Write the period's archive to `dest` (a .zip path); replaces it only when complete.

    Raises BackupError when the region or period does not exist, or an evidence file is
    missing from storage or no longer matches its SHA-256 (the archive would not be a backup).
    """
    period, rows = _period_rows(region_code, period_name)
    rows[AUDIT] = _audit_events(rows)
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    groups: list[dict[str, Any]] = []
    serialized: dict[str, list[dict[str, Any]]] = {}
    for label, objs in rows.items():
        serialized[label] = _serialize(label, objs)
    # The people named anywhere in the carried rows.
    people: set[Any] = set()
    for label, records in serialized.items():
        model = apps.get_model(label)
        for f in _links(model):
            if f.related_model is user_model:
                people |= {r["fields"][f.name] for r in records if r["fields"].get(f.name)}
    serialized["accounts.user"] = _serialize(
        "accounts.user", list(user_model._default_manager.filter(pk__in=people).order_by("pk"))
    )
    order = [*CORE, *(_label(m) for m in part_models()), AUDIT]
    carried = {label: {str(r["pk"]) for r in serialized.get(label, [])} for label in order}
    refs: dict[str, dict[str, Any]] = defaultdict(dict)
    for label in order:
        records = serialized.get(label, [])
        groups.append({"model": label, "objects": records})
        for f in _links(apps.get_model(label)):
            target = _label(f.related_model)
            for r in records:
                value = r["fields"].get(f.name)
                if value is not None and str(value) not in carried.get(target, set()):
                    refs[target].setdefault(str(value), _natural(target, value))
    records_json = json.dumps(
        {"groups": groups, "refs": refs}, default=_json_default, ensure_ascii=False
    ).encode()
    summary = Summary(counts={g["model"]: len(g["objects"]) for g in groups})
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".partial")
    os.close(fd)
    try:
        files = []
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.writestr("records.json", records_json)
            written: set[str] = set()
            for evidence in rows["evidence.evidencefile"]:
                files.append(
                    {"sha256": evidence.sha256, "size": evidence.size,
                     "storage_name": evidence.storage_name, "name": evidence.original_name}
                )  # fmt: skip
                if evidence.sha256 in written:
                    continue
                _write_file(archive, evidence)
                written.add(evidence.sha256)
                summary.files += 1
                summary.bytes += evidence.size
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "inovda_version": _version(),
                "region": {"code": period.region.code, "name": str(period.region)},
                "period": period.name,
                "records_sha256": hashlib.sha256(records_json).hexdigest(),
                "counts": summary.counts,
                "files": files,
            }
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        os.replace(partial, dest)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return summary


def _write_file(archive: zipfile.ZipFile, evidence: Any) -> None:
    """Stream one evidence file from storage into the archive, checking its SHA-256."""
    info = zipfile.ZipInfo(f"files/{evidence.sha256}", date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED  # PDFs and images are compressed already
    digest, size = hashlib.sha256(), 0
    try:
        source = default_storage.open(evidence.storage_name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise BackupError(
            f"Berkas bukti \u201c{evidence.original_name}\u201d ({evidence.storage_name}) tidak "
            f"ada di penyimpanan: {exc}. Pulihkan berkasnya dulu, lalu ekspor lagi."
        ) from None
    with source, archive.open(info, "w", force_zip64=True) as target:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
            target.write(chunk)
    if digest.hexdigest() != evidence.sha256 or size != evidence.size:
        raise BackupError(
            f"Isi berkas bukti \u201c{evidence.original_name}\u201d ({evidence.storage_name}) di "
            "penyimpanan tidak lagi cocok dengan sidik SHA-256 yang dicatat saat diunggah. "
            "Periksa penyimpanan berkas; ekspor dibatalkan."
        )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("inovda")
    except PackageNotFoundError:
        return "?"


# --- restore ----------------------------------------------------------------------------------


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError(
            "Berkas ini bukan arsip cadangan inovda (manifest.json tidak ada atau rusak)."
        ) from None
    if manifest.get("format") != FORMAT:
        raise BackupError("Berkas ini bukan arsip cadangan periode inovda.")
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise BackupError(
            f"Arsip ini memakai format versi {manifest.get('format_version')}, lebih baru dari "
            f"yang dikenal inovda ini ({FORMAT_VERSION}). Perbarui inovda dulu."
        )
    return manifest


def restore_period(source: str | Path | IO[bytes]) -> Summary:
    """Restore an archive made by `export_period`; returns what was created and reused.

    Raises BackupError (nothing changed) when the archive is not one, is damaged (a hash does
    not match), was made by a newer inovda with fields this one lacks, or when the period
    already exists here.
    """
    from inovda.innovations.models import Period

    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"Arsip tidak dapat dibuka: {exc}.") from None
    with archive:
        manifest = read_manifest(archive)
        records_json = archive.read("records.json")
        if hashlib.sha256(records_json).hexdigest() != manifest["records_sha256"]:
            raise BackupError("Arsip rusak: isi records.json tidak cocok dengan sidiknya.")
        data = json.loads(records_json)
        region, name = manifest["region"], manifest["period"]
        if Period.objects.filter(region__code=region["code"], name=name).exists():
            raise BackupError(
                f"Periode \u201c{name}\u201d {region['name']} ({region['code']}) sudah ada di "
                "instance ini; tidak ada yang dipulihkan. Pulihkan ke instance kosong, atau "
                "hapus periode itu dulu."
            )
        sizes = {f["sha256"]: f["size"] for f in manifest["files"]}
        restorer = _Restorer(archive, data.get("refs", {}), sizes)
        try:
            with transaction.atomic():
                restorer.run(data["groups"])
        except BaseException as exc:
            # The database rolled back: remove the files written so far, too.
            for stored in restorer.stored:
                default_storage.delete(stored)
            if isinstance(exc, IntegrityError):
                raise BackupError(
                    f"Arsip tidak dapat dipulihkan ke instance ini (data bentrok: {exc}). "
                    "Tidak ada yang diubah."
                ) from None
            raise
    return restorer.summary


class _Restorer:
    """One restore: pk maps per model, files written so far (to remove on failure)."""

    def __init__(self, archive: zipfile.ZipFile, refs: dict[str, Any], sizes: dict[str, int]):
        self.archive = archive
        self.refs = refs
        self.sizes = sizes
        self.maps: dict[str, dict[str, Any]] = defaultdict(dict)
        self.stored: list[str] = []
        self.summary = Summary(maps=self.maps)
        self.m2m: list[tuple[type[models.Model], list[models.Model]]] = []

    def run(self, groups: list[dict[str, Any]]) -> None:
        for group in groups:
            label = group["model"]
            try:
                apps.get_model(label)
            except LookupError:
                if group["objects"]:
                    raise BackupError(
                        f"Arsip memuat data {label} yang tidak dikenal instance ini. Pasang "
                        "versi inovda yang sama atau lebih baru, lalu pulihkan lagi."
                    ) from None
                continue
            created = reused = 0
            for record in group["objects"]:
                if self.restore_one(label, record):
                    created += 1
                else:
                    reused += 1
            self.summary.counts[label] = created
            self.summary.reused[label] = reused
        # Links last and in bulk: the evidence checks on attaching (inovda.evidence.signals) are
        # for people attaching files, not for a faithful copy of what was there.
        for through, links in self.m2m:
            through.objects.bulk_create(links)

    def resolve(self, label: str, old: Any) -> Any:
        if str(old) in self.maps[label]:
            return self.maps[label][str(old)]
        return _find(label, self.refs.get(label, {}).get(str(old)))

    def restore_one(self, label: str, record: dict[str, Any]) -> bool:
        """Create the row (True) or match an existing one (False); remember its new pk."""
        model = apps.get_model(label)
        fields = dict(record["fields"])
        old_pk = str(record["pk"])
        unknown = [n for n in fields if not _has_field(model, n)]
        if unknown:
            raise BackupError(
                f"Arsip memuat kolom {label}.{unknown[0]} yang tidak dikenal instance ini. "
                "Perbarui inovda ke versi yang membuat arsip, lalu pulihkan lagi."
            )
        for f in _links(model):
            old = fields.get(f.name)
            if old is None:
                continue
            new = self.resolve(_label(f.related_model), old)
            if new is None:
                if not f.null:
                    raise BackupError(
                        f"Arsip tidak lengkap: {label} #{old_pk} menunjuk "
                        f"{_label(f.related_model)} #{old} yang tidak ada di arsip maupun di "
                        "instance ini."
                    )
                self.summary.dropped_links += 1
            fields[f.name] = new
        m2m = {f.name: fields.pop(f.name) for f in model._meta.many_to_many if f.name in fields}
        if label == AUDIT:
            target = self.maps.get(fields["object_type"], {}).get(fields["object_id"])
            if target is not None:
                fields["object_id"] = str(target)
        existing = self.match(label, fields)
        if existing is not None:
            self.maps[label][old_pk] = existing
            return False
        if label == "evidence.evidencefile":
            fields["storage_name"] = self.store_file(fields)
        pk = None  # a new id, unless the id is itself a link (a one-to-one "extension" row)
        if model._meta.pk.is_relation:
            pk = self.resolve(_label(model._meta.pk.related_model), record["pk"])
        try:
            [item] = serializers.deserialize(
                "python", [{"model": label, "pk": pk, "fields": fields}]
            )
        except (DeserializationError, FieldDoesNotExist) as exc:
            raise BackupError(
                f"Baris {label} #{old_pk} di arsip tidak dapat dibaca: {exc}"
            ) from None
        if label == "accounts.user":
            item.object.set_unusable_password()
        item.save()
        self.maps[label][old_pk] = item.object.pk
        for name, values in m2m.items():
            f = model._meta.get_field(name)
            through = f.remote_field.through
            target = _label(f.related_model)
            rows = []
            for value in values:
                new = self.resolve(target, value)
                if new is None:
                    self.summary.dropped_links += 1
                    continue
                rows.append(through(**{f.m2m_field_name(): item.object, f.m2m_reverse_name(): new}))
            self.m2m.append((through, rows))
        return True

    def match(self, label: str, fields: dict[str, Any]) -> Any:
        """The pk of an existing row this record is (see the module docstring), or None."""
        model = apps.get_model(label)
        manager = model._default_manager
        if label == "regions.region":
            return manager.filter(code=fields["code"]).values_list("pk", flat=True).first()
        if label == "accounts.user":
            return (
                manager.filter(email__iexact=fields["email"]).values_list("pk", flat=True).first()
            )
        if label == "methodology.rulebook":
            return manager.filter(name=fields["name"]).values_list("pk", flat=True).first()
        if label == "methodology.rulebookversion":
            same = manager.filter(rulebook_id=fields["rulebook"], fingerprint=fields["fingerprint"])
            found = same.values_list("pk", flat=True).first()
            if (
                found is None
                and manager.filter(rulebook_id=fields["rulebook"], number=fields["number"]).exists()
            ):
                # The number is taken by other rules: keep these rules, under the next number.
                top = manager.filter(rulebook_id=fields["rulebook"]).aggregate(models.Max("number"))
                fields["number"] = (top["number__max"] or 0) + 1
            return found
        if label == "regions.unit":
            return (
                manager.filter(region_id=fields["region"], name=fields["name"])
                .values_list("pk", flat=True)
                .first()
            )
        if label == "innovations.innovation":
            # One that was there before this restore (two of the archive's own stay two).
            return (
                manager.filter(unit_id=fields["unit"], name=fields["name"])
                .exclude(pk__in=self.maps[label].values())
                .values_list("pk", flat=True)
                .first()
            )
        if label == "evidence.evidencefile":
            row = manager.filter(storage_name=fields["storage_name"]).first()
            if row is None:
                return None
            if row.sha256 != fields["sha256"]:
                raise BackupError(
                    f"Penyimpanan instance ini sudah memakai nama {fields['storage_name']} untuk "
                    "berkas lain; pemulihan dibatalkan."
                )
            if not default_storage.exists(row.storage_name):
                self.store_file(fields)
            return row.pk
        return None

    def store_file(self, fields: dict[str, Any]) -> str:
        """Copy one file from the archive to storage, checking size and SHA-256 as it streams."""
        sha = fields["sha256"]
        expected = self.sizes.get(sha, fields["size"])
        try:
            member = self.archive.open(f"files/{sha}")
        except KeyError:
            raise BackupError(
                f"Arsip tidak lengkap: berkas {fields['original_name']} ({sha[:12]}...) tidak ada."
            ) from None
        digest, size = hashlib.sha256(), 0
        with member, tempfile.SpooledTemporaryFile(max_size=8 * CHUNK) as spool:
            for chunk in iter(lambda: member.read(CHUNK), b""):
                size += len(chunk)
                if size > expected:
                    break
                digest.update(chunk)
                spool.write(chunk)
            if size != expected or digest.hexdigest() != sha:
                raise BackupError(
                    f"Arsip rusak: berkas {fields['original_name']} tidak cocok dengan sidik "
                    "SHA-256-nya. Pemulihan dibatalkan; tidak ada yang diubah."
                )
            spool.seek(0)
            stored = default_storage.save(fields["storage_name"], File(spool, name=sha))
        self.stored.append(stored)
        self.summary.files += 1
        self.summary.bytes += size
        return stored


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def describe(summary: Summary, *, verb: str) -> Iterable[str]:
    """Lines for a command's output: rows per model, files, links that could not follow."""
    for label, n in summary.counts.items():
        reused = summary.reused.get(label, 0)
        if n or reused:
            extra = f" ({reused} sudah ada, dipakai)" if reused else ""
            yield f"  {label:<34} {n:>6} {verb}{extra}"
    yield f"  {'berkas bukti':<34} {summary.files:>6} ({summary.bytes:,} bait)".replace(",", ".")
    if summary.dropped_links:
        yield (
            f"  {summary.dropped_links} tautan opsional ke data yang tidak ada di instance ini "
            "dikosongkan (mis. versi tahun lalu sebuah laporan)."
        )
