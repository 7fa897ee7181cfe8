"""Anti-spam for the public proposal form, with no outside service and no process memory.

- a signed form token: when the form was opened (too-fast submissions are refused), for which
  Pemda, and a nonce from which the security question is derived with the secret key;
- a honeypot field people never see;
- a keyed hash of the sender's IP (the raw IP is never stored), used for the rate limit that the
  service counts in the database, so it holds across several app servers.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _

TOKEN_SALT = "inovda.public.proposal-form"  # noqa: S105  # a signing namespace, not a secret
TOKEN_MAX_AGE = 24 * 60 * 60  # a form left open overnight still sends the next morning

NUMBER_WORDS = [
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas", "dua belas", "tiga belas", "empat belas", "lima belas", "enam belas",
    "tujuh belas", "delapan belas",
]  # fmt: skip
ENGLISH_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
]  # fmt: skip


def min_seconds() -> int:
    """A person needs longer than this to fill in the form; bots post at once."""
    return int(getattr(settings, "INOVDA_PROPOSAL_MIN_SECONDS", 5))


def issue_token(region_code: str, *, issued_at: float | None = None) -> str:
    """A fresh signed token for the form of one Pemda (opened now unless `issued_at`)."""
    payload = {
        "r": region_code,
        "t": int(issued_at if issued_at is not None else time.time()),
        "n": secrets.token_hex(8),
    }
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


@dataclass(frozen=True)
class Token:
    region_code: str
    issued_at: int
    nonce: str

    @property
    def age(self) -> float:
        return time.time() - self.issued_at


def read_token(value: str) -> Token | None:
    """The token's content, or None when it is forged, broken or older than a day."""
    try:
        data: Any = signing.loads(value, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        return Token(str(data["r"]), int(data["t"]), str(data["n"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def _operands(nonce: str) -> tuple[int, int]:
    # Derived with the secret key: the signed (readable) token does not carry the answer.
    digest = salted_hmac("inovda.public.question", nonce, algorithm="sha256").digest()
    return digest[0] % 9 + 1, digest[1] % 9 + 1


def question(token: Token) -> str:
    """The question in the page's language (Indonesian, or English when chosen)."""
    a, b = _operands(token.nonce)
    words = ENGLISH_WORDS if get_language() == "en" else NUMBER_WORDS
    return _("Berapa %(a)s ditambah %(b)s?") % {"a": words[a], "b": words[b]}


def expected_answer(token: Token) -> int:
    a, b = _operands(token.nonce)
    return a + b


def answer_is_right(token: Token, answer: str) -> bool:
    """Digits ("8") or the word ("delapan", "eight"), ignoring case and spaces."""
    given = " ".join(answer.lower().split())
    right = expected_answer(token)
    return given in (str(right), NUMBER_WORDS[right], ENGLISH_WORDS[right])


def ip_hash(request: HttpRequest) -> str:
    """A keyed hash of the client IP (as the sign-in lockout sees it, proxies included)."""
    from axes.helpers import get_client_ip_address

    ip = get_client_ip_address(request) or "unknown"
    return salted_hmac("inovda.public.proposal-ip", ip, algorithm="sha256").hexdigest()
