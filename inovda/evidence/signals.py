"""Refuse an office document attached to an answer whose rulebook row does not name office
formats (see `inovda.evidence.formats`), whichever page, command or service attaches it.

The refusal is an `innovations.services.ReportProblem`, which the answer pages already show as a
message next to the form, and which rolls back the service's transaction: nothing is saved.
"""

from __future__ import annotations

from typing import Any

from inovda.evidence.formats import OFFICE_KINDS, office_refusal


def refuse_office_files(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action != "pre_add" or not pk_set:
        return
    from inovda.evidence.models import EvidenceFile
    from inovda.innovations.models import Answer
    from inovda.innovations.services import ReportProblem
    from inovda.methodology.adapters import rulebook_of

    if reverse:  # evidence_file.answers.add(...): one file, several answers
        if instance.kind not in OFFICE_KINDS:
            return
        pairs = [
            (answer, [instance])
            for answer in Answer.objects.filter(pk__in=pk_set).select_related(
                "period__rulebook_version__rulebook"
            )
        ]
    else:
        office = list(EvidenceFile.objects.filter(pk__in=pk_set, kind__in=OFFICE_KINDS))
        if not office:
            return
        pairs = [(instance, office)]
    for answer, files in pairs:
        version = answer.period.rulebook_version
        rulebook = rulebook_of(version)
        row = next((r for r in rulebook.rows if r.code == answer.row_code), None)
        if row is None:
            continue  # a row the rulebook does not know is refused by the answer service itself
        reason = office_refusal(row, files, rulebook.name)
        if reason:
            raise ReportProblem(reason)
