"""Community proposals: submit (anyone), accept into a unit's register or decline (region admin).

Each verb runs in one transaction and writes an audit event; e-mail goes out after the commit.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from datetime import timedelta
from typing import Any, NamedTuple

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inovda.core.models import record_event
from inovda.innovations.models import Innovation
from inovda.public.models import Proposal
from inovda.regions.models import Region, Unit

logger = logging.getLogger(__name__)

# Crockford-like: no 0/O or 1/I, so a code read aloud or copied by hand survives.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
RATE_WINDOW = timedelta(hours=1)
MIN_REPLY_CHARS = 10


class Triaged(NamedTuple):
    """A triage decision and whether the proposer was told by e-mail (None: no address)."""

    proposal: Proposal
    emailed: bool | None


class ProposalProblem(ValueError):
    """A change refused with a reason the person can act on (Indonesian); `field` if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def proposals_per_hour() -> int:
    return int(getattr(settings, "INOVDA_PROPOSALS_PER_HOUR", 5))


def new_tracking_code() -> str:
    letters = "".join(secrets.choice(CODE_ALPHABET) for _position in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def tracking_url(proposal: Proposal) -> str:
    from inovda.notifications.services import absolute_url

    return absolute_url(reverse("public:track", args=[proposal.tracking_code]))


def submit_proposal(
    *,
    region: Region,
    ip_hash: str,
    proposer_name: str,
    title: str,
    problem: str,
    idea: str,
    benefit: str,
    email: str = "",
    phone: str = "",
    location: str = "",
    suggested_unit: Unit | None = None,
) -> Proposal:
    """Save a citizen's proposal with a fresh tracking code.

    Side effects: a Proposal (status new) and an audit event with no actor.
    Raises ProposalProblem (nothing saved) when this network already sent
    `proposals_per_hour()` proposals in the last hour, or for a unit of another Pemda.
    """
    if suggested_unit is not None and suggested_unit.region_id != region.pk:
        raise ProposalProblem(_("Pilih unit kerja milik Pemda ini."), "suggested_unit")
    now = timezone.now()
    limit = proposals_per_hour()
    with transaction.atomic():
        recent = list(
            Proposal.objects.filter(ip_hash=ip_hash, created_at__gte=now - RATE_WINDOW)
            .order_by("created_at")
            .values_list("created_at", flat=True)[:limit]
        )
        if len(recent) >= limit:
            again = timezone.localtime(recent[0] + RATE_WINDOW)
            raise ProposalProblem(
                _(
                    "Sudah ada %(limit)s usulan dari jaringan internet Anda dalam satu jam "
                    "terakhir. Isian Anda masih ada di formulir ini: kirim lagi setelah pukul "
                    "%(time)s."
                )
                % {"limit": limit, "time": f"{again:%H.%M}"}
            )
        code = new_tracking_code()
        while Proposal.objects.filter(tracking_code=code).exists():
            code = new_tracking_code()
        proposal = Proposal.objects.create(
            region=region,
            tracking_code=code,
            proposer_name=proposer_name,
            email=email,
            phone=phone,
            location=location,
            title=title,
            problem=problem,
            idea=idea,
            benefit=benefit,
            suggested_unit=suggested_unit,
            ip_hash=ip_hash,
        )
        record_event(
            actor=None,
            action="proposal.submit",
            obj=proposal,
            region=region,
            summary=f"Usulan masyarakat “{title}” masuk ({code})",
        )
    return proposal


def _lock_new(proposal: Proposal) -> Proposal:
    """The proposal re-read under a row lock; refused when someone already answered it."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != Proposal.Status.NEW:
        who = locked.triaged_by.full_name if locked.triaged_by else _("admin lain")
        raise ProposalProblem(
            _("Usulan ini sudah %(status)s oleh %(who)s; tidak dapat ditanggapi lagi.")
            % {"status": locked.get_status_display().lower(), "who": who}
        )
    return locked


def accept_proposal(
    proposal: Proposal, *, actor: Any, unit: Unit, name: str = "", reply: str = ""
) -> Triaged:
    """Accept a proposal into a unit's innovation register.

    Side effects: an Innovation in `unit` named `name` (or the proposal's title), with no report
    yet (the unit's operator completes it); the proposal accepted and linked to it; two audit
    events; after the commit, an e-mail to the proposer when they gave an address.
    Raises ProposalProblem for a unit of another Pemda, an inactive unit, or a proposal already
    answered.
    """
    if unit.region_id != proposal.region_id:
        raise ProposalProblem(_("Pilih unit kerja milik Pemda usulan ini."), "unit")
    if not unit.is_active:
        raise ProposalProblem(_("Unit kerja ini sudah nonaktif; pilih unit lain."), "unit")
    name = " ".join((name or proposal.title).split())
    with transaction.atomic():
        locked = _lock_new(proposal)
        innovation = Innovation.objects.create(
            region=locked.region, unit=unit, name=name, created_by=actor
        )
        locked.status = Proposal.Status.ACCEPTED
        locked.innovation = innovation
        locked.reply = reply.strip()
        locked.triaged_by = actor
        locked.triaged_at = timezone.now()
        locked.save(
            update_fields=[
                "status",
                "innovation",
                "reply",
                "triaged_by",
                "triaged_at",
                "updated_at",
            ]
        )
        record_event(
            actor=actor,
            action="innovation.create",
            obj=innovation,
            region=locked.region,
            summary=f"Inovasi {innovation.name} ditambahkan ke {unit.name} dari usulan masyarakat "
            f"{locked.tracking_code}",
        )
        record_event(
            actor=actor,
            action="proposal.accept",
            obj=locked,
            region=locked.region,
            summary=f"Usulan {locked.tracking_code} diterima ke register {unit.name}",
            before={"status": Proposal.Status.NEW},
            after={"status": locked.status, "unit": unit.name, "innovation": innovation.pk},
        )
    emailed = _email_proposer(locked, "public/email/accepted.txt", "Usulan inovasi Anda diterima")
    return Triaged(locked, emailed)


def decline_proposal(proposal: Proposal, *, actor: Any, reply: str) -> Triaged:
    """Decline a proposal with a reply the proposer reads on the tracking page.

    Side effects: the proposal declined with the reply; an audit event; after the commit, an
    e-mail with the reply to the proposer when they gave an address.
    Raises ProposalProblem for a reply that is too short, or a proposal already answered.
    """
    reply = reply.strip()
    if len(reply) < MIN_REPLY_CHARS:
        raise ProposalProblem(
            _(
                "Tuliskan balasan untuk pengusul (minimal %(n)s karakter): alasan usulan ditolak "
                "atau saran tindak lanjut."
            )
            % {"n": MIN_REPLY_CHARS},
            "reply",
        )
    with transaction.atomic():
        locked = _lock_new(proposal)
        locked.status = Proposal.Status.DECLINED
        locked.reply = reply
        locked.triaged_by = actor
        locked.triaged_at = timezone.now()
        locked.save(update_fields=["status", "reply", "triaged_by", "triaged_at", "updated_at"])
        record_event(
            actor=actor,
            action="proposal.decline",
            obj=locked,
            region=locked.region,
            summary=f"Usulan {locked.tracking_code} ditolak",
            before={"status": Proposal.Status.NEW},
            after={"status": locked.status, "reply": reply},
        )
    emailed = _email_proposer(
        locked, "public/email/declined.txt", "Tanggapan atas usulan inovasi Anda"
    )
    return Triaged(locked, emailed)


def _email_proposer(proposal: Proposal, template: str, subject: str) -> bool | None:
    """Tell the proposer, when they left an address (None when not).

    A mail server failure does not undo the decision (it is committed and shown on the tracking
    page): it is logged and returned as False so the admin can call the proposer instead.
    """
    if not proposal.email:
        return None
    context = {"proposal": proposal, "link": tracking_url(proposal)}
    try:
        send_mail(
            subject=f"{subject} — {proposal.region}",
            message=render_to_string(template, context),
            from_email=None,
            recipient_list=[proposal.email],
        )
    except (OSError, smtplib.SMTPException):
        logger.warning("E-mail for proposal %s not sent", proposal.tracking_code, exc_info=True)
        return False
    return True
