"""Near-duplicate innovations: the same or nearly the same name, or a design text that copies
another's, across units, years and (for the national admin) regions.

Two measures, each with its threshold:

- **Names** are normalised (lower case, punctuation out, a few filler words such as "inovasi"
  and "aplikasi" out) and compared word by word: each word of the shorter name scores its best
  match in the other (a typo still scores 0.8 or more), divided by the longer name's word count.
  With and without a bracketed part, so "SIGAP (Sistem Gawat Darurat)" meets "Sigap".
  `NAME_THRESHOLD` = 0.85: "Galuh Sanggam" and "Galuh Sangam" (0.96) are flagged, "Sistem
  Informasi Desa" and "Sistem Informasi Kesehatan" (0.67) are not.
- **Design texts** (`Report.design`, "rancang bangun") are cut into overlapping runs of
  `SHINGLE` = 4 words after the same normalisation; two texts' similarity is the Jaccard index of
  those sets (shared runs / all runs). `DESIGN_THRESHOLD` = 0.5: at least half of all four-word
  runs are shared, which a text written independently about a similar service does not reach
  (Indonesian administrative prose shares well under 10%) and a copy with names swapped or a
  paragraph added does. Texts with fewer than `MIN_SHINGLES` distinct runs (an empty or
  placeholder design) are not compared.

Scale: every design against every other is quadratic (about 30,000 reports a year nation-wide).
A MinHash index kept in `DesignFingerprint` / `DesignBand` (one hash per run, 60 bins, 20 bands
of 3) narrows it to reports that share a band; only those get the exact comparison. A pair at
similarity 0.5 shares a band with probability 0.93, at 0.6 with 0.99. The index is refreshed
lazily for reports whose `version` moved on since it was computed (one query when nothing did).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Subquery

NAME_THRESHOLD = 0.85
DESIGN_THRESHOLD = 0.5
SHINGLE = 4
MIN_SHINGLES = 20
BINS, BANDS, ROWS = 60, 20, 3
# A band shared by more reports than this is boilerplate (a template's headings), not a copy.
GROUP_CAP = 50
NAME_BUCKET_CAP = 300
FILLER = frozenset({"inovasi", "aplikasi", "program", "dan", "yang", "di", "ke", "untuk", "dengan"})


# --- text -------------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-case words, punctuation and underscores removed."""
    return re.sub(r"[\W_]+", " ", text.casefold()).split()


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def shingles(text: str) -> set[int]:
    """The set of hashed SHINGLE-word runs of a text."""
    w = words(text)
    return {_hash64(" ".join(w[i : i + SHINGLE])) for i in range(len(w) - SHINGLE + 1)}


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def band_keys(runs: set[int]) -> list[str]:
    """The MinHash band keys of a set of runs (one-permutation hashing, densified)."""
    if len(runs) < MIN_SHINGLES:
        return []
    bins: list[int | None] = [None] * BINS
    for h in runs:
        index, value = h % BINS, h // BINS
        current = bins[index]
        if current is None or value < current:
            bins[index] = value
    # An empty bin borrows its right neighbour's value with the distance, so that two texts
    # with the same runs still agree bin by bin (rotation densification).
    filled: list[tuple[int, int]] = []
    for i in range(BINS):
        j, distance = i, 0
        while bins[j] is None:
            j, distance = (j + 1) % BINS, distance + 1
        filled.append((bins[j] or 0, distance))
    return [
        f"{band:02d}"
        + hashlib.blake2b(
            repr(filled[band * ROWS : (band + 1) * ROWS]).encode(), digest_size=8
        ).hexdigest()
        for band in range(BANDS)
    ]


def _name_forms(name: str) -> list[str]:
    bare = re.sub(r"\([^)]*\)", " ", name)
    forms = []
    for form in (name, bare):
        kept = " ".join(w for w in words(form) if w not in FILLER)
        if kept and kept not in forms:
            forms.append(kept)
    return forms


def _word_match(x: list[str], y: list[str]) -> float:
    """Soft word overlap: each word of the shorter name scores its best match (typos count,
    0.8 or better) in the other; the sum over the longer name's word count."""
    shorter, longer = (x, y) if len(x) <= len(y) else (y, x)
    total = 0.0
    for word in shorter:
        best = max(difflib.SequenceMatcher(None, word, other).ratio() for other in longer)
        total += best if best >= 0.8 else 0.0
    return total / len(longer)


def name_similarity(a: str, b: str) -> float:
    """How alike two innovation names are, 0-1 (see the module docstring)."""
    best = 0.0
    for x in _name_forms(a):
        for y in _name_forms(b):
            if x.replace(" ", "") == y.replace(" ", ""):
                return 1.0
            best = max(best, _word_match(x.split(), y.split()))
    return best


def similar_names(names: Iterable[tuple[int, str]]) -> dict[tuple[int, int], float]:
    """Pairs of ids whose names reach NAME_THRESHOLD, with their similarity.

    Only names sharing a word's first four letters are compared (typos at the end of a word
    still meet); a prefix shared by more than NAME_BUCKET_CAP names is too common to say
    anything and is skipped, except that exactly equal names always meet.
    """
    buckets: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pk, name in names:
        forms = _name_forms(name)
        keys = {f"={form}" for form in forms}
        keys |= {w[:4] for form in forms for w in form.split() if len(w) >= 3}
        for key in keys:
            buckets[key].append((pk, name))
    found: dict[tuple[int, int], float] = {}
    seen: set[tuple[int, int]] = set()
    for key, members in buckets.items():
        if len(members) < 2 or (len(members) > NAME_BUCKET_CAP and not key.startswith("=")):
            continue
        for i, (pa, na) in enumerate(members):
            for pb, nb in members[i + 1 :]:
                pair = (min(pa, pb), max(pa, pb))
                if pa == pb or pair in seen:
                    continue
                seen.add(pair)
                score = name_similarity(na, nb)
                if score >= NAME_THRESHOLD:
                    found[pair] = score
    return found


# --- the design index -------------------------------------------------------------------------


# Reports (re)indexed per page view at most: a first visit after installing on an instance with
# years of reports should not time out; `inovda rebuild_evidence_index` does them all at once.
WEB_REFRESH_LIMIT = 3000


def refresh_design_index(batch: int = 500, limit: int | None = WEB_REFRESH_LIMIT) -> int:
    """Recompute the fingerprints of reports that are new or changed since; how many.

    One query when nothing changed. Written outside any person's action (a derived index, like
    a cache), so no audit event; two requests refreshing at once leave one result.
    """
    from inovda.evidence.models import DesignBand, DesignFingerprint
    from inovda.innovations.models import Report

    stale_reports = Report.objects.exclude(design_fingerprint__version=F("version")).order_by("-pk")
    stale = list(stale_reports.values_list("pk", flat=True)[:limit])
    for start in range(0, len(stale), batch):
        rows = Report.objects.filter(pk__in=stale[start : start + batch]).values_list(
            "pk", "version", "design", "innovation__region_id"
        )
        prints, bands = [], []
        for pk, version, design, region_id in rows:
            runs = shingles(design or "")
            prints.append(
                DesignFingerprint(report_id=pk, region_id=region_id, version=version,
                                  shingles=len(runs))
            )  # fmt: skip
            bands += [DesignBand(fingerprint_id=pk, key=key) for key in band_keys(runs)]
        try:
            with transaction.atomic():
                DesignFingerprint.objects.filter(
                    report_id__in=[p.report_id for p in prints]
                ).delete()
                DesignFingerprint.objects.bulk_create(prints)
                DesignBand.objects.bulk_create(bands, batch_size=1000)
        except IntegrityError:
            continue  # another request refreshed the same reports meanwhile
    return len(stale)


@dataclass(frozen=True)
class DesignMatch:
    report_id: int
    other_id: int
    similarity: float


def _exact_matches(
    pairs: set[tuple[int, int]], designs: dict[int, tuple[str, int]]
) -> list[DesignMatch]:
    runs = {pk: shingles(text) for pk, (text, _innovation) in designs.items()}
    found = []
    for a, b in pairs:
        if a not in designs or b not in designs or designs[a][1] == designs[b][1]:
            continue  # versions of one innovation over the years are not copies of each other
        if len(runs[a]) < MIN_SHINGLES or len(runs[b]) < MIN_SHINGLES:
            continue
        score = jaccard(runs[a], runs[b])
        if score >= DESIGN_THRESHOLD:
            found.append(DesignMatch(a, b, score))
    return found


def _pairs_from_groups(rows: Iterable[tuple[str, int]]) -> set[tuple[int, int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for key, pk in rows:
        groups[key].append(pk)
    pairs: set[tuple[int, int]] = set()
    for members in groups.values():
        if len(members) > GROUP_CAP:
            continue
        members.sort()
        pairs |= {(a, b) for i, a in enumerate(members) for b in members[i + 1 :] if a != b}
    return pairs


def designs_copied_by(report_ids: list[int]) -> dict[int, list[DesignMatch]]:
    """For each report, the other innovations' reports (any region) whose design it copies.

    A constant number of queries whatever the number of reports.
    """
    from inovda.evidence.models import DesignBand
    from inovda.innovations.models import Report

    if not report_ids:
        return {}
    refresh_design_index()
    mine = DesignBand.objects.filter(fingerprint_id__in=report_ids).values("key")
    rows = DesignBand.objects.filter(key__in=Subquery(mine)).values_list("key", "fingerprint_id")
    wanted = set(report_ids)
    pairs = {(a, b) for a, b in _pairs_from_groups(rows) if a in wanted or b in wanted}
    ids = {pk for pair in pairs for pk in pair}
    designs = {
        pk: (design, innovation)
        for pk, design, innovation in Report.objects.filter(pk__in=ids).values_list(
            "pk", "design", "innovation_id"
        )
    }
    result: dict[int, list[DesignMatch]] = {pk: [] for pk in report_ids}
    for match in _exact_matches(pairs, designs):
        if match.report_id in wanted:
            result[match.report_id].append(match)
        if match.other_id in wanted:
            result[match.other_id].append(
                DesignMatch(match.other_id, match.report_id, match.similarity)
            )
    for matches in result.values():
        matches.sort(key=lambda m: -m.similarity)
    return result


# --- duplicate innovations --------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicatePair:
    """Two innovations that look like one: each with the report to open, and why."""

    report_id: int
    other_id: int
    name_similarity: float | None
    design_similarity: float | None

    @property
    def score(self) -> float:
        return max(self.name_similarity or 0.0, self.design_similarity or 0.0)

    @property
    def name_percent(self) -> int | None:
        return None if self.name_similarity is None else round(self.name_similarity * 100)

    @property
    def design_percent(self) -> int | None:
        return None if self.design_similarity is None else round(self.design_similarity * 100)


def duplicate_pairs(region: Any = None) -> list[DuplicatePair]:
    """Pairs of different innovations with the same or near-same name or design, most alike
    first; within one region, or nation-wide when `region` is None.

    Each innovation is shown by its latest report, unless a design match names another year's.
    A constant number of queries (five when the design index is up to date).
    """
    from inovda.evidence.models import DesignBand
    from inovda.innovations.models import Report

    refresh_design_index()
    scope = Q() if region is None else Q(innovation__region=region)
    reports = list(
        Report.objects.filter(scope)
        .order_by("period__input_opens", "pk")
        .values_list("pk", "innovation_id", "innovation__name")
    )
    latest = {innovation: pk for pk, innovation, _name in reports}  # ordered: the last wins
    innovation_of = {pk: innovation for pk, innovation, _name in reports}
    names = {innovation: name for _pk, innovation, name in reports}
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for (a, b), score in similar_names(names.items()).items():
        found[(a, b)] = {"name": score, "reports": (latest[a], latest[b])}

    bands = (
        DesignBand.objects.all()
        if region is None
        else DesignBand.objects.filter(fingerprint__region=region)
    )
    shared = (
        bands.values("key").annotate(n=Count("id")).filter(n__gt=1, n__lte=GROUP_CAP).values("key")
    )
    rows = bands.filter(key__in=Subquery(shared)).values_list("key", "fingerprint_id")
    pairs = {p for p in _pairs_from_groups(rows) if p[0] in innovation_of and p[1] in innovation_of}
    ids = {pk for pair in pairs for pk in pair}
    designs = {
        pk: (design, innovation)
        for pk, design, innovation in Report.objects.filter(pk__in=ids).values_list(
            "pk", "design", "innovation_id"
        )
    }
    for match in _exact_matches(pairs, designs):
        ia, ib = innovation_of[match.report_id], innovation_of[match.other_id]
        key = (min(ia, ib), max(ia, ib))
        entry = found.setdefault(key, {"name": None})
        if match.similarity > entry.get("design", 0.0):
            ordered = (
                (match.report_id, match.other_id) if ia < ib else (match.other_id, match.report_id)
            )
            entry["design"], entry["reports"] = match.similarity, ordered
    result = [
        DuplicatePair(
            report_id=e["reports"][0],
            other_id=e["reports"][1],
            name_similarity=e.get("name"),
            design_similarity=e.get("design"),
        )
        for e in found.values()
    ]
    result.sort(key=lambda p: (-p.score, p.report_id, p.other_id))
    return result
