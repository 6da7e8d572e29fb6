// Calibration (fit/calibrate.hpp) recovers parameters from figures the model itself made: the
// truth is known, so the estimates and their intervals can be checked against it.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "vaxsim/fit/calibrate.hpp"
#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/model/campaign.hpp"

namespace vaxsim::fit {
namespace {

// One town of 20,000: six desks give about 810 doses a day (8 hours, 4-minute nominal service,
// 90% booked), so the first doses run until the willing (uptake x residents) are all served and
// the second doses follow from day 21. The early slope tells the service time, the plateau of
// people with a dose the uptake.
constexpr const char* kTown = R"(
name: synthetic town
seed: 3
start: 2021-05-01
end: 2021-06-14
products:
  - name: A
    interval_days: {min: 21, max: 56}
    return_after_days: {uniform: {lo: 21, hi: 25}}
groups:
  - {name: adults, share: 1.0, uptake: 0.6}
cities:
  - {name: Town, residents: 20000}
sites:
  - name: clinic
    city: Town
    count: 3
    desks: 2
    observation_minutes: 0
    service_minutes: {lognormal: {mean: 4.0, sd: 1.0}}
    hours:
      - {open: "08:00", close: "16:00"}
demand:
  no_show: 0.05
supply:
  initial_stock: {A: 100000}
targets:
  daily_doses: 500
)";

const std::vector<FitParameter> kParameters{
    parse_fit_parameter("groups[0].uptake=0.3..0.9"),
    parse_fit_parameter("sites[0].service_minutes.lognormal.mean=2.5..6"),
};

ScenarioMaker town() {
  return [](std::span<const io::Override> overrides) {
    return io::parse_scenario(kTown, "town.yaml", overrides).campaign;
  };
}

// A normal draw made the same way on every platform (Box-Muller on mt19937_64's words).
double standard_normal(std::mt19937_64& engine) {
  const double u1 = (static_cast<double>(engine() >> 11) + 0.5) * 0x1.0p-53;
  const double u2 = (static_cast<double>(engine() >> 11) + 0.5) * 0x1.0p-53;
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
}

// The record of a campaign with the true values: its figures every week, from replication 0 of
// `seed`, each times (1 + error x a normal draw) as a report's error would make it.
io::ObservedProgress record(const std::vector<double>& truth, std::uint64_t seed, double error,
                            std::mt19937_64& noise) {
  std::vector<io::Override> overrides;
  for (std::size_t k = 0; k < truth.size(); ++k) {
    for (const io::Override& o : kParameters[k].at(truth[k])) overrides.push_back(o);
  }
  const model::CampaignConfig config = town()(overrides);
  model::RunOptions options;
  options.seed = seed;
  const model::CampaignResult result = model::run_campaign(config, options);
  io::ObservedProgress observed;
  for (const char* date : {"2021-05-08", "2021-05-15", "2021-05-22", "2021-05-29", "2021-06-05"}) {
    io::Observation o;
    o.date = sim::parse_date(date);
    o.place = std::string(io::kProvince);
    o.source = "the model itself";
    for (const io::ObservedMeasure& m : io::kObservedMeasures) {
      if (!m.cumulative) continue;
      const double v = *simulated_value(config, result, o, m.column);
      o.*m.value = std::round(v * (1 + error * standard_normal(noise)));
    }
    observed.points.push_back(o);
  }
  return observed;
}

TEST(Calibration, RecoversTheValuesThatMadeAnExactRecordOnTheSameDice) {
  std::mt19937_64 noise(1);
  const std::vector<double> truth{0.55, 4.6};
  const io::ObservedProgress observed = record(truth, /*seed=*/11, /*error=*/0, noise);
  CalibrationOptions options;
  options.seed = 11;  // the record's own dice: the loss is zero at the truth
  options.replications = 1;
  options.forecast_replications = 3;
  const Calibration fit = calibrate(town(), kParameters, observed, options);
  ASSERT_EQ(fit.estimates.size(), 2u);
  EXPECT_NEAR(fit.estimates[0].value, truth[0], 0.01);
  EXPECT_NEAR(fit.estimates[1].value, truth[1], 0.05);
  EXPECT_TRUE(fit.estimates[0].determined);
  EXPECT_TRUE(fit.estimates[1].determined);
  EXPECT_EQ(fit.figures_fitted, 15);
  EXPECT_LT(fit.loss, 1.0);
}

TEST(Calibration, NinetyPercentIntervalsCoverTheTruthInAtLeastEightyPercentOfSyntheticTrials) {
  constexpr int kTrials = 20;
  constexpr double kError = 0.02;
  std::mt19937_64 draws(2021);
  int covered = 0;
  int cases = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::vector<double> truth{0.45 + 0.3 * (static_cast<double>(draws() >> 11) * 0x1.0p-53),
                                    3.5 + 1.5 * (static_cast<double>(draws() >> 11) * 0x1.0p-53)};
    const io::ObservedProgress observed =
        record(truth, /*seed=*/100 + static_cast<std::uint64_t>(trial), kError, draws);
    CalibrationOptions options;
    options.seed = 7;  // other dice than the record's
    options.replications = 2;
    options.forecast_replications = 2;
    options.observation_error = kError;
    const Calibration fit = calibrate(town(), kParameters, observed, options);
    for (std::size_t k = 0; k < truth.size(); ++k) {
      ++cases;
      const Estimate& e = fit.estimates[k];
      if (e.lo <= truth[k] && truth[k] <= e.hi) ++covered;
    }
  }
  EXPECT_GE(covered, (8 * cases + 9) / 10) << covered << " of " << cases << " intervals covered";
  std::printf("%d of %d 90%% intervals covered the truth\n", covered, cases);
}

TEST(Calibration, SaysWhenTheRecordDoesNotDetermineAParameter) {
  std::mt19937_64 noise(3);
  const io::ObservedProgress observed = record({0.6, 4.0}, 5, 0.01, noise);
  // The daily target changes no dose given: the figures cannot tell its value.
  std::vector<FitParameter> parameters = kParameters;
  parameters.push_back(parse_fit_parameter("targets.daily_doses=100..900"));
  CalibrationOptions options;
  options.seed = 5;
  options.replications = 1;
  options.forecast_replications = 2;
  const Calibration fit = calibrate(town(), parameters, observed, options);
  EXPECT_TRUE(fit.estimates[0].determined);
  EXPECT_TRUE(fit.estimates[1].determined);
  EXPECT_FALSE(fit.estimates[2].determined);
  EXPECT_EQ(fit.estimates[2].lo, 100);
  EXPECT_EQ(fit.estimates[2].hi, 900);
}

TEST(Calibration, FitsOnlyUpToTheUntilDateAndForecastsTheRestWithBands) {
  std::mt19937_64 noise(4);
  const io::ObservedProgress observed = record({0.6, 4.0}, 9, 0.01, noise);
  CalibrationOptions options;
  options.seed = 9;
  options.replications = 1;
  options.forecast_replications = 8;
  options.until = sim::parse_date("2021-05-22");
  const Calibration fit = calibrate(town(), kParameters, observed, options);
  EXPECT_EQ(fit.figures_fitted, 9);  // three dates x three cumulative figures
  ASSERT_EQ(fit.figures.size(), 15u);
  for (std::size_t i = 0; i < fit.figures.size(); ++i) {
    const ComparedFigure& f = fit.figures[i];
    EXPECT_EQ(fit.fitted[i], f.date <= *options.until) << i;
    EXPECT_TRUE(f.comparable());
    EXPECT_EQ(f.simulated.size(), 8u);
    EXPECT_LE(f.q05, f.q50);
    EXPECT_LE(f.q50, f.q95);
    EXPECT_EQ(std::isnan(fit.residuals[i]), !fit.fitted[i]);
  }
  // Every evaluation is kept: the optimiser's, the Jacobian's (two per parameter) and the
  // estimate's own.
  EXPECT_GE(fit.evaluations.size(), 5u);
}

TEST(Calibration, TheSameInputsGiveTheSameFitWhateverTheThreads) {
  std::mt19937_64 noise(5);
  const io::ObservedProgress observed = record({0.5, 5.0}, 13, 0.01, noise);
  CalibrationOptions options;
  options.seed = 2;
  options.replications = 2;
  options.forecast_replications = 3;
  options.max_evaluations = 20;
  const Calibration one = calibrate(town(), kParameters, observed, options);
  options.threads = 2;
  const Calibration two = calibrate(town(), kParameters, observed, options);
  ASSERT_EQ(one.evaluations.size(), two.evaluations.size());
  for (std::size_t i = 0; i < one.evaluations.size(); ++i) {
    EXPECT_EQ(one.evaluations[i].values, two.evaluations[i].values);
    EXPECT_EQ(one.evaluations[i].loss, two.evaluations[i].loss);
  }
  for (std::size_t i = 0; i < one.figures.size(); ++i) {
    EXPECT_EQ(one.figures[i].simulated, two.figures[i].simulated);
  }
}

TEST(Calibration, ARangeWrittenBadlyIsRefusedWithTheReason) {
  EXPECT_THROW(parse_fit_parameter("demand.booking_fill=0.5"), std::invalid_argument);
  EXPECT_THROW(parse_fit_parameter("demand.booking_fill=0.9..0.5"), std::invalid_argument);
  EXPECT_THROW(parse_fit_parameter("demand.booking_fill=a..1"), std::invalid_argument);
  EXPECT_THROW(parse_fit_parameter("supply.deliveries[*].doses=x0.5..2"), std::invalid_argument);
  EXPECT_THROW(parse_fit_parameter("supply.deliveries[*].doses=x0..x2"), std::invalid_argument);
  const FitParameter p = parse_fit_parameter("supply.deliveries[*].doses=x0.5..x1.5");
  EXPECT_TRUE(p.factor);
  EXPECT_EQ(p.key, "supply.deliveries[*].doses");
  ASSERT_EQ(p.at(1.25).size(), 1u);
  EXPECT_EQ(io::to_string(p.at(1.25)[0]), "supply.deliveries[*].doses=x1.25");
  EXPECT_EQ(p.text(), "supply.deliveries[*].doses=x0.5..x1.5");
  EXPECT_TRUE(p.at(1.25)[0].rounded);  // the reader rounds it where the key wants a whole number
  // Several paths moved by one parameter.
  const FitParameter two = parse_fit_parameter("supply.deliveries[0].doses&demand.no_show=x1..x2");
  ASSERT_EQ(two.at(1.5).size(), 2u);
  EXPECT_EQ(io::to_string(two.at(1.5)[1]), "demand.no_show=x1.5");
  EXPECT_THROW(parse_fit_parameter("demand.no_show&=0..1"), std::invalid_argument);
}

}  // namespace
}  // namespace vaxsim::fit
