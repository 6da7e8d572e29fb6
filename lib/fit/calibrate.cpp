// Calibration: the loss, the optimiser, the intervals and the forecast are described once, in
// include/vaxsim/fit/calibrate.hpp.

#include "vaxsim/fit/calibrate.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <nlopt.hpp>
#include <stdexcept>
#include <utility>

#include "vaxsim/model/campaign.hpp"
#include "vaxsim/run/parallel.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/sim/detail/sampling.hpp"
#include "vaxsim/sim/random.hpp"

namespace vaxsim::fit {
namespace {

constexpr double kJacobianStep = 0.05;  // of each range
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint64_t kForecastStream = sim::purpose_id("calibration-forecast");

int day_of(const model::CampaignConfig& config, sim::Date date) {
  return static_cast<int>(
      (std::chrono::sys_days{date} - std::chrono::sys_days{config.start}).count());
}

int days_of(const model::CampaignConfig& config) { return day_of(config, config.end) + 1; }

/// The loss's runs and figures for parameter values scaled to [0, 1].
class Objective {
 public:
  Objective(const ScenarioMaker& make, std::span<const FitParameter> parameters,
            const io::ObservedProgress& observed, const CalibrationOptions& options)
      : make_{make}, parameters_{parameters}, observed_{observed}, options_{options} {
    const model::CampaignConfig base = make_(overrides_at(std::vector<double>(size(), 0.5)));
    // The runs stop after the last figure fitted: nothing later enters the loss.
    last_day_ = -1;
    for (const io::Observation& point : observed_.points) {
      if (options_.until && point.date > *options_.until) continue;
      last_day_ = std::max(last_day_, std::min(day_of(base, point.date), days_of(base) - 1));
    }
    if (last_day_ < 0) {
      throw std::invalid_argument(
          "calibrate: no observed figure falls within the scenario's dates" +
          std::string(options_.until ? " up to the --until date" : ""));
    }
  }

  std::size_t size() const { return parameters_.size(); }
  const FitParameter& parameter(std::size_t k) const { return parameters_[k]; }

  double value(std::size_t k, double u) const {
    const FitParameter& p = parameters_[k];
    return p.lo + std::clamp(u, 0.0, 1.0) * (p.hi - p.lo);
  }

  std::vector<io::Override> overrides_at(const std::vector<double>& u) const {
    std::vector<io::Override> out;
    for (std::size_t k = 0; k < size(); ++k) {
      for (io::Override& o : parameters_[k].at(value(k, u[k]))) out.push_back(std::move(o));
    }
    return out;
  }

  /// The figures at `u` from the fitting runs (common random numbers), and the evaluation kept.
  std::vector<ComparedFigure> figures(const std::vector<double>& u) {
    const model::CampaignConfig config = make_(overrides_at(u));
    run::ReplicationOptions runs;
    runs.seed = options_.seed;
    runs.replications = options_.replications;
    runs.threads = options_.threads;
    runs.last_day = last_day_;
    const std::vector<model::CampaignResult> results = run::run_replications(config, runs);
    std::vector<ComparedFigure> out = compare(config, results, observed_, last_day_);
    if (fitted_.empty()) {
      for (const ComparedFigure& f : out) {
        fitted_.push_back(f.comparable() && (!options_.until || f.date <= *options_.until));
      }
    }
    Evaluation e;
    for (std::size_t k = 0; k < size(); ++k) e.values.push_back(value(k, u[k]));
    e.loss = loss(out);
    evaluations_.push_back(std::move(e));
    if (options_.progress && !options_.progress(static_cast<int>(evaluations_.size()), most())) {
      throw model::Cancelled{};
    }
    return out;
  }

  /// z_i of the fitted figures, in figure order.
  std::vector<double> residuals(const std::vector<ComparedFigure>& figures) const {
    std::vector<double> z;
    for (std::size_t i = 0; i < figures.size(); ++i) {
      if (!fitted_[i]) continue;
      const ComparedFigure& f = figures[i];
      const double error =
          f.measure == "doses_that_day" ? options_.day_error : options_.observation_error;
      z.push_back((f.mean - f.observed) / (error * std::max(std::abs(f.observed), 1.0)));
    }
    return z;
  }

  double loss(const std::vector<ComparedFigure>& figures) const {
    double sum = 0;
    for (const double z : residuals(figures)) sum += z * z;
    return sum;
  }

  int most() const {
    return options_.max_evaluations + 2 * static_cast<int>(size()) + 1;  // + the forecast
  }
  const std::vector<bool>& fitted() const { return fitted_; }
  std::vector<Evaluation>& evaluations() { return evaluations_; }

 private:
  const ScenarioMaker& make_;
  std::span<const FitParameter> parameters_;
  const io::ObservedProgress& observed_;
  const CalibrationOptions& options_;
  int last_day_ = -1;
  std::vector<bool> fitted_;
  std::vector<Evaluation> evaluations_;
};

struct Minimum {
  std::vector<double> u;
  std::string optimiser;
  std::string stop_reason;
};

std::string reason(nlopt::result r) {
  switch (r) {
    case nlopt::SUCCESS:
      return "converged";
    case nlopt::STOPVAL_REACHED:
      return "loss reached its stop value";
    case nlopt::FTOL_REACHED:
      return "converged: the loss changed by less than its tolerance";
    case nlopt::XTOL_REACHED:
      return "converged: the values changed by less than 0.1% of their ranges";
    case nlopt::MAXEVAL_REACHED:
      return "stopped at the evaluation budget (--max-evaluations): the fit may not have converged";
    case nlopt::MAXTIME_REACHED:
      return "stopped at the time budget";
    default:
      return "stopped (NLopt code " + std::to_string(static_cast<int>(r)) + ")";
  }
}

Minimum minimise(Objective& objective, const CalibrationOptions& options) {
  const auto n = static_cast<unsigned>(objective.size());
  // BOBYQA needs two parameters at least; COBYLA takes one.
  const nlopt::algorithm algorithm = n >= 2 ? nlopt::LN_BOBYQA : nlopt::LN_COBYLA;
  nlopt::opt opt(algorithm, n);
  opt.set_lower_bounds(std::vector<double>(n, 0.0));
  opt.set_upper_bounds(std::vector<double>(n, 1.0));
  opt.set_xtol_abs(1e-3);
  opt.set_maxeval(options.max_evaluations);
  opt.set_initial_step(0.2);

  // NLopt turns an exception thrown in the objective into a bare "forced stop": keep it here
  // and throw it again afterwards, so that a rejected value or Ctrl-C says what it is.
  std::exception_ptr failure;
  struct Call {
    Objective* objective;
    std::exception_ptr* failure;
    nlopt::opt* opt;
  } call{&objective, &failure, &opt};
  opt.set_min_objective(
      [](unsigned size, const double* x, double*, void* data) -> double {
        auto* c = static_cast<Call*>(data);
        try {
          const std::vector<double> u(x, x + size);
          return c->objective->loss(c->objective->figures(u));
        } catch (...) {
          *c->failure = std::current_exception();
          c->opt->force_stop();
          return std::numeric_limits<double>::infinity();
        }
      },
      &call);

  Minimum m;
  m.optimiser = std::string("NLopt ") + nlopt::algorithm_name(algorithm);
  std::vector<double> x(n, 0.5);
  for (std::size_t k = 0; k < n && k < options.start.size(); ++k) {
    const FitParameter& p = objective.parameter(k);
    const double u = (options.start[k] - p.lo) / (p.hi - p.lo);
    if (u >= 0 && u <= 1) x[k] = u;
  }
  double loss = 0;
  try {
    m.stop_reason = reason(opt.optimize(x, loss));
  } catch (const nlopt::roundoff_limited&) {
    m.stop_reason = "converged as far as rounding allows";
  } catch (const nlopt::forced_stop&) {
    if (failure) std::rethrow_exception(failure);
    throw;
  }
  if (failure) std::rethrow_exception(failure);
  // The best point seen: NLopt returns it in x, but say so from the record of evaluations too.
  m.u = x;
  return m;
}

double normal_quantile(double p) { return sim::detail::normal_upper_tail_inverse(1.0 - p); }

}  // namespace

std::vector<io::Override> Calibration::overrides() const {
  std::vector<io::Override> out;
  for (const Estimate& e : estimates) {
    for (io::Override& o : e.parameter.at(e.value)) out.push_back(std::move(o));
  }
  return out;
}

Calibration calibrate(const ScenarioMaker& make, std::span<const FitParameter> parameters,
                      const io::ObservedProgress& observed, const CalibrationOptions& options) {
  if (parameters.empty()) throw std::invalid_argument("calibrate: no parameter to fit");
  if (options.replications < 1 || options.forecast_replications < 1) {
    throw std::invalid_argument("calibrate: replications must be at least 1");
  }
  for (const double e : {options.observation_error, options.day_error}) {
    if (!(e > 0) || !std::isfinite(e)) {
      throw std::invalid_argument("calibrate: the observation errors must be above 0");
    }
  }
  if (!(options.interval > 0 && options.interval < 1)) {
    throw std::invalid_argument("calibrate: the interval's coverage must lie in (0, 1)");
  }
  if (options.max_evaluations < 1) {
    throw std::invalid_argument("calibrate: at least one evaluation is needed");
  }

  Objective objective(make, parameters, observed, options);
  const std::size_t p = objective.size();
  const Minimum best = minimise(objective, options);

  Calibration out;
  out.optimiser = best.optimiser;
  out.stop_reason = best.stop_reason;
  out.observation_error = options.observation_error;
  out.day_error = options.day_error;
  out.interval = options.interval;
  out.until = options.until;

  // The estimate's residuals, then the Jacobian around it.
  const std::vector<ComparedFigure> at_best = objective.figures(best.u);
  const std::vector<double> z = objective.residuals(at_best);
  const auto n = z.size();
  out.loss = objective.loss(at_best);
  out.figures_fitted = static_cast<int>(n);
  if (n == 0) throw std::invalid_argument("calibrate: no observed figure falls within the runs");

  Eigen::MatrixXd jacobian(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p));
  for (std::size_t k = 0; k < p; ++k) {
    std::vector<double> up = best.u;
    std::vector<double> down = best.u;
    up[k] = std::min(1.0, best.u[k] + kJacobianStep);
    down[k] = std::max(0.0, best.u[k] - kJacobianStep);
    const std::vector<double> z_up = objective.residuals(objective.figures(up));
    const std::vector<double> z_down = objective.residuals(objective.figures(down));
    for (std::size_t i = 0; i < n; ++i) {
      jacobian(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) =
          (z_up[i] - z_down[i]) / (up[k] - down[k]);
    }
  }

  // Covariance of the scaled values: s^2 (J'J)^-1, through the eigenvalues of J'J so that a
  // direction the figures do not see gets an infinite variance rather than a division by zero.
  const double dof = static_cast<double>(n) - static_cast<double>(p);
  const double s2 = dof > 0 ? std::max(1.0, out.loss / dof) : 1.0;
  const Eigen::MatrixXd information = jacobian.transpose() * jacobian;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(information);
  const double largest = eig.eigenvalues().cwiseAbs().maxCoeff();
  Eigen::MatrixXd covariance =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(p));
  std::vector<bool> blind(p, false);  // the parameter loads on a direction the figures miss
  for (Eigen::Index j = 0; j < eig.eigenvalues().size(); ++j) {
    const double lambda = eig.eigenvalues()(j);
    const Eigen::VectorXd v = eig.eigenvectors().col(j);
    if (!(lambda > 1e-9 * largest) || !(lambda > 0)) {
      for (std::size_t k = 0; k < p; ++k) {
        if (std::abs(v(static_cast<Eigen::Index>(k))) > 0.1) blind[k] = true;
      }
      continue;
    }
    covariance += s2 / lambda * v * v.transpose();
  }

  const double zq = normal_quantile(0.5 + options.interval / 2);
  for (std::size_t k = 0; k < p; ++k) {
    const FitParameter& fp = parameters[k];
    Estimate e;
    e.parameter = fp;
    e.value = objective.value(k, best.u[k]);
    const double range = fp.hi - fp.lo;
    const auto kk = static_cast<Eigen::Index>(k);
    e.standard_error = blind[k] ? std::numeric_limits<double>::infinity()
                                : range * std::sqrt(std::max(0.0, covariance(kk, kk)));
    e.lo = std::max(fp.lo, e.value - zq * e.standard_error);
    e.hi = std::min(fp.hi, e.value + zq * e.standard_error);
    e.determined = !blind[k] && (e.lo > fp.lo || e.hi < fp.hi);
    out.estimates.push_back(e);
  }

  // The forecast: each run with its own draw of the values and its own replication number.
  const int runs = options.forecast_replications;
  std::vector<model::CampaignConfig> configs;
  const sim::RandomStreams streams(options.seed, 0);
  Eigen::MatrixXd root =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(p));
  {
    Eigen::MatrixXd determined_cov = covariance;
    for (std::size_t k = 0; k < p; ++k) {
      if (!out.estimates[k].determined) {
        determined_cov.row(static_cast<Eigen::Index>(k)).setZero();
        determined_cov.col(static_cast<Eigen::Index>(k)).setZero();
      }
    }
    // A symmetric square root works for a singular covariance too.
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> c(determined_cov);
    root = c.eigenvectors() * c.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal() *
           c.eigenvectors().transpose();
  }
  const sim::Distribution normal = sim::Distribution::truncated_normal(0, 1, -8, 8);
  for (int r = 0; r < runs; ++r) {
    sim::RandomEngine engine = streams.engine(kForecastStream, static_cast<std::uint64_t>(r));
    Eigen::VectorXd eps(static_cast<Eigen::Index>(p));
    for (std::size_t k = 0; k < p; ++k) eps(static_cast<Eigen::Index>(k)) = normal.sample(engine);
    const Eigen::VectorXd shift = root * eps;
    std::vector<double> u(p);
    for (std::size_t k = 0; k < p; ++k) {
      u[k] = out.estimates[k].determined
                 ? std::clamp(best.u[k] + shift(static_cast<Eigen::Index>(k)), 0.0, 1.0)
                 : sim::detail::uniform_draw(engine);
    }
    configs.push_back(make(objective.overrides_at(u)));
  }
  std::vector<model::CampaignResult> results(static_cast<std::size_t>(runs));
  const run::ThreadSplit split = run::split_threads(options.threads, results.size());
  run::parallel_for(results.size(), split.workers, [&](std::size_t r) {
    model::RunOptions run;
    run.seed = options.seed;
    run.replication = r;
    run.threads = split.per_replication;
    results[r] = model::run_campaign(configs[r], run);
  });
  if (options.progress && !options.progress(objective.most(), objective.most())) {
    throw model::Cancelled{};
  }
  out.figures = compare(configs.front(), results, observed);
  out.fitted = objective.fitted();
  for (std::size_t i = 0, j = 0; i < at_best.size(); ++i) {
    out.residuals.push_back(out.fitted[i] ? z[j++] : kNaN);
  }
  out.at_estimate = at_best;
  out.evaluations = std::move(objective.evaluations());
  out.forecast.emplace(results);
  out.replications = options.replications;
  out.forecast_replications = runs;
  return out;
}

}  // namespace vaxsim::fit
