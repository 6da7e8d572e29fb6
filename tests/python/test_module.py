"""The module `vaxsim` gives what the program gives: the same files, byte for byte, and the same
numbers in its DataFrames, for the same scenario, changes, seed and replications."""

import json
import threading
import time

import pandas as pd
import pytest

import vaxsim


@pytest.fixture(scope="module")
def towns(source_dir):
    return str(source_dir / "tests/support/two-towns.yaml")


def read_bytes(directory, name):
    return (directory / name).read_bytes()


def test_a_run_from_python_writes_the_programs_four_files_byte_for_byte(run_program, towns,
                                                                        tmp_path):
    run_program("run", towns, "--seed", 11, "--replication", 2, "--out", tmp_path / "program",
                "--quiet")
    result = vaxsim.run(vaxsim.load_scenario(towns), seed=11, replication=2)
    result.write(tmp_path / "module")
    for name in ["city_days.csv", "supply_nodes.csv", "summary.json", "report.html"]:
        assert read_bytes(tmp_path / "module", name) == read_bytes(tmp_path / "program", name), name


def test_a_runs_dataframes_equal_the_programs_csv_files_value_for_value(run_program, towns,
                                                                       tmp_path):
    run_program("run", towns, "--threads", 2, "--out", tmp_path, "--quiet")
    result = vaxsim.run(vaxsim.load_scenario(towns), threads=2)  # the scenario's seed, as above
    program_days = pd.read_csv(tmp_path / "city_days.csv", float_precision="round_trip",
                               keep_default_na=False)
    pd.testing.assert_frame_equal(result.city_days, program_days, check_exact=True)
    program_nodes = pd.read_csv(tmp_path / "supply_nodes.csv", float_precision="round_trip")
    pd.testing.assert_frame_equal(result.supply_nodes, program_nodes, check_exact=True)
    assert result.verdict == json.loads((tmp_path / "summary.json").read_text())["verdict"]


def test_city_days_has_the_documented_columns_and_a_province_row_per_day(towns):
    scenario = vaxsim.load_scenario(towns)
    days = vaxsim.run(scenario).city_days
    assert list(days.columns[:3]) == ["date", "city", "first_doses"]
    assert days.columns[-1] == "bottleneck"
    assert set(days["city"]) == set(scenario.cities) | {"PROVINCE"}
    province = days[days["city"] == "PROVINCE"]
    assert len(province) == len(days) // (len(scenario.cities) + 1)
    first = days[days["city"] != "PROVINCE"].groupby("date")["first_doses"].sum()
    assert (first.values == province["first_doses"].values).all()


def test_replications_from_python_equal_the_programs_replicated_files(run_program, towns,
                                                                       tmp_path):
    run_program("run", towns, "--replications", 4, "--seed", 5, "--replication", 3, "--threads", 2,
                "--daily-by", "2021-06-01", "--out", tmp_path / "program", "--quiet")
    replicated = vaxsim.replicate(vaxsim.load_scenario(towns), replications=4, seed=5,
                                  first_replication=3, threads=2, daily_by="2021-06-01")
    replicated.write(tmp_path / "module")
    for name in ["city_days_quantiles.csv", "summary.json", "report.html"]:
        assert read_bytes(tmp_path / "module", name) == read_bytes(tmp_path / "program", name), name
    odds = replicated.odds
    assert list(odds.columns) == ["key", "what", "successes", "replications", "p", "lo", "hi"]
    assert replicated.chance("all") == odds.set_index("key").loc["all", "p"]
    with pytest.raises(KeyError, match="the targets are"):
        replicated.chance("no-such-target")


def test_a_sweep_from_python_equals_the_programs_sweep_csv(run_program, towns, tmp_path):
    run_program("sweep", towns, "--replications", 2, "--seed", 3,
                "--vary", "sites[*].hours[-1].close=18:00,22:00", "--vary", "sites[*].desks=+0%,-50%",
                "--out", tmp_path, "--quiet")
    table = vaxsim.sweep(vaxsim.load_scenario(towns),
                         {"sites[*].hours[-1].close": ["18:00", "22:00"],
                          "sites[*].desks": ["+0%", "-50%"]},
                         replications=2, seed=3)
    program = pd.read_csv(tmp_path / "sweep.csv", float_precision="round_trip",
                          keep_default_na=False, na_values=[""])
    pd.testing.assert_frame_equal(table, program, check_exact=True)
    assert len(table) == 4


def test_overrides_given_to_load_scenario_or_set_change_the_run_alike(towns):
    by_load = vaxsim.load_scenario(towns, {"sites[*].desks": "-50%", "seed": 9})
    by_set = vaxsim.load_scenario(towns)
    by_set.set("sites[*].desks", "-50%")
    by_set.set("seed", 9)  # a number, written as the file would
    assert by_load.overrides == by_set.overrides == ["sites[*].desks=-50%", "seed=9"]
    assert by_load.seed == by_set.seed == 9
    by_pairs = vaxsim.load_scenario(towns, [("sites[*].desks", "-50%"), ("seed", 9)])
    assert by_pairs.overrides == by_set.overrides
    fewer_desks = vaxsim.run(by_set).city_days
    assert vaxsim.run(by_load).city_days.equals(fewer_desks)
    assert not vaxsim.run(vaxsim.load_scenario(towns)).city_days.equals(fewer_desks)


def test_a_scenarios_attributes_are_the_files(towns):
    s = vaxsim.load_scenario(towns)
    assert (s.name, s.seed, s.start, s.end) == ("two towns", 7, "2021-05-01", "2021-06-11")
    assert s.cities == ["North", "South"]
    assert s.path == towns and s.overrides == []


def test_a_rejected_change_raises_the_programs_message_and_leaves_the_scenario_as_it_was(towns):
    s = vaxsim.load_scenario(towns)
    with pytest.raises(vaxsim.ScenarioError, match="hourz"):
        s.set("sites[*].hourz[-1].close", "20:00")
    assert s.overrides == []
    with pytest.raises(ValueError):  # ScenarioError is a ValueError
        vaxsim.load_scenario(towns, {"sites[*].desks": "-150%"})


def test_a_missing_scenario_file_raises_scenario_error_naming_it(tmp_path):
    with pytest.raises(vaxsim.ScenarioError, match="nowhere.yaml"):
        vaxsim.load_scenario(tmp_path / "nowhere.yaml")


def test_a_run_releases_the_gil_so_other_python_threads_go_on(source_dir):
    plan = vaxsim.load_scenario(source_dir / "scenarios/shanxi-2021-plan.yaml")
    ticks = 0
    worker = threading.Thread(target=lambda: vaxsim.run(plan))
    started = time.monotonic()
    worker.start()
    while worker.is_alive():
        ticks += 1
        time.sleep(0.005)
    seconds = time.monotonic() - started
    # Holding the GIL, the run would stop this loop for its whole length (a second or more) and it
    # would count once or twice; released, it counts every few milliseconds (allow a busy machine
    # one count in 50 ms).
    assert seconds > 0.3, "the run was too short to tell"
    assert ticks > max(10, seconds / 0.05)


def test_a_calibration_from_python_writes_the_programs_three_files_byte_for_byte(run_program,
                                                                               towns, tmp_path):
    record = tmp_path / "record.csv"
    record.write_text(
        "date,place,doses_cumulative,people_one_dose_plus,people_fully,doses_that_day,source\n"
        "2021-05-08,PROVINCE,3000,3000,,,made up\n"
        "2021-05-22,PROVINCE,9000,8800,200,800,made up\n"
        "2021-06-05,PROVINCE,16000,12000,4000,,made up\n")
    fit = ["sites[*].service_minutes.lognormal.mean=3..8",
           "supply.deliveries[0].doses=x0.5..x1.5"]
    run_program("calibrate", towns, "--observed", record, "--fit", fit[0], "--fit", fit[1],
                "--until", "2021-05-22", "--replications", 2, "--forecast-replications", 3,
                "--max-evaluations", 10, "--threads", 2, "--out", tmp_path / "program", "--quiet")
    calibration = vaxsim.calibrate(vaxsim.load_scenario(towns), record, fit, until="2021-05-22",
                                   replications=2, forecast_replications=3, max_evaluations=10,
                                   threads=2)
    calibration.write(tmp_path / "module")
    for name in ["calibrated.yaml", "calibration.json", "calibration.html"]:
        assert read_bytes(tmp_path / "module", name) == read_bytes(tmp_path / "program", name), name
    estimates = calibration.estimates
    assert list(estimates["key"]) == [fit[0].split("=")[0], fit[1].split("=")[0]]
    assert ((estimates["lo"] <= estimates["value"]) & (estimates["value"] <= estimates["hi"])).all()

