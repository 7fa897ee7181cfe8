"""People and roles: invitations, role changes, account status. Each verb is one transaction."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from inovda.accounts.access import forget_assignments
from inovda.accounts.models import UNIT_ROLES, Invitation, Role, RoleAssignment, User
from inovda.core.models import record_event
from inovda.regions.models import Region, Unit

INVITATION_DAYS = 7


class PeopleError(ValueError):
    """A change refused for a reason the person can act on (message in Indonesian)."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _send_invitation(invitation: Invitation, token: str, base_url: str) -> None:
    link = f"{base_url.rstrip('/')}/pengguna/undangan/{token}/"
    context = {"invitation": invitation, "link": link, "days": INVITATION_DAYS}
    send_mail(
        subject=f"Undangan bergabung di inovda — {invitation.region}",
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def invite_person(
    *,
    actor: Any,
    region: Region,
    email: str,
    full_name: str,
    role: str,
    unit: Unit | None = None,
    base_url: str,
) -> Invitation:
    """Invite someone to a role in a region.

    Side effects: an Invitation (only the SHA-256 of its token is stored), an e-mail with the
    accept link (valid 7 days), an audit event.
    """
    if role in UNIT_ROLES and unit is None:
        raise PeopleError("Peran ini memerlukan unit kerja.")
    if unit is not None and unit.region_id != region.pk:
        raise PeopleError("Unit kerja harus milik Pemda ini.")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            region=region,
            unit=unit if role in UNIT_ROLES else None,
            email=email.strip().lower(),
            full_name=full_name.strip(),
            role=role,
            token_hash=token_hash(token),
            invited_by=actor,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        record_event(
            actor=actor, action="invitation.send", obj=invitation, region=region,
            summary=f"Undangan {invitation.email} sebagai {invitation.get_role_display()}",
        )  # fmt: skip
    _send_invitation(invitation, token, base_url)
    return invitation


def resend_invitation(invitation: Invitation, *, actor: Any, base_url: str) -> Invitation:
    """A new token and expiry for a pending invitation; the old link stops working; e-mail sent."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at or invitation.revoked_at:
            raise PeopleError("Undangan ini sudah diterima atau dibatalkan.")
        invitation.token_hash = token_hash(token)
        invitation.expires_at = timezone.now() + timedelta(days=INVITATION_DAYS)
        invitation.save(update_fields=["token_hash", "expires_at", "updated_at"])
        record_event(
            actor=actor, action="invitation.resend", obj=invitation, region=invitation.region,
            summary=f"Undangan {invitation.email} dikirim ulang",
        )  # fmt: skip
    _send_invitation(invitation, token, base_url)
    return invitation


def revoke_invitation(invitation: Invitation, *, actor: Any) -> Invitation:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise PeopleError("Undangan ini sudah diterima; cabut perannya dari halaman orangnya.")
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
        record_event(
            actor=actor, action="invitation.revoke", obj=invitation, region=invitation.region,
            summary=f"Undangan {invitation.email} dibatalkan",
        )  # fmt: skip
    return invitation


def find_open_invitation(token: str) -> Invitation | None:
    """The invitation for a token if it can still be accepted (not used, revoked or expired)."""
    invitation = (
        Invitation.objects.select_related("region", "unit", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None or invitation.accepted_at or invitation.revoked_at:
        return None
    if invitation.expires_at <= timezone.now():
        return None
    return invitation


def accept_invitation(invitation: Invitation, *, password: str | None, user: User | None) -> User:
    """Create the account (or use the signed-in one with the same e-mail) and give the role.

    Side effects: maybe a User, one RoleAssignment, the invitation marked accepted, audit event.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at or invitation.revoked_at:
            raise PeopleError("Undangan ini sudah tidak berlaku.")
        if user is None:
            user = User.objects.filter(email__iexact=invitation.email).first()
            if user is not None:
                raise PeopleError(
                    "Akun dengan e-mail ini sudah ada: masuk dulu, lalu buka lagi tautan undangan."
                )
            user = User.objects.create_user(
                email=invitation.email, password=password, full_name=invitation.full_name
            )
        elif user.email.lower() != invitation.email.lower():
            raise PeopleError(
                "Undangan ini untuk e-mail lain. Keluar dulu, lalu buka lagi tautannya."
            )
        RoleAssignment.objects.get_or_create(
            user=user,
            role=invitation.role,
            region=invitation.region,
            unit=invitation.unit,
            defaults={"granted_by": invitation.invited_by},
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
        record_event(
            actor=user, action="invitation.accept", obj=invitation, region=invitation.region,
            summary=f"{user.email} menerima peran {invitation.get_role_display()}",
        )  # fmt: skip
    forget_assignments(user)
    return user


def assign_role(
    person: User, *, actor: Any, region: Region, role: str, unit: Unit | None = None
) -> RoleAssignment:
    if role in UNIT_ROLES and unit is None:
        raise PeopleError("Peran ini memerlukan unit kerja.")
    if unit is not None and unit.region_id != region.pk:
        raise PeopleError("Unit kerja harus milik Pemda ini.")
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=person,
            role=role,
            region=region,
            unit=unit if role in UNIT_ROLES else None,
            defaults={"granted_by": actor},
        )
        if not created:
            raise PeopleError("Orang ini sudah memegang peran itu.")
        record_event(
            actor=actor, action="role.assign", obj=assignment, region=region,
            summary=f"{person.email} diberi peran {assignment.get_role_display()}",
        )  # fmt: skip
    forget_assignments(person)
    return assignment


def remove_role(assignment: RoleAssignment, *, actor: Any) -> None:
    with transaction.atomic():
        if (
            assignment.user_id == getattr(actor, "pk", None)
            and assignment.role == Role.REGION_ADMIN
            and not RoleAssignment.objects.filter(
                user=assignment.user, role=Role.REGION_ADMIN, region=assignment.region
            )
            .exclude(pk=assignment.pk)
            .exists()
        ):
            raise PeopleError(
                "Anda tidak dapat mencabut peran admin Pemda Anda sendiri. "
                "Minta admin lain melakukannya."
            )
        record_event(
            actor=actor, action="role.remove", obj=assignment, region=assignment.region,
            summary=f"Peran {assignment.get_role_display()} dicabut dari {assignment.user.email}",
            before={"role": assignment.role, "unit_id": assignment.unit_id},
        )  # fmt: skip
        assignment.delete()
    forget_assignments(assignment.user)


def set_person_active(person: User, *, actor: Any, region: Region, active: bool) -> User:
    """Deactivate or reactivate an account; only when all its roles are in the actor's region."""
    with transaction.atomic():
        elsewhere = RoleAssignment.objects.filter(user=person).exclude(region=region)
        if elsewhere.exists():
            raise PeopleError(
                "Orang ini juga memegang peran di tempat lain; cabut perannya di Pemda ini saja."
            )
        if person.pk == getattr(actor, "pk", None):
            raise PeopleError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
        person.is_active = active
        person.save(update_fields=["is_active"])
        state = "diaktifkan" if active else "dinonaktifkan"
        record_event(
            actor=actor,
            action="person.reactivate" if active else "person.deactivate",
            obj=person,
            region=region,
            summary=f"Akun {person.email} {state}",
        )
    return person
