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


def person(role: str, *, region: Any = None, unit: Any = None, **fields: Any) -> User:
    return with_role(UserFactory(**fields), role, region=region, unit=unit)


__all__ = ["PASSWORD", "Role", "UserFactory", "person", "with_role"]
