import pytest

from disclosure.publishing import workflow
from tests.factories import make_body, make_staff


@pytest.fixture
def bodies(db):
    """Two bodies, so that scoping has someone to keep out."""
    return make_body("sports-bureau", "锦州市体育局"), make_body("education-bureau", "锦州市教育局")


@pytest.fixture
def team(bodies):
    """Two editors, a reviewer and a publisher of the first body, and an editor of the second (outsider)."""
    sports, education = bodies
    return {
        "editor": make_staff("editor", workflow.EDITOR, sports, first_name="王撰稿"),
        "editor2": make_staff("editor2", workflow.EDITOR, sports, first_name="赵撰稿"),
        "reviewer": make_staff("reviewer", workflow.REVIEWER, sports),
        "publisher": make_staff("publisher", workflow.PUBLISHER, sports),
        "outsider": make_staff("outsider", workflow.EDITOR, education),
    }
