"""People and their roles for tests."""

from typing import Any

import factory

from inovda.accounts.models import Role, RoleAssignment, User

PASSWORD = "inovda-demo-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"orang{n}@contoh.go.id")
    full_name = factory.Sequence(lambda n: f"Orang Uji {n}")

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: Any) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


def with_role(user: User, role: str, *, region: Any = None, unit: Any = None) -> User:
    """Give `user` a role; a unit role takes its region from the unit."""
    if unit is not None and region is None:
        region = unit.region
    RoleAssignment.objects.create(user=user, role=role, region=region, unit=unit)
    return user


TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
MFA_ROLES = {Role.NATIONAL_ADMIN, Role.PROVINCE_COORDINATOR, Role.REGION_ADMIN}


def activate_totp(user: User, secret: str = TEST_TOTP_SECRET) -> User:
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    return user


def person(
    role: str, *, region: Any = None, unit: Any = None, totp: bool | None = None, **fields: Any
) -> User:
    """A user holding one role; admins get TOTP set up (as the app requires) unless totp=False."""
    user = with_role(UserFactory(**fields), role, region=region, unit=unit)
    if totp if totp is not None else role in MFA_ROLES:
        activate_totp(user)
    return user


__all__ = ["PASSWORD", "Role", "UserFactory", "activate_totp", "person", "with_role"]
