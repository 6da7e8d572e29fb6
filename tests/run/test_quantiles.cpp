// The quantile rule and the ensemble summary, against values whose quantiles are known exactly.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "vaxsim/run/ensemble.hpp"
#include "vaxsim/run/quantiles.hpp"
#include "vaxsim/sim/eigen_view.hpp"

using namespace vaxsim;
using model::Measure;

namespace {

TEST(Quantile, IsLinearInterpolationBetweenOrderStatistics) {
  const std::vector<double> x = {1, 2, 3, 4};
  // h = (n - 1) p = 3p.
  EXPECT_DOUBLE_EQ(run::quantile_of_sorted(x, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(run::quantile_of_sorted(x, 0.05), 1.15);
  EXPECT_DOUBLE_EQ(run::quantile_of_sorted(x, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(run::quantile_of_sorted(x, 0.95), 3.85);
  EXPECT_DOUBLE_EQ(run::quantile_of_sorted(x, 1.0), 4.0);
  const std::vector<double> one = {7};
  EXPECT_EQ(run::quantile_of_sorted(one, 0.05), 7.0);
  EXPECT_EQ(run::quantile_of_sorted(one, 0.95), 7.0);
  EXPECT_TRUE(std::isnan(run::quantile_of_sorted({}, 0.5)));
}

// The discrete uniform distribution on {0, 1, ..., 100}, each value once, in shuffled order:
// its 5%, 50% and 95% quantiles are 5, 50 and 95 and its mean 50, exactly.
TEST(Spread, OfAShuffledDiscreteUniformSampleIsExact) {
  std::vector<int> values(101);
  std::iota(values.begin(), values.end(), 0);
  std::mt19937 shuffle_engine(7);
  std::shuffle(values.begin(), values.end(), shuffle_engine);
  std::vector<sim::Matrix> replications;
  for (const int v : values) {
    sim::Matrix m(2, 3);
    as_eigen(m) << v, 2.0 * v, -v,  //
        3, 0.5 * v + 1, v * v;
    replications.push_back(m);
  }
  const run::Spread s = run::spread_of(replications);
  ASSERT_EQ(s.mean.rows(), 2);
  ASSERT_EQ(s.mean.cols(), 3);
  EXPECT_EQ(s.q05(0, 0), 5);
  EXPECT_EQ(s.q50(0, 0), 50);
  EXPECT_EQ(s.q95(0, 0), 95);
  EXPECT_EQ(s.mean(0, 0), 50);
  EXPECT_EQ(s.q05(0, 1), 10);
  EXPECT_EQ(s.q95(0, 1), 190);
  EXPECT_EQ(s.q05(0, 2), -95);  // quantiles of -X are minus those of X, mirrored
  EXPECT_EQ(s.q95(0, 2), -5);
  EXPECT_EQ(s.q05(1, 0), 3);  // a constant
  EXPECT_EQ(s.q95(1, 0), 3);
  EXPECT_EQ(s.q50(1, 1), 26);
  EXPECT_EQ(s.q05(1, 2), 25);  // a monotone transform keeps the order statistics
  EXPECT_EQ(s.q95(1, 2), 9025);
  EXPECT_DOUBLE_EQ(s.mean(1, 2), 3350.0);  // sum of squares 0..100 / 101
}

// Twenty values 1..20: h = 19p, so q05 = 1.95, q50 = 10.5, q95 = 19.05.
TEST(Spread, InterpolatesBetweenReplications) {
  std::vector<sim::Matrix> replications;
  for (int v = 20; v >= 1; --v) replications.push_back(sim::Matrix::Constant(1, 1, v));
  const run::Spread s = run::spread_of(replications);
  EXPECT_DOUBLE_EQ(s.q05(0, 0), 1.95);
  EXPECT_DOUBLE_EQ(s.q50(0, 0), 10.5);
  EXPECT_DOUBLE_EQ(s.q95(0, 0), 19.05);
  EXPECT_DOUBLE_EQ(s.mean(0, 0), 10.5);
}

TEST(Spread, NanPoisonsItsCellAndShapesMustMatch) {
  std::vector<sim::Matrix> replications(3, sim::Matrix::Zero(1, 2));
  replications[1](0, 1) = std::nan("");
  const run::Spread s = run::spread_of(replications);
  EXPECT_EQ(s.q50(0, 0), 0);
  EXPECT_TRUE(std::isnan(s.q50(0, 1)));
  EXPECT_TRUE(std::isnan(s.mean(0, 1)));
  replications.push_back(sim::Matrix::Zero(2, 2));
  EXPECT_THROW(run::spread_of(replications), std::invalid_argument);
  EXPECT_THROW(run::spread_of(std::vector<sim::Matrix>{}), std::invalid_argument);
}

// Synthetic replications: replication k gives city c, day d the value k + 10 c + 100 d doses.
model::CampaignResult synthetic(int k) {
  model::CampaignResult r;
  r.table = model::CityDayTable(sim::parse_date("2021-05-01"), 3, {"A", "B"});
  for (int d = 0; d < 3; ++d) {
    for (int c = 0; c < 2; ++c) {
      r.table.at(Measure::first_doses, d, c) = k + 10 * c + 100 * d;
      r.table.at(Measure::second_doses, d, c) = k;
      // City A: 2 desks open 8 h, busy half the time; city B: 1 desk open 4 h, busy 80%.
      r.table.at(Measure::utilisation, d, c) = c == 0 ? 0.5 : 0.8;
      r.table.at(Measure::desks_open, d, c) = c == 0 ? 2 : 1;
      r.table.at(Measure::open_hours, d, c) = c == 0 ? 8 : 4;
      r.table.bottleneck(d, c) =
          k % 3 == 0 ? model::Bottleneck::no_stock : model::Bottleneck::desks;
    }
  }
  return r;
}

TEST(Ensemble, SummarisesCitiesProvinceAndDerivedSeries) {
  std::vector<model::CampaignResult> results;
  for (int k = 0; k <= 20; ++k) results.push_back(synthetic(k));  // k uniform on 0..20
  const run::Ensemble e(results);
  EXPECT_EQ(e.replications(), 21);
  EXPECT_EQ(e.days(), 3);
  EXPECT_EQ(e.cities(), 2);
  EXPECT_EQ(e.date(2), sim::parse_date("2021-05-03"));
  // h = 20p: q05 = k of 1, q50 = 10, q95 = 19.
  const run::Spread& first = e.city(Measure::first_doses);
  EXPECT_EQ(first.q05(2, 1), 1 + 10 + 200);
  EXPECT_EQ(first.q50(2, 1), 10 + 10 + 200);
  EXPECT_EQ(first.q95(2, 1), 19 + 10 + 200);
  EXPECT_EQ(first.mean(0, 0), 10);
  // Province: per replication 2k + 10 + 200 d; doses = first + second: 4k + 10 + 200 d.
  EXPECT_EQ(e.province(Measure::first_doses).q95(1, 0), 2 * 19 + 10 + 100 * 2);
  EXPECT_EQ(e.province_doses().q05(0, 0), 4 * 1 + 10);
  EXPECT_EQ(e.city_doses().q50(1, 0), 2 * 10 + 100);
  // Measures that do not add up take the model's province rule in every replication (there is
  // no other): utilisation weighted by open desk-hours, (0.5 x 16 + 0.8 x 4) / 20 = 0.56, not the
  // sum 1.3 nor NaN.
  EXPECT_DOUBLE_EQ(e.province(Measure::utilisation).q50(0, 0), 0.56);
  EXPECT_DOUBLE_EQ(e.province(Measure::utilisation).q95(2, 0), 0.56);
  EXPECT_EQ(e.city(Measure::utilisation).q50(0, 0), 0.5);
  EXPECT_EQ(e.province(Measure::desks_open).q50(0, 0), 3);  // desks add up
  // Bottleneck: supply in 7 of 21 (k = 0, 3, ..., 18), desks in 14.
  EXPECT_EQ(e.bottleneck(1, 1), model::Bottleneck::desks);
  EXPECT_DOUBLE_EQ(e.bottleneck_share(1, 1), 14.0 / 21.0);
}

TEST(Ensemble, RejectsMismatchedReplications) {
  std::vector<model::CampaignResult> results = {synthetic(1), synthetic(2)};
  results[1].table = model::CityDayTable(sim::parse_date("2021-05-02"), 3, {"A", "B"});
  EXPECT_THROW(run::Ensemble{results}, std::invalid_argument);
  EXPECT_THROW(run::Ensemble{std::vector<model::CampaignResult>{}}, std::invalid_argument);
}

}  // namespace
