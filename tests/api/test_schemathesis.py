"""The API against its own OpenAPI document, on a live server holding the
demo data (and the private rows beside it): schemathesis generates requests
from the document for every operation, valid ones (with made-up and with
real path parameters) and invalid ones, and every answer must be one the
document describes, in status, media type and shape, and none may be a
server error. Failures of all operations are reported together."""

import traceback

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode

from tests.api.data import load_demo_with_secrets, path_parameters

pytestmark = pytest.mark.django_db(transaction=True)

# Examples per operation and kind; the whole test stays well under 40 s.
EXAMPLES = {"made-up": 15, "real": 10, "invalid": 10}


def check_all(strategy, examples: int) -> None:
    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case):
        case.call_and_validate()

    check()


def test_every_answer_matches_the_document_and_none_is_a_server_error(live_server, settings):
    settings.API_RATE_LIMIT = "100000/m"
    load_demo_with_secrets()
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    real = {template: values[0] for template, values in path_parameters().items() if values}
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        strategies = {"made-up": operation.as_strategy()}
        if len(operation.query) or len(operation.path_parameters):
            strategies["invalid"] = operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)
        if operation.path in real:
            strategies["real"] = operation.as_strategy(path_parameters=real[operation.path])
        for kind, strategy in strategies.items():
            try:
                check_all(strategy, EXAMPLES[kind])
            # Every operation is tried and all failures shown; schemathesis
            # raises its failures as an exception group.
            except (Exception, BaseExceptionGroup) as error:
                summary = "".join(traceback.format_exception_only(error))
                failures.append(f"{operation.label} ({kind}): {summary}")

    assert failures == [], "\n\n".join(failures)
