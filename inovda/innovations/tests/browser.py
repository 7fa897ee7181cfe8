"""Steps the browser tests share."""

from __future__ import annotations

from typing import Any


def fill_innovation_identity(
    page: Any, *, name: str, kind: str, implemented_on: str, design: str
) -> None:
    """Fill the registration form's identity as a Disdukcapil Balangan operator would."""
    page.fill("input[name=name]", name)
    page.select_option("select[name=stage]", "penerapan")
    page.select_option("select[name=initiator_kind]", "perangkat_daerah")
    page.fill("input[name=initiator_name]", "Disdukcapil Balangan")
    page.select_option("select[name=kind]", kind)
    page.select_option("select[name=form]", "pelayanan_publik")
    page.fill("input[name=main_affair]", "administrasi kependudukan")
    page.fill("input[name=implemented_on]", implemented_on)
    page.fill("textarea[name=design]", design)
