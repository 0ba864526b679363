import pytest

from tests.factories import make_report, publish


@pytest.mark.django_db
def test_published_report_is_served_and_draft_is_not(client):
    report = make_report()
    assert client.get("/reports/2016/sports-bureau/").status_code == 404
    publish(report)
    response = client.get("/reports/2016/sports-bureau/")
    assert response.status_code == 200
    assert "第1节标题" in response.content.decode()
