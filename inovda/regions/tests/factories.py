"""Regions and units for tests: real-looking Kemendagri codes, no surprising defaults."""

import factory

from inovda.regions.models import Region, Unit


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{10 + n % 89:02d}")
    name = factory.Sequence(lambda n: f"Provinsi Uji {n}")
    kind = Region.Kind.PROVINCE


class RegionFactory(factory.django.DjangoModelFactory):
    """A kabupaten under its own province."""

    class Meta:
        model = Region

    parent = factory.SubFactory(ProvinceFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code}.{n % 99 + 1:02d}")
    name = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    kind = Region.Kind.REGENCY


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    kind = Unit.Kind.AGENCY
