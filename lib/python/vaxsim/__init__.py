"""vaxsim from Python: load a scenario, change it, run it, read the results as pandas DataFrames.

    import vaxsim
    s = vaxsim.load_scenario("scenarios/shanxi-2021-june.yaml",
                             {"sites[*].hours[-1].close": "20:00"})
    s.set("sites[*].desks", "-25%")
    r = vaxsim.run(s, seed=7, threads=2)
    r.city_days            # DataFrame: city_days.csv, one row per city and day, and PROVINCE rows
    r.verdict["daily_first_reached"]
    r.write("out/what-if")  # report.html, city_days.csv, supply_nodes.csv, summary.json

    odds = vaxsim.replicate(s, replications=20, threads=2).odds   # chance of each target

Every result is the one the vaxsim program gives for the same scenario, overrides, seed and
replications (same numbers, same files): the compiled part runs the same library and writes the
same text, which is read here into DataFrames. Runs release the GIL; Ctrl-C stops a run at the end
of the simulated day and raises KeyboardInterrupt. Formats: docs/output-format.md.
"""

from __future__ import annotations

import io as _io
import json as _json
from typing import Mapping, Optional, Sequence

import pandas as _pd

from . import _vaxsim
from ._vaxsim import Scenario, ScenarioError

__all__ = ["Scenario", "ScenarioError", "Result", "Replicated", "Calibration", "load_scenario", "run",
           "replicate", "sweep", "calibrate", "SUMMARY_SCHEMA_VERSION"]

SUMMARY_SCHEMA_VERSION = _vaxsim.summary_schema_version


def _value_text(value) -> str:
    """An override's value as the scenario syntax writes it: text as it is, numbers and booleans
    as YAML reads them (True -> "true"), lists as YAML flow lists."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value_text(v) for v in value) + "]"
    return str(value)


def _set(self: Scenario, key: str, value) -> None:
    """Applies one more override, KEY = VALUE (text, a number, a list...), and checks the
    scenario again; raises ScenarioError and leaves the scenario as it was when it is rejected."""
    _compiled_set(self, str(key), _value_text(value))


_compiled_set = Scenario.set
Scenario.set = _set


def load_scenario(path, overrides=None) -> Scenario:
    """Reads and checks a scenario file, with overrides {KEY: VALUE} (or [(KEY, VALUE), ...])
    applied in order (the syntax of `vaxsim sweep --vary`, docs/scenario-format.md#overrides). Raises ScenarioError (a
    ValueError) with the program's file:line:col message when the scenario is rejected.

    The Scenario has .name, .description, .seed, .start, .end, .cities, .sites, .daily_target,
    .deadline, .people_fully_vaccinated_target, .assumptions, .overrides; .set(KEY, VALUE)
    applies one more override (and checks the scenario again)."""
    items = overrides.items() if isinstance(overrides, Mapping) else (overrides or [])
    pairs = [(str(k), _value_text(v)) for k, v in items]
    return Scenario(str(path), pairs)


def _read_csv(text: str) -> _pd.DataFrame:
    # round_trip: the files write the shortest text that reads back to the same double, and this
    # reads it back to that double (pandas' default parser may differ in the last bit).
    # Only empty cells and "nan" are missing: a bottleneck "none" or a city "NA" stay text.
    return _pd.read_csv(_io.StringIO(text), float_precision="round_trip", keep_default_na=False,
                        na_values=["", "nan"])


class Result:
    """One replication: the tables and the verdict of `vaxsim run`."""

    def __init__(self, compiled: _vaxsim.RunResult):
        self._compiled = compiled
        self.summary: dict = _json.loads(compiled.summary_json)
        """summary.json as a dict (docs/output-format.md#summaryjson)."""

    @property
    def city_days(self) -> _pd.DataFrame:
        """city_days.csv: date, city (PROVINCE rows too), every measure, bottleneck."""
        return _read_csv(self._compiled.city_days_csv)

    @property
    def supply_nodes(self) -> _pd.DataFrame:
        """supply_nodes.csv: every place's doses, day by day."""
        return _read_csv(self._compiled.supply_nodes_csv)

    @property
    def verdict(self) -> dict:
        """The verdict, as summary.json's "verdict"."""
        return self.summary["verdict"]

    @property
    def text(self) -> str:
        """The verdict in plain words, as the program prints it."""
        return self._compiled.verdict_text

    def write(self, directory) -> None:
        """Writes report.html, city_days.csv, supply_nodes.csv and summary.json into the
        directory (created if needed), each file atomically, as `vaxsim run --out` does."""
        self._compiled.write(str(directory))

    def __repr__(self) -> str:
        v = self.verdict
        return (f"<vaxsim.Result {self.summary['scenario']['name']!r}: "
                f"{v['people_fully_by_deadline']:,} fully vaccinated by {v['deadline']}>")


class Replicated:
    """R replications: the odds of every target and the spread, as `vaxsim run --replications R`."""

    def __init__(self, compiled: _vaxsim.ReplicatedResult):
        self._compiled = compiled
        self.summary: dict = _json.loads(compiled.summary_json)

    @property
    def odds(self) -> _pd.DataFrame:
        """One row per target: key, what, successes, replications, p, lo, hi (Wilson 95%)."""
        return _pd.DataFrame(self.summary["odds"])

    @property
    def key_dates(self) -> _pd.DataFrame:
        return _pd.DataFrame(self.summary["key_dates"])

    @property
    def key_numbers(self) -> _pd.DataFrame:
        return _pd.DataFrame(self.summary["key_numbers"])

    @property
    def city_days_quantiles(self) -> _pd.DataFrame:
        return _read_csv(self._compiled.city_days_quantiles_csv)

    @property
    def text(self) -> str:
        return self._compiled.odds_text

    def chance(self, key: str) -> float:
        """The chance of one target by its key ("daily_reached", "people", "city[Taiyuan]")."""
        for row in self.summary["odds"]:
            if row["key"] == key:
                return row["p"]
        known = ", ".join(row["key"] for row in self.summary["odds"])
        raise KeyError(f"no target {key!r}; the targets are: {known}")

    def write(self, directory) -> None:
        """Writes report.html, city_days_quantiles.csv and summary.json, as the program does."""
        self._compiled.write(str(directory))


def run(scenario: Scenario, seed: Optional[int] = None, replication: int = 0,
        threads: int = 1) -> Result:
    """Runs one replication (the scenario's seed unless one is given); the same as `vaxsim run
    SCENARIO --seed SEED --replication N --threads T`."""
    return Result(_vaxsim.run(scenario, seed, replication, threads))


def replicate(scenario: Scenario, replications: int, seed: Optional[int] = None,
              first_replication: int = 0, threads: int = 1, daily_by: Optional[str] = None,
              city_days: int = 1) -> Replicated:
    """Runs replications first_replication .. + replications - 1 (at least 2) in parallel on
    `threads`; the same as `vaxsim run SCENARIO --replications R ...`."""
    return Replicated(_vaxsim.replicate(scenario, replications, seed, first_replication, threads,
                                        daily_by, city_days))


def sweep(scenario: Scenario, vary: Mapping[str, Sequence[object]], replications: int = 1,
          seed: Optional[int] = None, first_replication: int = 0, threads: int = 1,
          daily_by: Optional[str] = None, city_days: int = 1) -> _pd.DataFrame:
    """The odds at every point of a grid {KEY: [V1, V2, ...]} (the first key varying slowest),
    with common random numbers: `vaxsim sweep SCENARIO --vary KEY=V1,V2 ...`, sweep.csv as a
    DataFrame, one row per point."""
    axes = [(str(k), [_value_text(v) for v in values]) for k, values in vary.items()]
    compiled = _vaxsim.sweep(scenario, axes, replications, seed, first_replication, threads,
                             daily_by, city_days)
    return _read_csv(compiled.sweep_csv)


class Calibration:
    """What `vaxsim calibrate` writes: the fit (a dict, calibration.json), its text, and the
    calibrated scenario's text; `write(directory)` writes the program's three files."""

    def __init__(self, compiled: _vaxsim.CalibrationResult):
        self._compiled = compiled

    @property
    def fit(self) -> dict:
        return _json.loads(self._compiled.calibration_json)

    @property
    def estimates(self) -> _pd.DataFrame:
        """One row per parameter: key, value, interval, determined."""
        rows = [{"key": e["key"], "value": e["value"], "lo": e["interval"][0],
                 "hi": e["interval"][1], "determined": e["determined"]}
                for e in self.fit["estimates"]]
        return _pd.DataFrame(rows)

    @property
    def calibrated_yaml(self) -> str:
        return self._compiled.calibrated_yaml

    @property
    def text(self) -> str:
        return self._compiled.text

    def write(self, directory) -> None:
        """Writes calibrated.yaml, calibration.json and calibration.html, as the program does."""
        self._compiled.write(str(directory))


def calibrate(scenario: Scenario, observed, fit: Sequence[str], until: Optional[str] = None,
              replications: int = 10, forecast_replications: int = 20, seed: Optional[int] = None,
              threads: int = 1, max_evaluations: int = 150, observation_error: float = 0.02,
              day_error: float = 0.25) -> Calibration:
    """Fits scenario parameters to a record of progress: the same as `vaxsim calibrate SCENARIO
    --observed FILE --fit KEY=LO..HI ...` with the same options (and the same files)."""
    return Calibration(_vaxsim.calibrate(scenario, str(observed), [str(f) for f in fit], until,
                                         replications, forecast_replications, seed, threads,
                                         max_evaluations, observation_error, day_error))

