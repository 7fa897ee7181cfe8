"""Rulebook and score changes: each a verb in one transaction that writes the audit trail."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db import transaction

from inovda.core.models import record_event
from inovda.methodology.adapters import answers_of, result_fields, rulebook_of
from inovda.methodology.models import RescoreJob, Rulebook, RulebookVersion, ScoreRecord
from inovda.regions.models import Region
from inovda.scoring import (
    AnswerSet,
    answers_to_dict,
    bundled_rulebooks,
    check_answers,
    fingerprint,
    load_rulebook,
    rulebook_from_dict,
    rulebook_to_dict,
    score,
)


@dataclasses.dataclass(frozen=True)
class LoadReport:
    created: int
    new_versions: int
    unchanged: int


def load_bundled_rulebooks() -> LoadReport:
    """Load every bundled YAML; a new version only when its content changed. Idempotent."""
    created = new_versions = unchanged = 0
    with transaction.atomic():
        for name, path in bundled_rulebooks().items():
            parsed = load_rulebook(path)
            data, digest = rulebook_to_dict(parsed), fingerprint(parsed)
            rulebook, was_created = Rulebook.objects.select_for_update().get_or_create(
                name=name,
                defaults={
                    "year": parsed.year,
                    "title": parsed.title,
                    "status": parsed.status,
                    "is_bundled": True,
                },
            )
            latest = rulebook.versions.order_by("-number").first()
            if latest is not None and latest.fingerprint == digest:
                unchanged += 1
                continue
            Rulebook.objects.filter(pk=rulebook.pk).update(
                year=parsed.year, title=parsed.title, status=parsed.status
            )
            RulebookVersion.objects.create(
                rulebook=rulebook,
                number=(latest.number + 1) if latest else 1,
                version_label=parsed.version,
                data=data,
                fingerprint=digest,
                note="dimuat dari berkas bawaan",
            )
            if was_created:
                created += 1
            else:
                new_versions += 1
    return LoadReport(created, new_versions, unchanged)


def current_version(rulebook: Rulebook) -> RulebookVersion:
    return rulebook.versions.order_by("-number").first()  # type: ignore[return-value]


def clone_rulebook(
    source: Rulebook, *, actor: Any, region: Region, name: str, year: int, title: str
) -> Rulebook:
    """Copy a rulebook into a region's editable draft for a new year. Audit event."""
    with transaction.atomic():
        data = dict(current_version(source).data)
        data.update(name=name, year=year, title=title, status="draft", version=f"{year}.0-draft")
        parsed = rulebook_from_dict(data, source_name=name)
        clone = Rulebook.objects.create(
            name=name,
            year=year,
            title=title,
            status="draft",
            owner_region=region,
            based_on=source,
            created_by=actor,
        )
        RulebookVersion.objects.create(
            rulebook=clone,
            number=1,
            version_label=parsed.version,
            data=rulebook_to_dict(parsed),
            fingerprint=fingerprint(parsed),
            created_by=actor,
            note=f"salinan dari {source.name}",
        )
        record_event(
            actor=actor,
            action="rulebook.clone",
            obj=clone,
            region=region,
            summary=f"{source.name} disalin menjadi {name}",
        )
    return clone


def save_rulebook_version(
    rulebook: Rulebook, *, actor: Any, data: dict[str, Any], note: str
) -> RulebookVersion:
    """Validate edited data (raises RulebookError, nothing saved) and store it as a new version."""
    with transaction.atomic():
        rulebook = Rulebook.objects.select_for_update().get(pk=rulebook.pk)
        latest = current_version(rulebook)
        number = latest.number + 1
        data = {**data, "version": f"{rulebook.year}.{number - 1}-draft"}
        parsed = rulebook_from_dict(data, source_name=rulebook.name)
        version = RulebookVersion.objects.create(
            rulebook=rulebook,
            number=number,
            version_label=parsed.version,
            data=rulebook_to_dict(parsed),
            fingerprint=fingerprint(parsed),
            created_by=actor,
            note=note,
        )
        record_event(
            actor=actor,
            action="rulebook.edit",
            obj=rulebook,
            region=rulebook.owner_region,
            summary=f"{rulebook.name} versi {number}: {note}"[:300],
            before={"version": latest.number},
            after={"version": number},
        )
    return version


def score_answers(
    *,
    actor: Any,
    region: Region,
    version: RulebookVersion,
    answers: AnswerSet,
    label: str,
    constants: dict[str, Any] | None = None,
    kind: str = ScoreRecord.Kind.UPLOAD,
    based_on: ScoreRecord | None = None,
) -> ScoreRecord:
    """Score answers under a rulebook version and store the result with that version.

    Raises the scoring package's errors (unknown rows, incomplete rulebook) before writing.
    """
    rulebook = rulebook_of(version, constants)
    check_answers(rulebook, answers)
    result = score(rulebook, answers)
    with transaction.atomic():
        record = ScoreRecord.objects.create(
            region=region,
            rulebook_version=version,
            label=label,
            kind=kind,
            answers=answers_to_dict(answers),
            constants=constants or {},
            based_on=based_on,
            created_by=actor,
            **result_fields(result),
        )
        record_event(
            actor=actor,
            action="score.create",
            obj=record,
            region=region,
            summary=f"{label}: IID {result.iid} ({result.predicate_label}) dengan {version}",
        )
    return record


def rescore_record(
    record: ScoreRecord,
    *,
    actor: Any,
    version: RulebookVersion,
    constants: dict[str, Any] | None = None,
) -> ScoreRecord:
    """The same answers under another rulebook ("what would 2026 answers score in 2027?")."""
    answers = answers_of(record)
    return score_answers(
        actor=actor,
        region=record.region,
        version=version,
        answers=answers,
        label=f"{record.label} — dihitung ulang dengan {version.rulebook.name}",
        constants=constants,
        kind=ScoreRecord.Kind.RESCORE,
        based_on=record,
    )


def start_rescore_job(
    *, actor: Any, source: Rulebook, target: Rulebook, regions: Any
) -> RescoreJob:
    """Queue a re-score of each region's latest score under `source` with `target`'s rulebook.

    Side effects: a RescoreJob row, a task for the worker, an audit event.
    """
    from inovda.methodology.tasks import run_rescore_job as task

    with transaction.atomic():
        job = RescoreJob.objects.create(
            rulebook_version=current_version(target), source_rulebook=source, created_by=actor
        )
        job.regions.set(regions)
        record_event(
            actor=actor, action="rescore_job.start", obj=job,
            summary=f"Hitung ulang skor {source.name} dengan {target.name}",
        )  # fmt: skip
    transaction.on_commit(lambda: task.enqueue(job.pk))
    return job


def run_rescore_job(job_id: int) -> RescoreJob:
    """Run a queued job: one transaction per region, progress saved after each (resumable view)."""
    from django.db.models import Max
    from django.utils import timezone

    job = RescoreJob.objects.select_related("rulebook_version__rulebook", "created_by").get(
        pk=job_id
    )
    latest = (
        ScoreRecord.objects.filter(
            region__in=job.regions.all(), rulebook_version__rulebook=job.source_rulebook
        )
        .values("region")
        .annotate(last=Max("id"))
        .values_list("last", flat=True)
    )
    records = list(ScoreRecord.objects.filter(pk__in=list(latest)).select_related("region"))
    job.status, job.total = RescoreJob.Status.RUNNING, len(records)
    job.save(update_fields=["status", "total"])
    problems = []
    for record in records:
        try:
            rescore_record(
                record, actor=job.created_by, version=job.rulebook_version,
                constants=record.constants or None,
            )  # fmt: skip
            job.done += 1
        except Exception as exc:
            job.failed += 1
            problems.append(f"{record.region}: {exc}")
        job.save(update_fields=["done", "failed"])
    job.status = RescoreJob.Status.DONE if not job.failed else RescoreJob.Status.FAILED
    job.message = "; ".join(problems)[:500]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at"])
    return job
