import pytest

from innovera.core.slugs import unique_slug
from innovera.organisations.models import Unit, UnitType

pytestmark = pytest.mark.django_db


def test_a_taken_address_name_gets_the_next_free_number_within_the_length() -> None:
    Unit.objects.create(name="A", slug="bromma", unit_type=UnitType.DISTRICT)
    Unit.objects.create(name="B", slug="bromma-2", unit_type=UnitType.DISTRICT)

    assert unique_slug(Unit, "bromma") == "bromma-3"
    assert unique_slug(Unit, "bromma", max_length=6) == "brom-2"
    assert unique_slug(Unit, "farsta") == "farsta"
