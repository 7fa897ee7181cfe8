import pytest

from inovda.innovations.tests.factories import make_world


@pytest.fixture
def world():
    return make_world()
