"""docs/schema/summary.schema.json against summary.json files the real program writes: one run
and replications, with a cold chain and without one (the two towns, small enough to run under the
sanitizers too). And the schema must say no to documents that break it, or it would accept
anything."""

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
    towns = source_dir / "tests/support/two-towns.yaml"
    # The towns again, supplied over a cold chain of one truck a day per city: the network fields,
    # and links binding on days short of supply.
    chained = out / "two-towns-cold-chain.yaml"
    chained.write_text(towns.read_text().replace("\ntargets:\n", """
  cold_chain:
    province: Province store
    links:
      all: {lead_days: 1, trucks: 1, doses_per_truck: 1500, trips_per_day: 1}
targets:
""", 1))
    # The towns with a value outside its plausible range: a located warning (the scenario's,
    # written first), then the run's (replications without uncertainty).
    warned = out / "two-towns-warned.yaml"
    warned.write_text(towns.read_text().replace("    desks: 2\n",
                                                "    desks: 2\n    observation_minutes: 150\n", 1))
    runs = {
        "chained": [chained],
        "chained-replicated": [chained, "--replications", 2, "--threads", 2],
        "towns": [towns],
        "towns-replicated": [towns, "--replications", 3],
        "warned-replicated": [warned, "--replications", 2],
    }
    found = {}
    for name, args in runs.items():
        run_program("run", *args, "--out", out / name, "--quiet")
        found[name] = json.loads((out / name / "summary.json").read_text())
    return found


def errors(validator, document):
    return sorted(e.message for e in validator.iter_errors(document))


@pytest.mark.parametrize("name", ["chained", "chained-replicated", "towns", "towns-replicated",
                                  "warned-replicated"])
def test_every_summary_the_program_writes_matches_the_schema(validator, summaries, name):
    assert errors(validator, summaries[name]) == []


def test_the_outputs_cover_both_shapes_with_and_without_a_cold_chain(summaries):
    # Otherwise the test above would not check the parts of the schema it claims to.
    assert "network" in summaries["chained"] and "network" not in summaries["towns"]
    assert summaries["chained"]["verdict"]["binding_links"] != []
    assert "network" in summaries["chained-replicated"]["typical"]
    assert "replications" in summaries["towns-replicated"] and "replications" not in summaries["towns"]


def test_the_schema_rejects_an_unknown_bottleneck_name(validator, summaries):
    doc = copy.deepcopy(summaries["towns"])
    doc["verdict"]["cities"][0]["main_bottleneck"] = "weather"
    assert errors(validator, doc) != []
    doc = copy.deepcopy(summaries["towns"])
    doc["verdict"]["short_city_days_by"]["weather"] = 3
    assert errors(validator, doc) != []


def test_the_schema_rejects_a_missing_verdict_field_and_a_wrong_type(validator, summaries):
    doc = copy.deepcopy(summaries["chained"])
    del doc["verdict"]["people_fully_by_deadline"]
    assert errors(validator, doc) != []
    doc = copy.deepcopy(summaries["chained"])
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


def test_a_scenarios_warning_is_located_and_comes_before_the_runs(summaries):
    codes = [w["code"] for w in summaries["warned-replicated"]["warnings"]]
    assert codes[:2] == ["implausible_value", "replications_without_uncertainty"]
    first, second = summaries["warned-replicated"]["warnings"][:2]
    assert first["file"].endswith("two-towns-warned.yaml") and first["line"] > 0
    assert first["column"] > 0 and first["field"] == "sites[0].observation_minutes"
    assert "file" not in second and "line" not in second


def test_the_schema_rejects_a_warning_located_by_half_or_with_a_text_line(validator, summaries):
    doc = copy.deepcopy(summaries["warned-replicated"])
    del doc["warnings"][0]["line"]
    assert errors(validator, doc) != []
    doc = copy.deepcopy(summaries["warned-replicated"])
    doc["warnings"][0]["line"] = "23"
    assert errors(validator, doc) != []


def test_the_schema_accepts_fields_added_later_as_its_version_promises(validator, summaries):
    doc = copy.deepcopy(summaries["chained"])
    doc["verdict"]["a_new_number"] = 4
    assert errors(validator, doc) == []
