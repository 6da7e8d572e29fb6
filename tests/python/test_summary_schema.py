"""docs/schema/summary.schema.json against summary.json files the real program writes: one run
and replications, with a cold chain (the plan) and without one (the two towns). And the schema
must say no to documents that break it, or it would accept anything."""

import copy
import json

import jsonschema
import pytest


@pytest.fixture(scope="module")
def validator(source_dir):
    schema = json.loads((source_dir / "docs/schema/summary.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def summaries(run_program, source_dir, tmp_path_factory):
    """summary.json of four real runs, by name."""
    out = tmp_path_factory.mktemp("summaries")
    plan = source_dir / "scenarios/shanxi-2021-plan.yaml"
    towns = source_dir / "tests/support/two-towns.yaml"
    runs = {
        "plan": [plan],
        "plan-replicated": [plan, "--replications", 2, "--threads", 2],
        "towns": [towns],
        "towns-replicated": [towns, "--replications", 3],
    }
    found = {}
    for name, args in runs.items():
        run_program("run", *args, "--out", out / name, "--quiet")
        found[name] = json.loads((out / name / "summary.json").read_text())
    return found


def errors(validator, document):
    return sorted(e.message for e in validator.iter_errors(document))


@pytest.mark.parametrize("name", ["plan", "plan-replicated", "towns", "towns-replicated"])
def test_every_summary_the_program_writes_matches_the_schema(validator, summaries, name):
    assert errors(validator, summaries[name]) == []


def test_the_outputs_cover_both_shapes_with_and_without_a_cold_chain(summaries):
    # Otherwise the test above would not check the parts of the schema it claims to.
    assert "network" in summaries["plan"] and "network" not in summaries["towns"]
    assert "network" in summaries["plan-replicated"]["typical"]
    assert "replications" in summaries["towns-replicated"] and "replications" not in summaries["towns"]


def test_the_schema_rejects_an_unknown_bottleneck_name(validator, summaries):
    doc = copy.deepcopy(summaries["towns"])
    doc["verdict"]["cities"][0]["main_bottleneck"] = "weather"
    assert errors(validator, doc) != []
    doc = copy.deepcopy(summaries["towns"])
    doc["verdict"]["short_city_days_by"]["weather"] = 3
    assert errors(validator, doc) != []


def test_the_schema_rejects_a_missing_verdict_field_and_a_wrong_type(validator, summaries):
    doc = copy.deepcopy(summaries["plan"])
    del doc["verdict"]["people_fully_by_deadline"]
    assert errors(validator, doc) != []
    doc = copy.deepcopy(summaries["plan"])
    doc["campaign"]["start"] = "3 June 2021"
    assert errors(validator, doc) != []
    doc = copy.deepcopy(summaries["towns-replicated"])
    doc["odds"][0]["p"] = 1.5
    assert errors(validator, doc) != []


def test_the_schema_tells_the_shapes_apart_by_the_replications_field(validator, summaries):
    doc = copy.deepcopy(summaries["towns"])
    doc["replications"] = 3  # one run's fields with a replicated marker: neither shape
    assert errors(validator, doc) != []


def test_the_schema_accepts_warnings_with_a_code_and_a_message_only(validator, summaries):
    doc = copy.deepcopy(summaries["towns"])
    doc["warnings"] = [{"code": "late-delivery", "message": "a delivery arrives after the end",
                        "field": "supply.deliveries[2]"}]
    assert errors(validator, doc) == []
    doc["warnings"] = [{"message": "no code"}]
    assert errors(validator, doc) != []


def test_the_schema_accepts_fields_added_later_as_its_version_promises(validator, summaries):
    doc = copy.deepcopy(summaries["plan"])
    doc["verdict"]["a_new_number"] = 4
    assert errors(validator, doc) == []
