"""Fuzz the API from its own OpenAPI schema with schemathesis: whatever a
client sends, valid for the schema or not, the answer is never a 5xx, and
documented answers match the documented shapes.

Bounded (a fixed number of examples per operation and a fixed seed for the
data) so the whole file stays well under a minute."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import checks  # noqa: E402

from bot import Bot  # noqa: E402
from bot.channels.web import Settings, create_app  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = 150  # per operation and generation mode

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    APP = create_app(Bot.load(REPO), Settings(max_sessions=500))
    schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
schema.config.generation.update(max_examples=EXAMPLES)

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
    checks.positive_data_acceptance,
]


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_never_fails_on_what_clients_send(case):
    case.call_and_validate(checks=CHECKS)
