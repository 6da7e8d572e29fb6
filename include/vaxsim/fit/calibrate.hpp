#pragma once
// Calibration: the values of a few scenario parameters that make runs agree best with the record
// up to a date; how tightly the record pins each one down; and what the fitted scenario
// forecasts for the figures after that date (the backtest).
//
// The loss, what is minimised, over the figures of the record dated up to `until` that the runs
// can be compared with (fit/compare.hpp):
//     loss = sum over figures i of z_i^2,   z_i = (mean_i - observed_i) / (e_i x observed_i)
// mean_i is the mean over `replications` runs, and e_i the figure's relative error: for a
// cumulative figure the record's (`observation_error`, default 2%: reports of moderate trust,
// rounded to thousands and reposted); for one day's doses (`day_error`, default 25%) also how far
// a single day strays from the pace of its week, which the model does not try to follow day by
// day (in the last week of May the record day was 850,000 against a 600,000 average, +42% [R]).
// Every evaluation runs the same seed and replication numbers (common random numbers): two sets
// of values are compared on the same dice, so the loss is a deterministic function of the values
// and the optimiser does not chase noise. When the model is right and e is the record's error,
// the loss is about a chi-square with (figures - parameters) degrees of freedom.
//
// The optimiser: NLopt's BOBYQA (Powell's bound-constrained quadratic models; COBYLA for a single
// parameter, which BOBYQA cannot take), derivative-free, on the parameters scaled to [0, 1],
// starting from `start` (the scenario's own values, where the caller knows them and they lie in
// the ranges; else the middle of each range). BOBYQA is a local method: a start near the answer
// (a scenario calibrated before) finds it again in few evaluations. Why: a few bounded parameters,
// a smooth least-squares loss and seconds per evaluation are the case BOBYQA is built for (it needs
// far fewer evaluations than Nelder-Mead or a global search); NLopt is a well-kept Debian package.
//
// The intervals: Gauss-Newton at the estimate. The Jacobian J of the z_i by central differences
// (5% of each range, one-sided at a bound); covariance s^2 (J'J)^-1, with
// s^2 = max(1, loss / (figures - parameters)) so that a fit worse than the record's error
// explains widens the intervals; the interval is estimate +- z sd (z = 1.645 for 90%), cut to the
// range. A parameter is "not determined" by the record when the figures do not move with it, or
// its interval spans its whole range: its estimate is then no finding, only where the search
// stopped.
//
// The forecast: `forecast_replications` runs to the scenario's end, each with its own draw of
// the parameters (normal with the covariance above, cut to the ranges; an undetermined parameter
// uniform over its range) and its own replication number, so the 5-95% bands carry the
// parameters' uncertainty as well as the dice. Every figure of the record, fitted or not, is
// compared with these runs; the figures after `until` are the backtest.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vaxsim/fit/compare.hpp"
#include "vaxsim/fit/fit_parameter.hpp"
#include "vaxsim/io/observed.hpp"
#include "vaxsim/io/overrides.hpp"
#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/run/ensemble.hpp"

namespace vaxsim::fit {

/// Makes the campaign with the given overrides applied (for a scenario file:
/// io::load_scenario(file, overrides).campaign). Throws io::ScenarioError for a value the
/// scenario cannot take.
using ScenarioMaker = std::function<model::CampaignConfig(std::span<const io::Override>)>;

struct CalibrationOptions {
  std::uint64_t seed = 1;
  int replications = 10;  // runs per evaluation (common random numbers)
  int threads = 1;
  /// Fit the figures dated up to and including this day; the later ones are forecast. None: fit
  /// every figure.
  std::optional<sim::Date> until;
  double observation_error = 0.02;
  double day_error = 0.25;
  int max_evaluations = 150;  // of the optimiser; the Jacobian adds 2 per parameter
  int forecast_replications = 20;
  double interval = 0.90;  // the intervals' coverage
  /// Where the search starts, one value per parameter (in its own units; a factor parameter's
  /// "x1" is 1); a value outside its range, or none given, starts at the middle of the range.
  std::vector<double> start;
  /// Called after every evaluation with (evaluations done, the most there will be); returning
  /// false stops the calibration (it throws model::Cancelled).
  std::function<bool(int done, int most)> progress;
};

/// One evaluation of the loss, at the values of the parameters (in their own units).
struct Evaluation {
  std::vector<double> values;
  double loss = 0;
};

struct Estimate {
  FitParameter parameter;
  double value = 0;
  double lo = 0;  // the interval, within the parameter's range
  double hi = 0;
  double standard_error = 0;  // infinite when not determined by the figures at all
  bool determined = true;
};

struct Calibration {
  std::vector<Estimate> estimates;
  double loss = 0;         // at the estimate
  int figures_fitted = 0;  // figures in the loss
  double observation_error = 0;
  double day_error = 0;
  double interval = 0;
  std::optional<sim::Date> until;
  /// Every figure of the record against the forecast runs; `fitted[i]` says whether figure i
  /// was in the loss (dated up to `until` and within the run).
  std::vector<ComparedFigure> figures;
  std::vector<bool> fitted;
  /// z_i of each figure at the estimate, from the fitting runs (NaN for a figure not fitted).
  std::vector<double> residuals;
  /// Every figure against the fitting runs at the estimate (the fit itself, before any draw of
  /// the parameters; figures after the last fitted day are not comparable here).
  std::vector<ComparedFigure> at_estimate;
  std::vector<Evaluation> evaluations;
  /// The forecast runs, day by day (for the bands drawn over the record).
  std::optional<run::Ensemble> forecast;
  int replications = 0;           // runs per evaluation
  int forecast_replications = 0;  // runs of the forecast
  std::string optimiser;          // e.g. "NLopt LN_BOBYQA"
  std::string stop_reason;        // why the optimiser stopped

  /// The estimate as overrides (one per path of each parameter), to make the calibrated scenario.
  std::vector<io::Override> overrides() const;
};

/// Fits `parameters` (at least one) to `observed`. Throws std::invalid_argument when no figure
/// can be fitted or an option is out of range; io::ScenarioError from `make`.
Calibration calibrate(const ScenarioMaker& make, std::span<const FitParameter> parameters,
                      const io::ObservedProgress& observed, const CalibrationOptions& options);

}  // namespace vaxsim::fit
