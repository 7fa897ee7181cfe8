"""People, the roles they hold in regions and units, and invitations."""

from __future__ import annotations

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inovda.core.models import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person. Signs in with e-mail; what they may do comes from their RoleAssignments."""

    username = None  # type: ignore[assignment]  # e-mail is the login
    first_name = None  # type: ignore[assignment]  # one full name field suits Indonesian names
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    phone = models.CharField(_("nomor HP/WA"), max_length=30, blank=True)
    position = models.CharField(_("jabatan"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]
    objects = UserManager()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        """The first name, past honorifics and titles ("Hj. Nurul Aini" -> "Nurul")."""
        words = self.full_name.split()
        names = [w for w in words if w.rstrip(".,").lower() not in HONORIFICS]
        return (names or words or [self.email])[0].rstrip(",")


# Titles written before Indonesian names, skipped when greeting someone by name.
HONORIFICS = frozenset(
    {"h", "hj", "dr", "drs", "dra", "ir", "prof", "moh", "muh", "bpk", "ibu", "kh", "ns", "apt"}
)


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("Admin nasional")
    PROVINCE_COORDINATOR = "province_coordinator", _("Koordinator provinsi")
    REGION_ADMIN = "region_admin", _("Admin Pemda (Balitbangda/Bappedalitbang/BRIDA)")
    VERIFIER = "verifier", _("Verifikator")
    UNIT_OPERATOR = "unit_operator", _("Operator unit")
    UNIT_HEAD = "unit_head", _("Kepala unit")
    MENTOR = "mentor", _("Pendamping")
    JURY = "jury", _("Juri")
    VIEWER = "viewer", _("Peninjau (baca saja)")


# Where each role is held: no place (nation), a region, or a unit inside a region.
NATIONAL_ROLES = frozenset({Role.NATIONAL_ADMIN})
UNIT_ROLES = frozenset({Role.UNIT_OPERATOR, Role.UNIT_HEAD, Role.MENTOR})
REGION_ROLES = frozenset(set(Role) - NATIONAL_ROLES - UNIT_ROLES)


class RoleAssignment(TimeStampedModel):
    """One role held by one person in one place. A person may hold many."""

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("peran"), max_length=30, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("Pemda"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    unit = models.ForeignKey(
        "regions.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("diberikan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        ordering = ["role", "region", "unit"]
        constraints = [
            models.CheckConstraint(
                name="role_assignment_place_matches_role",
                condition=(
                    Q(
                        role__in=sorted(r.value for r in NATIONAL_ROLES),
                        region__isnull=True,
                        unit__isnull=True,
                    )
                    | Q(
                        role__in=sorted(r.value for r in REGION_ROLES),
                        region__isnull=False,
                        unit__isnull=True,
                    )
                    | Q(
                        role__in=sorted(r.value for r in UNIT_ROLES),
                        region__isnull=False,
                        unit__isnull=False,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region", "unit"], name="role_assignment_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(region__isnull=True),
                name="role_assignment_unique_national",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(unit__isnull=True),
                name="role_assignment_unique_region",
            ),
        ]

    def __str__(self) -> str:
        place = self.unit or self.region or _("nasional")
        return f"{self.user} — {self.get_role_display()} — {place}"


class Invitation(TimeStampedModel):
    """An e-mailed invitation to join a region in a role; accepted once, then spent."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("Pemda"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    unit = models.ForeignKey(
        "regions.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail"))
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    role = models.CharField(_("peran"), max_length=30, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("diundang oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("berlaku sampai"))
    accepted_at = models.DateTimeField(_("diterima"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"
