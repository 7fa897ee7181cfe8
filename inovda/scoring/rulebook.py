"""Rulebooks: one year's IID methodology, read from YAML, checked whole before it is used.

Loading is all or nothing: the schema (`rulebook.schema.json`) is checked first, then the rules a
schema cannot express (unique codes, ordered levels, bands without gaps). The first problem found
raises a `RulebookError` naming the file, the place and the fix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from inovda.scoring.errors import IncompleteRulebookError, RulebookError
from inovda.scoring.types import (
    CONSTANT_NAMES,
    Band,
    Basis,
    Constants,
    Eligibility,
    Parameter,
    ProfileField,
    Row,
    Rulebook,
    Source,
)

__all__ = [
    "DEFAULT_RULEBOOK",
    "RULEBOOK_SCHEMA_PATH",
    "IncompleteRulebookError",
    "RulebookError",
    "bundled_rulebooks",
    "fingerprint",
    "get_bundled_rulebook",
    "load_rulebook",
    "rulebook_from_dict",
    "rulebook_from_yaml",
    "rulebook_to_dict",
    "rulebook_to_yaml",
    "with_constants",
]

RULEBOOK_SCHEMA_PATH = Path(__file__).with_name("rulebook.schema.json")
BUNDLED_DIR = Path(__file__).with_name("rulebooks")
TWO_PLACES = Decimal("0.01")
# The source recorded for a constant filled in with `with_constants` (CLI --constant, a form).
SUPPLIED_BY_USER = "diisi oleh pengguna"
# The C build of the safe loader when PyYAML has it: bundled files load 10x faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(RULEBOOK_SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _place(path: Any) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(akar berkas)"


def _plain(value: Any) -> Any:
    """YAML gives dates and floats; the schema and the loader want strings for both."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return value


_SCHEMA_FIXES = {
    "required": "Tambahkan bagian yang hilang (lihat docs/scoring.md, format buku aturan).",
    "additionalProperties": "Hapus atau perbaiki ejaan nama bidang itu.",
    "enum": "Gunakan salah satu nilai yang diizinkan.",
    "type": "Periksa jenis nilainya (angka, teks, daftar).",
    "pattern": "Angka memakai titik desimal (mis. 1.5); kode baris mis. 2a; nama mis. IID-2027.",
    "minItems": "Lengkapi daftarnya.",
    "maxItems": "Kurangi isi daftarnya.",
    "unevaluatedProperties": "Hapus bidang yang tidak dikenal.",
}


_TYPE_NAMES = {
    "string": "teks", "integer": "bilangan bulat", "number": "angka", "boolean": "true/false",
    "array": "daftar", "object": "peta", "null": "kosong (null)",
}  # fmt: skip


# Fields whose format errors deserve a specific sentence: (what it must be, example fix).
_FIELD_HINTS = {
    "weight": ("bobot harus angka positif", "Tulis mis. 1.5"),
    "lower": ("batas predikat harus angka dengan 2 desimal", "Tulis mis. 40.01"),
    "upper": ("batas predikat harus angka dengan 2 desimal", "Tulis mis. 65.00"),
    "code": ("kode harus angka dengan satu huruf kecil opsional", "Tulis mis. 16 atau 2a"),
    "name": ("nama buku aturan hanya huruf, angka, titik dan tanda hubung", "Tulis mis. IID-2027"),
    "level": ("tingkat parameter harus 1, 2 atau 3", "Tulis level: 1, 2 atau 3"),
    "year": ("tahun harus bilangan bulat 2015-2100", "Tulis mis. 2026"),
}
_DECIMAL_CONSTANTS = ("count_score_per_innovation", "max_total")


def _field_hint(path: list[Any]) -> tuple[str, str] | None:
    """A specific sentence for a malformed value at `path`, when one is known."""
    if not path or not isinstance(path[-1], str):
        return None
    last = path[-1]
    if last == "value" and len(path) >= 2 and path[0] in ("constants", "eligibility"):
        name = str(path[-2])
        if name in _DECIMAL_CONSTANTS:
            return (
                "nilai konstanta harus angka dengan titik desimal",
                "Tulis mis. 0.38, atau null jika belum diketahui",
            )
        if name in ("window_start", "window_end"):
            return ("tanggal harus TTTT-BB-HH", "Tulis mis. 2024-01-01, atau null")
        if name == "design_min_words":
            return ("jumlah kata minimum harus bilangan bulat ≥ 0", "Tulis mis. 300, atau null")
        return (
            "nilai konstanta harus bilangan bulat ≥ 0",
            "Tulis mis. 12, atau null jika belum diketahui",
        )
    if last == "code" and "bases" in path:
        return ("kode basis harus satu huruf kecil", "Tulis mis. a")
    if last == "mandatory":
        return ("wajib harus true atau false", "Tulis mandatory: true atau mandatory: false")
    if last == "required" and "profile_fields" in path:
        return ("wajib isi harus true atau false", "Tulis required: true atau required: false")
    return _FIELD_HINTS.get(last)


_VALUE_CHECKS = frozenset(
    {"type", "pattern", "anyOf", "oneOf", "minimum", "maximum", "enum", "minLength"}
)


def _schema_error(err: jsonschema.ValidationError, source_name: str) -> RulebookError:
    """One RulebookError for a schema complaint: file, place, Indonesian problem, fix."""
    path = list(err.absolute_path)
    kind = str(err.validator)
    hint = _field_hint(path) if kind in _VALUE_CHECKS and kind != "enum" else None
    if hint is not None and not isinstance(err.instance, dict | list):
        problem, fix = hint
        return RulebookError(source_name, _place(path), f"{problem}, bukan {err.instance!r}", fix)
    fix = _SCHEMA_FIXES.get(kind, "Perbaiki nilai itu sesuai format.")
    return RulebookError(source_name, _place(path), _schema_problem(err), fix)


def _schema_problem(err: jsonschema.ValidationError) -> str:
    """The schema's complaint in Indonesian (jsonschema's own messages are English)."""
    # jsonschema types these as "maybe unset"; a raised error always has them.
    kind = str(err.validator)
    value: Any = err.instance
    expected: Any = err.validator_value
    schema: Any = err.schema
    if kind == "required":
        missing = [name for name in expected if name not in (value or {})]
        return f"bagian wajib tidak ada: {', '.join(missing)}"
    if kind in ("additionalProperties", "unevaluatedProperties"):
        allowed = set(schema.get("properties", {}))
        extra = sorted(k for k in (value or {}) if k not in allowed)
        return f"bidang tidak dikenal: {', '.join(extra) or '?'}"
    if kind == "enum":
        return f"nilai {value!r} tidak diizinkan; pilih salah satu: {', '.join(map(str, expected))}"
    if kind == "type":
        names = expected if isinstance(expected, list) else [expected]
        wanted = " atau ".join(_TYPE_NAMES.get(str(n), str(n)) for n in names)
        return f"{value!r} harus berupa {wanted}"
    if kind == "pattern":
        return f"{value!r} tidak sesuai format"
    if kind in ("minItems", "maxItems"):
        bound = "minimal" if kind == "minItems" else "maksimal"
        return f"jumlah butir {len(value)} tidak sesuai (harus {bound} {expected})"
    if kind in ("minimum", "maximum"):
        return (
            f"{value!r} di luar batas ({'minimal' if kind == 'minimum' else 'maksimal'} {expected})"
        )
    if kind == "minLength":
        return "teks tidak boleh kosong"
    if kind in ("anyOf", "oneOf"):
        return f"{value!r} bukan nilai yang sah di sini"
    return str(err.message)


def rulebook_from_dict(data: Mapping[str, Any], *, source_name: str = "<data>") -> Rulebook:
    """Check a rulebook given as plain data and build it; raise RulebookError on any problem."""
    if not isinstance(data, Mapping):
        raise RulebookError(
            source_name, "", "isi berkas bukan buku aturan", "Berkas harus berupa peta YAML."
        )
    plain = _plain(dict(data))
    errors = sorted(_validator().iter_errors(plain), key=_error_order)
    if errors:
        raise _schema_error(errors[0], source_name)
    return _build(plain, source_name)


def _error_order(err: jsonschema.ValidationError) -> tuple[int, list[tuple[int, int, str]]]:
    """Shallowest first, then in file order (rows[2] before rows[10])."""
    path = list(err.absolute_path)
    return len(path), [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in path]


def _decimal(value: Any, source_name: str, place: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise RulebookError(
            source_name, place, f"'{value}' bukan angka", "Tulis angka, mis. 1.5"
        ) from None
    if not number.is_finite():
        raise RulebookError(source_name, place, f"'{value}' bukan angka", "Tulis angka, mis. 1.5")
    return number


def _source(raw: Mapping[str, Any] | None) -> Source | None:
    if raw is None:
        return None
    return Source(ref=raw["ref"], unsure=raw.get("unsure", False), note=raw.get("note", ""))


def _sourced(raw: Mapping[str, Any]) -> Source:
    return Source(ref=raw["source"], unsure=raw.get("unsure", False), note=raw.get("note", ""))


def _parameters(
    raw: list[Mapping[str, Any]], source_name: str, place: str
) -> tuple[Parameter, ...]:
    params = tuple(
        Parameter(level=p["level"], text=p["text"], evidence=tuple(p.get("evidence", ())))
        for p in raw
    )
    if [p.level for p in params] != [1, 2, 3]:
        raise RulebookError(
            source_name,
            f"{place}.parameters",
            "tingkat parameter harus 1, 2, 3 berurutan",
            "Tulis P1, P2, P3 dengan level 1, 2 dan 3.",
        )
    return params


def _build(data: dict[str, Any], source_name: str) -> Rulebook:
    rows: list[Row] = []
    seen: set[str] = set()
    aspects_of: dict[int, tuple[str, str]] = {}  # indicator -> (first row code, aspect)
    for i, raw in enumerate(data["rows"]):
        place = f"rows[{i}]"
        code = raw["code"]
        if code in seen:
            raise RulebookError(
                source_name,
                f"{place}.code",
                f"kode baris '{code}' dipakai dua kali",
                "Beri kode unik.",
            )
        seen.add(code)
        if int(code.rstrip("abcdefghijklmnopqrstuvwxyz")) != raw["indicator"]:
            raise RulebookError(
                source_name,
                f"{place}.indicator",
                f"baris '{code}' tidak cocok dengan indikator {raw['indicator']}",
                "Nomor indikator harus sama dengan angka pada kode baris.",
            )
        first = aspects_of.setdefault(raw["indicator"], (code, raw["aspect"]))
        if first[1] != raw["aspect"]:
            raise RulebookError(
                source_name,
                f"{place}.aspect",
                f"baris '{code}' pada aspek '{raw['aspect']}', padahal baris '{first[0]}' dari "
                f"indikator yang sama pada aspek '{first[1]}'",
                "Semua baris satu indikator harus pada aspek yang sama (spd atau sid).",
            )
        weight = _decimal(raw["weight"], source_name, f"{place}.weight")
        if weight <= 0:
            raise RulebookError(
                source_name,
                f"{place}.weight",
                f"bobot harus angka positif, bukan '{raw['weight']}'",
                "Tulis mis. 1.5",
            )
        bases = []
        basis_codes: set[str] = set()
        for j, b in enumerate(raw.get("bases", ())):
            if b["code"] in basis_codes:
                raise RulebookError(
                    source_name,
                    f"{place}.bases[{j}].code",
                    f"basis '{b['code']}' dipakai dua kali",
                    "Beri kode basis unik (a-f).",
                )
            basis_codes.add(b["code"])
            bases.append(
                Basis(
                    code=b["code"],
                    measure=b["measure"],
                    parameters=_parameters(b["parameters"], source_name, f"{place}.bases[{j}]"),
                )
            )
        rows.append(
            Row(
                code=code,
                indicator=raw["indicator"],
                aspect=raw["aspect"],
                variable=raw["variable"],
                name=raw["name"],
                weight=weight,
                mandatory=raw["mandatory"],
                parameters=_parameters(raw["parameters"], source_name, place),
                description=raw.get("description", ""),
                bases=tuple(bases),
                source=_source(raw.get("source")),
            )
        )

    raw_constants = data["constants"]
    values: dict[str, Any] = {}
    for name in CONSTANT_NAMES:
        value = raw_constants[name]["value"]
        if value is not None and name in _DECIMAL_CONSTANTS:
            value = _decimal(value, source_name, f"constants.{name}.value")
        values[name] = value
    affairs = tuple(a.casefold() for a in data["basic_service_affairs"])
    _check_affairs(affairs, source_name)
    _check_constants(values, len(affairs), source_name, "constants.{}.value")
    constants = Constants(
        **values,
        basic_service_affairs=affairs,
        sources={name: _sourced(raw_constants[name]) for name in CONSTANT_NAMES},
    )

    bands = tuple(
        Band(
            predicate=b["predicate"],
            label=b["label"],
            lower=_decimal(b["lower"], source_name, f"bands.items[{i}].lower").quantize(TWO_PLACES),
            upper=_decimal(b["upper"], source_name, f"bands.items[{i}].upper").quantize(TWO_PLACES),
        )
        for i, b in enumerate(data["bands"]["items"])
    )
    _check_bands(bands, source_name)

    raw_elig = data["eligibility"]
    eligibility = Eligibility(
        window_start=_date(raw_elig["window_start"]["value"], source_name, "window_start"),
        window_end=_date(raw_elig["window_end"]["value"], source_name, "window_end"),
        design_min_words=raw_elig["design_min_words"]["value"],
        sources={
            k: _sourced(raw_elig[k]) for k in ("window_start", "window_end", "design_min_words")
        },
    )
    if (
        eligibility.window_start
        and eligibility.window_end
        and eligibility.window_start > eligibility.window_end
    ):
        raise RulebookError(
            source_name,
            "eligibility.window_end",
            "akhir jendela kelayakan sebelum awalnya",
            "Tukar kedua tanggal.",
        )

    return Rulebook(
        name=data["name"],
        year=data["year"],
        title=data["title"],
        status=data["status"],
        version=str(data["version"]),
        rows=tuple(rows),
        constants=constants,
        bands=bands,
        eligibility=eligibility,
        description=data.get("description", ""),
        source=_source(data.get("source")),
        aspects=dict(data.get("aspects", {})),
        bands_source=_source(data["bands"].get("source")),
        profile_fields=_profile_fields(data.get("profile_fields"), source_name),
    )


def _profile_fields(
    raw: list[Mapping[str, Any]] | None, source_name: str
) -> tuple[ProfileField, ...] | None:
    """The year's portal profile fields; None (absent) means every field, as before."""
    if raw is None:
        return None
    seen: set[str] = set()
    fields = []
    for i, item in enumerate(raw):
        if item["field"] in seen:
            raise RulebookError(
                source_name,
                f"profile_fields[{i}].field",
                f"isian profil '{item['field']}' tercantum dua kali",
                "Hapus salah satunya.",
            )
        seen.add(item["field"])
        fields.append(
            ProfileField(
                field=item["field"],
                required=item.get("required", False),
                source=_source(item.get("source")),
            )
        )
    return tuple(fields)


def _date(value: str | None, source_name: str, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RulebookError(
            source_name,
            f"eligibility.{name}.value",
            f"'{value}' bukan tanggal",
            "Tulis tanggal sebagai TTTT-BB-HH, mis. 2024-01-01.",
        ) from None


def _check_affairs(affairs: tuple[str, ...], source_name: str) -> None:
    # Imported here: the engine imports this module.
    from inovda.scoring.engine import normalize_affair

    seen: set[str] = set()
    for i, affair in enumerate(affairs):
        key = normalize_affair(affair)
        if key in seen:
            raise RulebookError(
                source_name,
                f"basic_service_affairs[{i}]",
                f"urusan '{affair}' tercantum dua kali",
                "Hapus salah satunya.",
            )
        seen.add(key)


def _check_constants(
    values: Mapping[str, Any], affair_count: int, source_name: str, place: str
) -> None:
    """Known constants must make sense; unknown ones (None) are allowed until scoring."""
    max_total, floor = values.get("max_total"), values.get("divisor_floor")
    per, minimum = values.get("count_score_per_innovation"), values.get("basic_service_min")
    if max_total is not None and max_total <= 0:
        raise RulebookError(
            source_name,
            place.format("max_total"),
            f"skor total maksimum harus lebih dari 0, bukan {max_total}",
            "Tulis mis. 250",
        )
    if floor is not None and floor < 1:
        raise RulebookError(
            source_name,
            place.format("divisor_floor"),
            f"pembagi minimum harus paling sedikit 1, bukan {floor}",
            "Tulis mis. 12",
        )
    if per is not None and per < 0:
        raise RulebookError(
            source_name,
            place.format("count_score_per_innovation"),
            f"nilai per inovasi tidak boleh negatif, bukan {per}",
            "Tulis mis. 0.38",
        )
    for name in ("count_score_cap", "basic_service_min"):
        if values.get(name) is not None and values[name] < 0:
            raise RulebookError(
                source_name,
                place.format(name),
                f"nilai tidak boleh negatif, bukan {values[name]}",
                "Tulis mis. 5",
            )
    if minimum is not None and minimum > affair_count:
        raise RulebookError(
            source_name,
            place.format("basic_service_min"),
            f"minimum {minimum} urusan pelayanan dasar, padahal daftarnya hanya {affair_count}",
            "Turunkan nilainya atau lengkapi basic_service_affairs.",
        )


def _check_bands(bands: tuple[Band, ...], source_name: str) -> None:
    """Best first, each inclusive, each next band ending exactly 0.01 below the previous."""
    predicates: set[str] = set()
    for i, band in enumerate(bands):
        if band.predicate in predicates:
            raise RulebookError(
                source_name,
                f"bands.items[{i}].predicate",
                f"predikat '{band.predicate}' muncul dua kali",
                "Setiap predikat hanya satu rentang.",
            )
        predicates.add(band.predicate)
        if band.lower > band.upper:
            raise RulebookError(
                source_name,
                f"bands.items[{i}]",
                f"batas bawah {band.lower} di atas batas atas {band.upper}",
                "Tukar kedua batas.",
            )
        if i and band.upper + TWO_PLACES != bands[i - 1].lower:
            raise RulebookError(
                source_name,
                f"bands.items[{i}].upper",
                f"rentang predikat '{band.label}' ({band.upper}) tidak menyambung dengan "
                f"'{bands[i - 1].label}' ({bands[i - 1].lower})",
                "Urutkan dari predikat terbaik; batas atas = batas bawah sebelumnya - 0.01.",
            )
    if bands[0].upper != 100:
        raise RulebookError(
            source_name,
            "bands.items[0].upper",
            f"rentang predikat teratas harus sampai 100.00, bukan {bands[0].upper}",
            "Urutkan dari predikat terbaik; yang pertama berakhir di 100.00.",
        )
    if bands[-1].lower != 0:
        last = len(bands) - 1
        raise RulebookError(
            source_name,
            f"bands.items[{last}].lower",
            f"rentang predikat terbawah harus mulai dari 0.00, bukan {bands[-1].lower}",
            "Tambahkan rentang sampai 0.00 (mis. Tidak Dapat Dinilai 0.00-0.00).",
        )


def rulebook_from_yaml(text: str, *, source_name: str = "<yaml>") -> Rulebook:
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 -- _LOADER is a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"baris {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        raise RulebookError(
            source_name,
            place,
            "YAML tidak dapat dibaca",
            "Periksa indentasi dan tanda titik dua di sekitar tempat itu.",
        ) from None
    return rulebook_from_dict(data, source_name=source_name)


def load_rulebook(path: str | Path) -> Rulebook:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulebookError(
            path.name, "", f"berkas tidak dapat dibuka ({exc.strerror})", "Periksa jalurnya."
        ) from None
    return rulebook_from_yaml(text, source_name=path.name)


def _source_dict(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    out: dict[str, Any] = {"ref": source.ref, "unsure": source.unsure}
    if source.note:
        out["note"] = source.note
    return out


def _sourced_dict(value: Any, source: Source | None) -> dict[str, Any]:
    source = source or Source(ref="")
    out = {"value": value, "source": source.ref, "unsure": source.unsure}
    if source.note:
        out["note"] = source.note
    return out


def _params_dict(params: tuple[Parameter, ...]) -> list[dict[str, Any]]:
    return [{"level": p.level, "text": p.text, "evidence": list(p.evidence)} for p in params]


def rulebook_to_dict(rulebook: Rulebook) -> dict[str, Any]:
    """Plain data (decimals and dates as strings) that `rulebook_from_dict` reads back equal."""
    c, e = rulebook.constants, rulebook.eligibility
    out: dict[str, Any] = {
        "name": rulebook.name,
        "year": rulebook.year,
        "title": rulebook.title,
        "status": rulebook.status,
        "version": rulebook.version,
        "description": rulebook.description,
    }
    if rulebook.source is not None:
        out["source"] = _source_dict(rulebook.source)
    out["aspects"] = dict(rulebook.aspects)
    out["constants"] = {
        name: _sourced_dict(
            None
            if getattr(c, name) is None
            else (
                str(getattr(c, name)) if isinstance(getattr(c, name), Decimal) else getattr(c, name)
            ),
            c.sources.get(name),
        )
        for name in CONSTANT_NAMES
    }
    out["basic_service_affairs"] = list(c.basic_service_affairs)
    bands: dict[str, Any] = {
        "items": [
            {
                "predicate": b.predicate,
                "label": b.label,
                "lower": str(b.lower),
                "upper": str(b.upper),
            }
            for b in rulebook.bands
        ]
    }
    if rulebook.bands_source is not None:
        bands["source"] = _source_dict(rulebook.bands_source)
    out["bands"] = bands
    out["eligibility"] = {
        "window_start": _sourced_dict(
            e.window_start.isoformat() if e.window_start else None, e.sources.get("window_start")
        ),
        "window_end": _sourced_dict(
            e.window_end.isoformat() if e.window_end else None, e.sources.get("window_end")
        ),
        "design_min_words": _sourced_dict(e.design_min_words, e.sources.get("design_min_words")),
    }
    if rulebook.profile_fields is not None:
        out["profile_fields"] = [
            {"field": f.field, "required": f.required}
            | ({"source": _source_dict(f.source)} if f.source is not None else {})
            for f in rulebook.profile_fields
        ]
    rows = []
    for r in rulebook.rows:
        row: dict[str, Any] = {
            "code": r.code,
            "indicator": r.indicator,
            "aspect": r.aspect,
            "variable": r.variable,
            "name": r.name,
            "description": r.description,
            "weight": str(r.weight),
            "mandatory": r.mandatory,
        }
        if r.source is not None:
            row["source"] = _source_dict(r.source)
        row["parameters"] = _params_dict(r.parameters)
        if r.bases:
            row["bases"] = [
                {"code": b.code, "measure": b.measure, "parameters": _params_dict(b.parameters)}
                for b in r.bases
            ]
        rows.append(row)
    out["rows"] = rows
    return out


def rulebook_to_yaml(rulebook: Rulebook) -> str:
    return yaml.safe_dump(
        rulebook_to_dict(rulebook), allow_unicode=True, sort_keys=False, width=100
    )


def fingerprint(rulebook: Rulebook) -> str:
    """SHA-256 of the canonical JSON form: equal content, equal fingerprint."""
    canonical = json.dumps(rulebook_to_dict(rulebook), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@cache
def _load_cached(path: Path, mtime_ns: int) -> Rulebook:
    return load_rulebook(path)


def _cached(path: Path) -> Rulebook:
    """Bundled files are read once per process (and again only if they change on disk)."""
    return _load_cached(path, path.stat().st_mtime_ns)


def bundled_rulebooks() -> dict[str, Path]:
    """Rulebooks shipped with inovda, by name (read from each file's `name`)."""
    return {_cached(path).name: path for path in sorted(BUNDLED_DIR.glob("*.yaml"))}


# The rulebook used when neither the person nor the answer file names one.
DEFAULT_RULEBOOK = "IID-2026"


def get_bundled_rulebook(name: str) -> Rulebook:
    for known, path in bundled_rulebooks().items():
        if known.casefold() == name.casefold():
            return _cached(path)
    names = ", ".join(bundled_rulebooks())
    raise RulebookError(
        name, "", "buku aturan tidak dikenal", f"Pilih salah satu: {names}, atau --rulebook-file."
    )


def with_constants(rulebook: Rulebook, **values: Any) -> Rulebook:
    """A new rulebook with the given constants filled in (e.g. from the official letter).

    Values may be text ("0.38"), int or Decimal; each is checked like a rulebook value and
    recorded with the source "diisi oleh pengguna" (supplied by user), marked unsure.
    """
    current = {name: getattr(rulebook.constants, name) for name in CONSTANT_NAMES}
    sources = dict(rulebook.constants.sources)
    for name, raw in values.items():
        if name not in CONSTANT_NAMES:
            raise RulebookError(
                rulebook.name,
                f"constants.{name}",
                "konstanta tidak dikenal",
                "Pilih salah satu: " + ", ".join(CONSTANT_NAMES),
            )
        number = _decimal(raw, rulebook.name, f"constants.{name}")
        value: Decimal | int = number
        if name not in _DECIMAL_CONSTANTS:
            if number != number.to_integral_value():
                raise RulebookError(
                    rulebook.name,
                    f"constants.{name}",
                    f"'{raw}' bukan bilangan bulat",
                    "Tulis mis. 10",
                )
            value = int(number)
        current[name] = value
        sources[name] = Source(ref=SUPPLIED_BY_USER, unsure=True)
    _check_constants(
        current, len(rulebook.constants.basic_service_affairs), rulebook.name, "constants.{}"
    )
    constants = dataclasses.replace(rulebook.constants, **current, sources=sources)
    return dataclasses.replace(rulebook, constants=constants)


def require_complete(rulebook: Rulebook) -> None:
    missing = rulebook.constants.missing()
    if missing:
        raise IncompleteRulebookError(rulebook.name, missing)
