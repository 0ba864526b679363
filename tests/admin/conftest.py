import pytest

from tests.factories import make_body


@pytest.fixture
def bodies(db):
    """Two bodies, so that scoping has someone to keep out."""
    return make_body("sports-bureau", "锦州市体育局"), make_body("education-bureau", "锦州市教育局")
