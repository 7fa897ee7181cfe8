"""Scoring at national scale: 552 regions, 30,000 innovations, every row answered.

Run: .venv/bin/python benchmarks/scoring.py
Targets (issue #4): the nation in under 2 s on a 2-core machine, one region in under 20 ms.
A bare baseline (the same arithmetic as float sums over plain lists, no objects, no Decimal) runs
in the same process so the engine's overhead is reported as a ratio, not only as seconds.
"""

from __future__ import annotations

import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inovda.scoring import get_bundled_rulebook, score
from inovda.scoring.analysis import rank_regions
from inovda.scoring.types import Answer, AnswerSet, InnovationAnswers

REGIONS = 552
INNOVATIONS = 30_000
RULEBOOK = "IID-2026"
AFFAIRS = (
    "pendidikan",
    "kesehatan",
    "pekerjaan umum dan penataan ruang",
    "perumahan rakyat dan kawasan permukiman",
    "ketenteraman, ketertiban umum, dan pelindungan masyarakat",
    "sosial",
    "administrasi kependudukan dan pencatatan sipil",
    "pertanian",
)


def innovation_counts(rng: random.Random) -> list[int]:
    """Uneven like reality (a few regions report 200+, many 20-60), summing to 30,000."""
    weights = [rng.lognormvariate(0, 0.8) for _ in range(REGIONS)]
    scale = INNOVATIONS / sum(weights)
    counts = [max(1, round(w * scale)) for w in weights]
    counts[0] += INNOVATIONS - sum(counts)
    return counts


def _pick(rng: random.Random) -> int:
    """One answer in ten may be rejected; the rest are accepted levels 1-3."""
    return rng.randrange(6) if rng.random() < 0.1 else rng.randrange(3) * 2


def build_nation(seed: int = 2026) -> list[AnswerSet]:
    rng = random.Random(seed)
    rulebook = get_bundled_rulebook(RULEBOOK)
    spd = [r.code for r in rulebook.spd_rows]
    sid = [r.code for r in rulebook.sid_rows]
    answers = [Answer(level, status) for level in (1, 2, 3) for status in (None, "rejected")]
    nation = []
    for r, count in enumerate(innovation_counts(rng)):
        innovations = tuple(
            InnovationAnswers(
                name=f"Inovasi {r}-{i}",
                affairs=(rng.choice(AFFAIRS),),
                answers={
                    code: answers[rng.randrange(6) if rng.random() < 0.1 else rng.randrange(3) * 2]
                    for code in sid
                },
            )
            for i in range(count)
        )
        region = {code: Answer(rng.randint(1, 3)) for code in spd}
        nation.append(AnswerSet(RULEBOOK, region, innovations, region_name=f"Pemda {r}"))
    return nation


def baseline(nation_levels: list[tuple[list[float], list[list[float]]]], spd_w, sid_w) -> float:
    """The same formula as float arithmetic over plain lists: the floor of what Python can do."""
    best = 0.0
    for spd_levels, innovations in nation_levels:
        spd = sum(w * lv for w, lv in zip(spd_w, spd_levels, strict=True))
        sid_sum = sum(sum(w * lv for w, lv in zip(sid_w, inn, strict=True)) for inn in innovations)
        n = len(innovations)
        iid = (spd + sid_sum / max(12, n) + min(n, 200) * 0.38) / 250 * 100
        best = max(best, iid)
    return best


def _counted(answer: Answer) -> float:
    return 0.0 if answer.status == "rejected" else float(answer.level)


def _score_chunk(chunk: list[AnswerSet]) -> list[str]:
    rulebook = get_bundled_rulebook(RULEBOOK)
    return [str(score(rulebook, a).iid) for a in chunk]


def timed(fn, *args, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    rulebook = get_bundled_rulebook(RULEBOOK)
    nation = build_nation()
    total_innovations = sum(len(a.innovations) for a in nation)
    rows = total_innovations * len(rulebook.sid_rows) + REGIONS * len(rulebook.spd_rows)

    def score_nation():
        return [score(rulebook, a) for a in nation]

    seq_time, results = timed(score_nation)
    # Memory in a separate run: tracing slows Python down several times.
    tracemalloc.start()
    score_nation()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    chunks = [nation[i::2] for i in range(2)]
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_score_chunk, chunks))  # warm the workers (rulebook load)
        par_time, _ = timed(lambda: list(pool.map(_score_chunk, chunks)))

    ordered = sorted(nation, key=lambda a: len(a.innovations))
    median_region, largest_region = ordered[len(ordered) // 2], ordered[-1]

    def one(region):
        times = []
        for _ in range(50):
            start = time.perf_counter()
            score(rulebook, region)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    levels = [
        (
            [float(a.region[r.code].level) for r in rulebook.spd_rows],
            [
                [
                    float(
                        inn.answers[r.code].level if inn.answers[r.code].status != "rejected" else 0
                    )
                    for r in rulebook.sid_rows
                ]
                for inn in a.innovations
            ],
        )
        for a in nation
    ]
    spd_w = [float(r.weight) for r in rulebook.spd_rows]
    sid_w = [float(r.weight) for r in rulebook.sid_rows]
    base_time, _ = timed(baseline, levels, spd_w, sid_w)
    rank_time, ranked = timed(
        lambda: rank_regions({a.region_name: r.iid for a, r in zip(nation, results, strict=True)})
    )

    machine = platform.processor() or platform.machine()
    median_label = f"one region, median size ({len(median_region.innovations)} inn.)"
    largest_label = f"one region, largest ({len(largest_region.innovations)} inn.)"
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"inovda scoring benchmark — {RULEBOOK}")
    print(f"machine: {machine}, {os.cpu_count()} CPU, Python {platform.python_version()}")
    print(f"data: {REGIONS} regions, {total_innovations:,} innovations, {rows:,} row scores")
    print(f"{'measure':<42}{'result':>14}")
    print(f"{'nation, sequential (best of 3)':<42}{seq_time:>12.3f} s")
    print(f"{'nation, 2 processes (best of 3)':<42}{par_time:>12.3f} s")
    print(f"{median_label:<42}{one(median_region) * 1000:>11.2f} ms")
    print(f"{largest_label:<42}{one(largest_region) * 1000:>11.2f} ms")
    print(f"{'rank 552 regions':<42}{rank_time * 1000:>11.2f} ms")
    print(f"{'bare float baseline, nation':<42}{base_time:>12.3f} s")
    print(f"{'engine / baseline (sequential)':<42}{seq_time / base_time:>13.2f}x")
    print(f"{'peak traced memory while scoring nation':<42}{peak / 2**20:>11.1f} MB")
    print(f"{'max RSS of this process':<42}{max_rss:>11.1f} MB")
    print(f"top region: {ranked[0][0]} IID {ranked[0][1]}")


if __name__ == "__main__":
    main()
