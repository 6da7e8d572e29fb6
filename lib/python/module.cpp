// The Python module's compiled part, `vaxsim._vaxsim`: scenarios, runs, replications and sweeps,
// each producing exactly the text the vaxsim program writes (city_days.csv, summary.json, ...).
// The pure-Python package beside it (lib/python/vaxsim/__init__.py) turns that text into pandas
// DataFrames and dicts, so a notebook and the program read one format, written by one writer.
//
// Runs release the GIL, and Ctrl-C stops them cleanly (run_interruptibly, below).

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "vaxsim/fit/calibrate.hpp"
#include "vaxsim/io/observed.hpp"
#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/atomic_file.hpp"
#include "vaxsim/report/calibration_report.hpp"
#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/ensemble_report.hpp"
#include "vaxsim/report/html_report.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/report/sweep_report.hpp"
#include "vaxsim/report/verdict_text.hpp"
#include "vaxsim/run/ensemble.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/sweep.hpp"
#include "vaxsim/run/target_odds.hpp"
#include "vaxsim/sim/calendar.hpp"

namespace py = pybind11;
namespace fs = std::filesystem;

namespace vaxsim::python {
namespace {

// --- Ctrl-C ---------------------------------------------------------------------------------
//
// Python runs its signal handlers only on the main thread, and only when that thread asks
// (PyErr_CheckSignals, with the GIL held). The library's progress callbacks come from whichever
// worker thread finished a day. So the work runs on a thread of its own while the calling (main)
// thread waits with the GIL released, waking ten times a second to let Python look at its
// signals; a KeyboardInterrupt sets a flag that the run's ProgressObserver turns into "stop" at
// the end of the day (model::Cancelled), and the KeyboardInterrupt is then raised to the caller.

class StopWhenAsked : public model::ProgressObserver {
 public:
  explicit StopWhenAsked(const std::atomic<bool>& stop) : stop_(stop) {}
  bool on_day(int, int) override { return !stop_.load(); }

 private:
  const std::atomic<bool>& stop_;
};

template <class Work>
auto run_interruptibly(Work work) {
  std::atomic<bool> stop{false};
  StopWhenAsked observer(stop);
  using Value = decltype(work(&observer));
  std::future<Value> done;
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    done = std::async(std::launch::async, [&] { return work(&observer); });
    while (done.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
      if (interrupted) continue;  // stop asked; waiting for the day to end
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) {  // the handler raised (KeyboardInterrupt): keep it
        interrupted = true;
        stop = true;
      }
    }
  }
  if (interrupted) {
    try {
      (void)done.get();  // model::Cancelled, or the result of a run that ended anyway
    } catch (const model::Cancelled&) {
    }
    throw py::error_already_set();  // the KeyboardInterrupt Python raised
  }
  return done.get();
}

// --- Scenarios ------------------------------------------------------------------------------

/// A scenario file with the overrides applied to it, in the order given. Each change reloads the
/// file with all overrides, so a changed scenario is checked exactly as a written one is.
class Scenario {
 public:
  Scenario(std::string path, std::vector<io::Override> overrides)
      : path_(std::move(path)),
        overrides_(std::move(overrides)),
        loaded_(io::load_scenario(path_, overrides_)) {}

  void set(const std::string& key, const std::string& value) {
    std::vector<io::Override> changed = overrides_;
    changed.push_back({key, value});
    loaded_ = io::load_scenario(path_, changed);  // throws before anything changes
    overrides_ = std::move(changed);
  }

  const std::string& path() const { return path_; }
  const std::vector<io::Override>& overrides() const { return overrides_; }
  const io::Scenario& loaded() const { return loaded_; }
  const model::CampaignConfig& config() const { return loaded_.campaign; }

  /// What the outputs say was run, as the program says it (lib/cli/run_command.cpp).
  report::RunInfo info(std::uint64_t seed, std::uint64_t first_replication) const {
    report::RunInfo info;
    info.scenario_file = path_;
    info.description = loaded_.description;
    info.seed = seed;
    info.replication = first_replication;
    for (const io::Assumption& a : loaded_.assumptions) {
      info.assumptions.push_back({a.what, a.value, a.source});
    }
    for (const io::ScenarioWarning& w : loaded_.warnings) {  // located, as the program keeps them
      info.warnings.push_back({w.code, w.message, w.file, w.line, w.column, w.field});
    }
    return info;
  }

 private:
  std::string path_;
  std::vector<io::Override> overrides_;
  io::Scenario loaded_;
};

std::vector<io::Override> overrides_from(
    const std::vector<std::pair<std::string, std::string>>& kv) {
  std::vector<io::Override> out;
  for (const auto& [key, value] : kv) out.push_back({key, value});
  return out;
}

std::uint64_t seed_or_scenarios(const std::optional<std::uint64_t>& seed, const Scenario& s) {
  return seed ? *seed : s.loaded().seed;
}

run::OddsOptions odds_options(const std::optional<std::string>& daily_by, int city_days) {
  run::OddsOptions o;
  if (daily_by) o.daily_by = sim::parse_date(*daily_by);
  o.city_days = city_days;
  return o;
}

void write_files(const fs::path& dir,
                 const std::vector<std::pair<std::string, std::string>>& files) {
  fs::create_directories(dir);
  for (const auto& [name, text] : files) report::write_file_atomically(dir / name, text);
}

// --- One run --------------------------------------------------------------------------------

/// One replication and every text the program writes for it, made once.
struct RunResult {
  std::string city_days_csv;
  std::string supply_nodes_csv;
  std::string summary_json;
  std::string verdict_text;
  std::string report_html;

  void write(const fs::path& dir) const {
    write_files(dir, {{"city_days.csv", city_days_csv},
                      {"supply_nodes.csv", supply_nodes_csv},
                      {"summary.json", summary_json},
                      {"report.html", report_html}});
  }
};

RunResult run_one(const Scenario& scenario, std::optional<std::uint64_t> seed,
                  std::uint64_t replication, int threads) {
  model::RunOptions options;
  options.seed = seed_or_scenarios(seed, scenario);
  options.replication = replication;
  options.threads = threads;
  const model::CampaignConfig& config = scenario.config();
  return run_interruptibly([&](model::ProgressObserver* progress) {
    model::RunOptions with_progress = options;
    with_progress.progress = progress;
    const model::CampaignResult result = model::run_campaign(config, with_progress);
    const model::Verdict verdict = model::judge(config, result);
    const report::RunInfo info = scenario.info(options.seed, options.replication);
    return RunResult{report::city_days_csv(result.table),
                     report::supply_nodes_csv(result.supply, result.table.start()),
                     report::summary_json(info, config, result, verdict),
                     report::verdict_text(config, result, verdict),
                     report::html_report(info, config, result, verdict)};
  });
}

// --- Replications ---------------------------------------------------------------------------

/// R replications and the texts of `vaxsim run --replications R`.
struct ReplicatedResult {
  std::string city_days_quantiles_csv;
  std::string summary_json;
  std::string odds_text;
  std::string report_html;

  void write(const fs::path& dir) const {
    write_files(dir, {{"city_days_quantiles.csv", city_days_quantiles_csv},
                      {"summary.json", summary_json},
                      {"report.html", report_html}});
  }
};

ReplicatedResult replicate(const Scenario& scenario, int replications,
                           std::optional<std::uint64_t> seed, std::uint64_t first_replication,
                           int threads, const std::optional<std::string>& daily_by, int city_days) {
  if (replications < 2) throw py::value_error("replications must be at least 2; use run()");
  run::ReplicationOptions options;
  options.seed = seed_or_scenarios(seed, scenario);
  options.first_replication = first_replication;
  options.replications = replications;
  options.threads = threads;
  const run::OddsOptions odds_for = odds_options(daily_by, city_days);
  const model::CampaignConfig& config = scenario.config();
  return run_interruptibly([&](model::ProgressObserver* progress) {
    run::ReplicationOptions with_progress = options;
    with_progress.progress = progress;
    const std::vector<model::CampaignResult> results = run::run_replications(config, with_progress);
    std::vector<model::Verdict> verdicts;
    for (const model::CampaignResult& r : results) verdicts.push_back(model::judge(config, r));
    const run::Odds odds = run::target_odds(config, verdicts, odds_for);
    const run::Ensemble ensemble(results);
    report::RunInfo info = scenario.info(options.seed, options.first_replication);
    if (auto w = run::replications_without_uncertainty(config, options.replications)) {
      info.warnings.push_back(std::move(*w));  // as the program's summary.json has it
    }
    const std::size_t typical = report::typical_index(verdicts);
    const report::TypicalRun typical_run{options.first_replication + typical, &results[typical],
                                         &verdicts[typical]};
    return ReplicatedResult{
        report::city_days_quantiles_csv(ensemble),
        report::ensemble_summary_json(info, config, ensemble, odds, &typical_run),
        report::odds_text(info, config, odds),
        report::replicated_html_report(info, config, ensemble, odds, typical_run)};
  });
}

// --- Sweeps ---------------------------------------------------------------------------------

struct SweepResult {
  std::string sweep_csv;
  std::string text;

  void write(const fs::path& dir) const { write_files(dir, {{"sweep.csv", sweep_csv}}); }
};

/// `vaxsim sweep`: every point is the scenario (with its own overrides) plus the point's
/// settings, loaded and checked before anything runs, as the program does.
SweepResult sweep(const Scenario& scenario,
                  const std::vector<std::pair<std::string, std::vector<std::string>>>& vary,
                  int replications, std::optional<std::uint64_t> seed,
                  std::uint64_t first_replication, int threads,
                  const std::optional<std::string>& daily_by, int city_days) {
  std::vector<run::Axis> axes;
  for (const auto& [key, values] : vary) axes.push_back({key, values});
  const std::vector<std::vector<run::Setting>> points = run::grid(axes);
  std::vector<model::CampaignConfig> configs;
  std::vector<std::uint64_t> seeds;
  for (const std::vector<run::Setting>& point : points) {
    std::vector<io::Override> overrides = scenario.overrides();
    for (const run::Setting& s : point) overrides.push_back({s.key, s.value});
    io::Scenario loaded = io::load_scenario(scenario.path(), overrides);
    seeds.push_back(seed ? *seed : loaded.seed);
    configs.push_back(std::move(loaded.campaign));
  }
  run::ReplicationOptions options;
  options.first_replication = first_replication;
  options.replications = replications;
  options.threads = threads;
  const run::OddsOptions odds_for = odds_options(daily_by, city_days);
  const std::vector<run::Odds> odds = run_interruptibly([&](model::ProgressObserver* progress) {
    run::ReplicationOptions with_progress = options;
    with_progress.progress = progress;
    return run::run_sweep(configs, seeds, with_progress, odds_for);
  });
  return SweepResult{report::sweep_csv(axes, points, odds),
                     report::sweep_text(scenario.config().name, axes, points, odds)};
}

// --- Calibration ----------------------------------------------------------------------------

/// `vaxsim calibrate`'s three files, made once.
struct CalibrationResult {
  std::string calibrated_yaml;
  std::string calibration_json;
  std::string calibration_html;
  std::string text;

  void write(const fs::path& dir) const {
    write_files(dir, {{"calibrated.yaml", calibrated_yaml},
                      {"calibration.json", calibration_json},
                      {"calibration.html", calibration_html}});
  }
};

/// `vaxsim calibrate SCENARIO --observed FILE --fit ...`: the same search from the same start
/// (the file's values, fit::start_values) with the same seed, so the same files. The scenario's
/// own overrides apply under the fitted ones and are written into calibrated.yaml with them.
CalibrationResult calibrate(const Scenario& scenario, const std::string& observed_file,
                            const std::vector<std::string>& fit_texts,
                            const std::optional<std::string>& until, int replications,
                            int forecast_replications, std::optional<std::uint64_t> seed,
                            int threads, int max_evaluations, double observation_error,
                            double day_error) {
  std::vector<fit::FitParameter> parameters;
  for (const std::string& text : fit_texts) parameters.push_back(fit::parse_fit_parameter(text));
  for (const fit::FitParameter& p : parameters) {  // each key must lead somewhere
    std::vector<io::Override> probe = scenario.overrides();
    for (io::Override& o : p.at((p.lo + p.hi) / 2)) probe.push_back(std::move(o));
    (void)io::load_scenario(scenario.path(), probe);
  }
  const io::ObservedProgress observed = io::load_observed(observed_file);
  std::vector<std::string> cities;
  for (const model::City& c : scenario.config().cities) cities.push_back(c.name);
  io::check_places(observed, cities);

  fit::CalibrationOptions options;
  options.seed = seed_or_scenarios(seed, scenario);
  options.replications = replications;
  options.forecast_replications = forecast_replications;
  options.threads = threads;
  options.max_evaluations = max_evaluations;
  options.observation_error = observation_error;
  options.day_error = day_error;
  options.start = fit::start_values(scenario.path(), parameters);
  if (until) options.until = sim::parse_date(*until);
  const fit::ScenarioMaker make = [&](std::span<const io::Override> fitted) {
    std::vector<io::Override> all = scenario.overrides();
    all.insert(all.end(), fitted.begin(), fitted.end());
    return io::load_scenario(scenario.path(), all).campaign;
  };
  const fit::Calibration fit = run_interruptibly([&](model::ProgressObserver* progress) {
    fit::CalibrationOptions with_progress = options;
    with_progress.progress = [progress](int done, int most) {
      return progress->on_day(done, most);
    };
    return fit::calibrate(make, parameters, observed, with_progress);
  });
  const report::CalibrationInfo info{scenario.path(), observed_file, scenario.config().name,
                                     options.seed};
  std::vector<io::Override> written = scenario.overrides();
  for (const io::Override& o : fit.overrides()) written.push_back(o);
  return CalibrationResult{report::calibration_comment(info, fit) + "#\n" +
                               io::write_overrides(fs::path(scenario.path()), written),
                           report::calibration_json(info, fit), report::calibration_html(info, fit),
                           report::calibration_text(info, fit)};
}

}  // namespace
}  // namespace vaxsim::python

PYBIND11_MODULE(_vaxsim, m) {
  using namespace vaxsim;
  using namespace vaxsim::python;
  m.doc() = "vaxsim's compiled part; use the package `vaxsim`, which wraps it.";
  m.attr("summary_schema_version") = report::kSummarySchemaVersion;

  // A rejected scenario is a ValueError whose message is the program's file:line:col message.
  py::register_exception<io::ScenarioError>(m, "ScenarioError", PyExc_ValueError);

  py::class_<Scenario>(m, "Scenario")
      .def(py::init([](const std::string& path,
                       const std::vector<std::pair<std::string, std::string>>& overrides) {
             return Scenario(path, overrides_from(overrides));
           }),
           py::arg("path"), py::arg("overrides"))
      .def("set", &Scenario::set, py::arg("key"), py::arg("value"))
      .def_property_readonly("path", &Scenario::path)
      .def_property_readonly("overrides",
                             [](const Scenario& s) {
                               std::vector<std::string> out;
                               for (const io::Override& o : s.overrides()) {
                                 out.push_back(io::to_string(o));
                               }
                               return out;
                             })
      .def_property_readonly("name", [](const Scenario& s) { return s.config().name; })
      .def_property_readonly("description",
                             [](const Scenario& s) { return s.loaded().description; })
      .def_property_readonly("seed", [](const Scenario& s) { return s.loaded().seed; })
      .def_property_readonly("start",
                             [](const Scenario& s) { return sim::format_date(s.config().start); })
      .def_property_readonly("end",
                             [](const Scenario& s) { return sim::format_date(s.config().end); })
      .def_property_readonly("cities",
                             [](const Scenario& s) {
                               std::vector<std::string> names;
                               for (const auto& c : s.config().cities) names.push_back(c.name);
                               return names;
                             })
      .def_property_readonly("sites",
                             [](const Scenario& s) {
                               std::vector<std::string> names;
                               for (const auto& site : s.config().sites) {
                                 names.push_back(site.name);
                               }
                               return names;
                             })
      .def_property_readonly("daily_target",
                             [](const Scenario& s) { return s.config().targets.daily_doses; })
      .def_property_readonly(
          "deadline",
          [](const Scenario& s) { return sim::format_date(s.config().targets.deadline); })
      .def_property_readonly(
          "people_fully_vaccinated_target",
          [](const Scenario& s) { return s.config().targets.people_fully_vaccinated; })
      .def_property_readonly("assumptions", [](const Scenario& s) {
        std::vector<std::vector<std::string>> out;
        for (const io::Assumption& a : s.loaded().assumptions) {
          out.push_back({a.what, a.value, a.source});
        }
        return out;
      });

  py::class_<RunResult>(m, "RunResult")
      .def_readonly("city_days_csv", &RunResult::city_days_csv)
      .def_readonly("supply_nodes_csv", &RunResult::supply_nodes_csv)
      .def_readonly("summary_json", &RunResult::summary_json)
      .def_readonly("verdict_text", &RunResult::verdict_text)
      .def_readonly("report_html", &RunResult::report_html)
      .def("write", &RunResult::write, py::arg("dir"));

  py::class_<ReplicatedResult>(m, "ReplicatedResult")
      .def_readonly("city_days_quantiles_csv", &ReplicatedResult::city_days_quantiles_csv)
      .def_readonly("summary_json", &ReplicatedResult::summary_json)
      .def_readonly("odds_text", &ReplicatedResult::odds_text)
      .def_readonly("report_html", &ReplicatedResult::report_html)
      .def("write", &ReplicatedResult::write, py::arg("dir"));

  py::class_<SweepResult>(m, "SweepResult")
      .def_readonly("sweep_csv", &SweepResult::sweep_csv)
      .def_readonly("text", &SweepResult::text)
      .def("write", &SweepResult::write, py::arg("dir"));

  py::class_<CalibrationResult>(m, "CalibrationResult")
      .def_readonly("calibrated_yaml", &CalibrationResult::calibrated_yaml)
      .def_readonly("calibration_json", &CalibrationResult::calibration_json)
      .def_readonly("calibration_html", &CalibrationResult::calibration_html)
      .def_readonly("text", &CalibrationResult::text)
      .def("write", &CalibrationResult::write, py::arg("dir"));

  m.def("calibrate", &calibrate, py::arg("scenario"), py::arg("observed"), py::arg("fit"),
        py::arg("until"), py::arg("replications"), py::arg("forecast_replications"),
        py::arg("seed"), py::arg("threads"), py::arg("max_evaluations"),
        py::arg("observation_error"), py::arg("day_error"));
  m.def("run", &run_one, py::arg("scenario"), py::arg("seed"), py::arg("replication"),
        py::arg("threads"));
  m.def("replicate", &replicate, py::arg("scenario"), py::arg("replications"), py::arg("seed"),
        py::arg("first_replication"), py::arg("threads"), py::arg("daily_by"),
        py::arg("city_days"));
  m.def("sweep", &sweep, py::arg("scenario"), py::arg("vary"), py::arg("replications"),
        py::arg("seed"), py::arg("first_replication"), py::arg("threads"), py::arg("daily_by"),
        py::arg("city_days"));
}
