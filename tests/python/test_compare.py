"""vaxsim compare DIR_A DIR_B on real outputs: one run against replications, the numbers it prints
are the summaries' own, compare.html holds both runs on the same charts; and clear refusals of
what is not a pair of runs."""

import json
import re
import xml.etree.ElementTree as ElementTree

import pytest

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def runs(run_program, source_dir, tmp_path_factory):
    """Two towns as written, one run; with half the desks, 3 replications; and a sweep."""
    out = tmp_path_factory.mktemp("runs")
    towns = source_dir / "tests/support/two-towns.yaml"
    run_program("run", towns, "--out", out / "one", "--quiet")
    run_program("run", towns, "--out", out / "other-seed", "--seed", 99, "--quiet")
    run_program("run", towns, "--replications", 3, "--out", out / "replicated", "--quiet")
    run_program("sweep", towns, "--vary", "sites[*].desks=1,2", "--out", out / "sweep", "--quiet")
    return out


def row(text, words):
    """The cells of the printed row that starts with these words."""
    for line in text.splitlines():
        if line.strip().startswith(words):
            return re.split(r"\s{2,}", line.strip())
    raise AssertionError(f"no row {words!r} in:\n{text}")


def test_compare_prints_both_runs_numbers_and_their_difference(run_program, runs, tmp_path):
    done = run_program("compare", runs / "one", runs / "other-seed", "--out", tmp_path)
    a = json.loads((runs / "one/summary.json").read_text())["verdict"]
    b = json.loads((runs / "other-seed/summary.json").read_text())["verdict"]
    cells = row(done.stdout, "people fully vaccinated by the deadline")
    assert cells[1:3] == [f"{a['people_fully_by_deadline']:,}", f"{b['people_fully_by_deadline']:,}"]
    difference = b["people_fully_by_deadline"] - a["people_fully_by_deadline"]
    assert cells[3] == ("same" if difference == 0 else f"{difference:+,}")
    assert "short for desks" in done.stdout or "short for supply" in done.stdout


def test_a_run_compared_with_itself_differs_in_nothing(run_program, runs, tmp_path):
    done = run_program("compare", runs / "one", runs / "one", "--out", tmp_path)
    table = done.stdout.split("\n\n")[1]
    for line in table.splitlines()[1:]:
        cells = re.split(r"\s{2,}", line.strip())
        assert cells[-1] == "same" or cells[1] in {"not reached", "-"}, line


def test_one_run_against_replications_shows_medians_and_the_chances(run_program, runs, tmp_path):
    done = run_program("compare", runs / "one", runs / "replicated", "--out", tmp_path)
    assert "3 replications" in done.stdout and "medians" in done.stdout
    replicated = json.loads((runs / "replicated/summary.json").read_text())
    people = next(n for n in replicated["key_numbers"] if n["key"] == "people_by_deadline")
    assert row(done.stdout, "people fully vaccinated by the deadline")[2] == f"{people['q50']:,}"
    every = next(o for o in replicated["odds"] if o["key"] == "all")
    assert row(done.stdout, "chance: " + every["what"])[1:3] == ["-", f"{every['p']:.0%}"]


def test_compare_html_draws_both_runs_on_the_same_charts(run_program, runs, tmp_path):
    run_program("compare", runs / "one", runs / "replicated", "--out", tmp_path)
    page = ElementTree.parse(tmp_path / "compare.html")  # well-formed XML, as the report
    charts = [svg for svg in page.iter(SVG + "svg")]
    assert [c.get("id") for c in charts] == ["fig-doses", "fig-people"]
    for chart in charts:
        text = " ".join(chart.itertext())
        assert f"A: {runs / 'one'}" in text and f"B: {runs / 'replicated'}" in text
        assert "5-95%" in text  # the replicated run's band
    assert "<script" not in (tmp_path / "compare.html").read_text()


def test_a_missing_directory_exits_2_naming_it(run_program, runs, tmp_path):
    done = run_program("compare", runs / "one", tmp_path / "nowhere", check=False)
    assert done.returncode == 2
    assert f"{tmp_path / 'nowhere'}: no such directory" in done.stderr


def test_a_directory_without_a_run_or_with_a_sweep_exits_1_saying_so(run_program, runs, tmp_path):
    done = run_program("compare", runs / "one", tmp_path, check=False)
    assert done.returncode == 1 and "holds no summary.json" in done.stderr
    done = run_program("compare", runs / "sweep", runs / "one", check=False)
    assert done.returncode == 1 and "holds a sweep" in done.stderr


def test_a_summary_that_is_not_vaxsims_exits_1_naming_the_file(run_program, runs, tmp_path):
    (tmp_path / "summary.json").write_text('{"hello": 1}')
    done = run_program("compare", runs / "one", tmp_path, "--out", tmp_path / "c", check=False)
    assert done.returncode == 1
    assert f"{tmp_path}/summary.json: not a vaxsim summary" in done.stderr
    assert not (tmp_path / "c").exists()  # nothing written
