"""The OpenAPI document: valid OpenAPI 3.1, every operation a GET that
documents its errors, every address it names answered by the API, and the
shape of translated texts defined once."""

import json

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_document_is_valid_openapi_3_1(document):
    validate(document)

    assert document["openapi"].startswith("3.1.")
    assert document["info"]["version"] == "1"


def test_validator_refuses_a_broken_document(document):
    document["paths"]["/api/v1/summits"]["get"]["responses"] = "none"

    with pytest.raises(OpenAPIValidationError):
        validate(document)


def test_every_operation_is_a_get_documenting_its_errors(document):
    operations = {
        (path, method): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }

    assert {method for _path, method in operations} == {"get"}
    for (path, _method), operation in operations.items():
        expected = {"200", "429"} | ({"422"} if operation.get("parameters") else set())
        if "{" in path:
            expected.add("404")
        # An operation that takes a token says what a token it refuses gets.
        if any(requirement for requirement in operation.get("security", [])):
            expected.add("401")
        assert set(operation["responses"]) == expected, path


def test_press_operations_take_an_optional_bearer_token(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["pressToken"]["type"] == "http"
    assert schemes["pressToken"]["scheme"] == "bearer"
    secured = {
        path
        for path, item in document["paths"].items()
        if any(requirement for requirement in item["get"].get("security", []))
    }
    assert secured == {"/api/v1/press-releases", "/api/v1/press-releases/{slug}"}
    for path in secured:
        # The empty requirement: without a token is fine too.
        assert {} in document["paths"][path]["get"]["security"]


def test_every_list_pages_and_every_operation_takes_a_language(document):
    for path, item in document["paths"].items():
        names = {parameter["name"] for parameter in item["get"].get("parameters", [])}
        if path == "/api/v1/":
            continue
        assert "lang" in names, path
        results = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        is_list = results["$ref"].endswith("Page")
        assert ({"page", "page_size"} <= names) == is_list, path


def test_translated_texts_are_a_string_or_every_language(document):
    schemas = document["components"]["schemas"]

    assert schemas["Translations"]["required"] == ["en", "ar"]
    assert schemas["Session"]["properties"]["title"] == {
        "anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/Translations"}],
        "title": "Title",
    }


def test_no_query_parameter_is_said_to_take_null(document):
    # A query string has no null to send: left out is how a value is absent.
    nullable = [
        (path, parameter["name"])
        for path, item in document["paths"].items()
        for parameter in item["get"].get("parameters", [])
        if "null" in json.dumps(parameter["schema"])
    ]

    assert nullable == []
