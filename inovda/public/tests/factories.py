"""Proposals for tests, sent through the service as the public form does."""

from __future__ import annotations

import secrets
import time
from typing import Any

from inovda.public import antispam, services
from inovda.public.models import Proposal
from inovda.regions.models import Region


def proposal(
    region: Region, title: str = "Antar jemput akta untuk lansia", **fields: Any
) -> Proposal:
    data: dict[str, Any] = {
        "proposer_name": "Siti Rahmah",
        "email": "",
        "phone": "",
        "location": "Desa Batu Piring, Kecamatan Paringin Selatan",
        "problem": "Lansia sulit datang ke kantor Disdukcapil untuk mengurus akta.",
        "idea": "Petugas keliling menjemput berkas ke rumah lansia tiap Kamis.",
        "benefit": "Lansia tidak perlu bepergian jauh dan dokumen cepat terbit.",
        "ip_hash": secrets.token_hex(32),
    }
    data.update(fields)
    return services.submit_proposal(region=region, title=title, **data)


def form_data(region: Region, *, seconds_ago: float = 60, **changes: Any) -> dict[str, Any]:
    """A complete, valid public form submission (opened `seconds_ago`, question answered)."""
    token = antispam.issue_token(region.code, issued_at=time.time() - seconds_ago)
    read = antispam.read_token(token)
    assert read is not None
    data: dict[str, Any] = {
        "proposer_name": "Siti Rahmah",
        "email": "siti.rahmah@contoh.id",
        "phone": "0812 3456 7890",
        "location": "Desa Batu Piring, Kecamatan Paringin Selatan",
        "title": "Antar jemput akta untuk lansia",
        "problem": "Lansia sulit datang ke kantor Disdukcapil untuk mengurus akta.",
        "idea": "Petugas keliling menjemput berkas ke rumah lansia tiap Kamis.",
        "benefit": "Lansia tidak perlu bepergian jauh dan dokumen cepat terbit.",
        "suggested_unit": "",
        "answer": str(antispam.expected_answer(read)),
        "website": "",
        "token": token,
    }
    data.update(changes)
    return data
