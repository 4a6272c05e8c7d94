"""No answer of the API holds a session's join link or anything personal.

Every path of the OpenAPI document is requested, its parameters filled with
every row of the demo data, public or not, in each language and with both
at once; no answer may hold a join link, an attendee's or a journalist's
details, the media team's addresses and numbers, or the text of anything
unpublished."""

from urllib.parse import quote

import pytest

from tests.api.data import load_demo_with_secrets, path_parameters

pytestmark = pytest.mark.django_db

QUERIES = ["?lang=all&page_size=100", "?lang=en&page_size=100", "?lang=ar&page_size=100", ""]


def test_no_answer_holds_a_join_link_or_anything_personal(client, settings):
    settings.API_RATE_LIMIT = "100000/m"
    secrets = load_demo_with_secrets()
    document = client.get("/api/v1/openapi.json").json()
    parameters = path_parameters()
    templated = sorted(path for path in document["paths"] if "{" in path)
    assert sorted(parameters) == templated

    found, answered = {}, {}
    for template in document["paths"]:
        for values in parameters.get(template, [{}]):
            path = template.format(**{name: quote(str(value)) for name, value in values.items()})
            for query in QUERIES:
                response = client.get(path + query)
                text = response.content.decode()
                if leaks := secrets.found_in(text) + (["join_url"] if "join_url" in text else []):
                    found[path + query] = leaks
                answered.setdefault(template, set()).add(response.status_code)
    for extra in ("/api/v1/openapi.json", "/api/v1/docs"):
        if leaks := secrets.found_in(client.get(extra).content.decode()):
            found[extra] = leaks

    assert found == {}
    # Every path answered with its data at least once, and drafts with 404.
    assert {template: 200 in codes for template, codes in answered.items()} == dict.fromkeys(
        document["paths"], True
    )
    assert all(codes <= {200, 404} for codes in answered.values())
    assert 404 in answered["/api/v1/summits/{slug}"]
