"""Template helpers: Indonesian numbers (1.616,5) regardless of the active language's grouping."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy

register = template.Library()


@register.filter
def angka(value: Any, decimals: int | None = None) -> str:
    """Format a number in the active locale with thousand separators: 1.616,5 in Indonesian."""
    if value is None or value == "":
        return "–"
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """A dictionary value by a variable key (labels for codes)."""
    try:
        return mapping.get(key, key)
    except AttributeError:
        return key


@register.simple_tag
def multiply(a: Any, b: Any) -> Decimal:
    return Decimal(str(a)) * Decimal(str(b))


@register.filter
def make_list_words(value: str) -> list[str]:
    return value.split()


_STATUS_CSS = {
    "draft": "grey",
    "submitted": "warn",
    "approved": "warn",
    "returned": "bad",
    "verified": "",
    "ready": "",
    "sent": "",
}


@register.filter
def status_css(status: str) -> str:
    """Badge colour of a workflow status: grey draft, amber waiting, red returned, green done."""
    return _STATUS_CSS.get(status, "grey")


# How the keys and values of audit snapshots read in the record's history.
_AUDIT_KEYS = {
    "status": gettext_lazy("status"),
    "approved_level": gettext_lazy("tingkat disetujui"),
    "claimed_level": gettext_lazy("tingkat diklaim"),
}


def _audit_value(key: str, value: Any) -> str:
    from inovda.innovations.models import Answer, Report

    if value is None:
        return "—"
    if key.endswith("_level"):
        return f"P{value}" if value else "0"
    # A report's or an answer's status, as its model names it, in lower case mid-sentence.
    label = dict([*Answer.Status.choices, *Report.Status.choices]).get(str(value))
    return str(label).lower() if label is not None else str(value)


@register.filter
def audit_change(before: Any, after: Any) -> str:
    """'status: draf → diajukan' for the keys that changed between two audit snapshots."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ""
    parts = [
        f"{_AUDIT_KEYS.get(key, key)}: {_audit_value(key, before.get(key))} → "
        f"{_audit_value(key, after.get(key))}"
        for key in after
        if before.get(key) != after.get(key)
    ]
    return "; ".join(parts)[:300]


@register.filter
def report_status_label(status: str) -> str:
    """The Indonesian (or English) label of a report's workflow status code."""
    from inovda.innovations.models import Report

    return str(dict(Report.Status.choices).get(status, status))
