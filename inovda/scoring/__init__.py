"""inovda.scoring: the IID methodology as data and a faithful engine to score it.

Pure Python (no Django): a Pemda with no server can score an answer file with `inovda score`.

- `rulebook`: one year's methodology from YAML (`rulebooks/iid-2026.yaml`, ...), checked against
  `rulebook.schema.json` and for consistency; `with_constants` fills values a year lacks.
- `answers`: one region's answers (JSON exchange format, or Excel through `excel`).
- `engine`: `score(rulebook, answers)` -> `ScoreResult`, Decimal arithmetic, one rounding point.
- `cli`: `inovda score FILE`.

Errors (`RulebookError`, `AnswerFileError`, `IncompleteRulebookError`) are one Indonesian line
naming the file, the place and the fix. See docs/scoring.md for the formula and the formats.
"""

from inovda.scoring.answers import (
    answers_from_dict,
    answers_from_json,
    answers_to_dict,
    check_answers,
    read_answers,
    write_answers,
)
from inovda.scoring.engine import covered_affairs, normalize_affair, predicate_for, score
from inovda.scoring.errors import (
    AnswerFileError,
    IncompleteRulebookError,
    RulebookError,
    ScoringInputError,
)
from inovda.scoring.rulebook import (
    RULEBOOK_SCHEMA_PATH,
    bundled_rulebooks,
    fingerprint,
    get_bundled_rulebook,
    load_rulebook,
    rulebook_from_dict,
    rulebook_from_yaml,
    rulebook_to_dict,
    rulebook_to_yaml,
    with_constants,
)
from inovda.scoring.types import (
    Answer,
    AnswerSet,
    Evidence,
    InnovationAnswers,
    Rulebook,
    ScoreResult,
)

__all__ = [
    "RULEBOOK_SCHEMA_PATH",
    "Answer",
    "AnswerFileError",
    "AnswerSet",
    "Evidence",
    "IncompleteRulebookError",
    "InnovationAnswers",
    "Rulebook",
    "RulebookError",
    "ScoreResult",
    "ScoringInputError",
    "answers_from_dict",
    "answers_from_json",
    "answers_to_dict",
    "bundled_rulebooks",
    "check_answers",
    "covered_affairs",
    "fingerprint",
    "get_bundled_rulebook",
    "load_rulebook",
    "normalize_affair",
    "predicate_for",
    "read_answers",
    "rulebook_from_dict",
    "rulebook_from_yaml",
    "rulebook_to_dict",
    "rulebook_to_yaml",
    "score",
    "with_constants",
    "write_answers",
]
