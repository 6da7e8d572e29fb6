// Allocation: split_in_proportion's exactness (as an invariant over random inputs and on hand
// cases), the four built-in policies on hand cases and on random provinces, the factory, and a
// policy defined outside the library.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "vaxsim/supply/allocation.hpp"
#include "vaxsim/supply/supply_plan.hpp"

using namespace vaxsim;
using supply::CityNeeds;
using supply::split_in_proportion;
using ::testing::ElementsAre;

namespace {

std::int64_t sum_of(const std::vector<std::int64_t>& parts) {
  return std::accumulate(parts.begin(), parts.end(), std::int64_t{0});
}

std::vector<std::int64_t> split(std::int64_t total, const std::vector<double>& weights) {
  return split_in_proportion(total, weights);
}

}  // namespace

// --- split_in_proportion -------------------------------------------------------------------

TEST(SplitInProportion, ExactSharesNeedNoRounding) {
  // 1000 by 1:3:6 -> 100, 300, 600.
  EXPECT_THAT(split(1000, {1, 3, 6}), ElementsAre(100, 300, 600));
  // A zero weight gets nothing: 90 by 0:1:2 -> 0, 30, 60.
  EXPECT_THAT(split(90, {0, 1, 2}), ElementsAre(0, 30, 60));
  // A single weight takes everything.
  EXPECT_THAT(split(12345, {0.5}), ElementsAre(12345));
}

TEST(SplitInProportion, LargestRemaindersTakeTheRest) {
  // 10 by 1:2:4 (sum 7): exact 1.43, 2.86, 5.71 -> floors 1, 2, 5 (8); the two doses left go
  // to the largest remainders .86 (index 1) and .71 (index 2) -> 1, 3, 6.
  EXPECT_THAT(split(10, {1, 2, 4}), ElementsAre(1, 3, 6));
  // 7 by 5:3 (sum 8): exact 4.375, 2.625 -> floors 4, 2; remainder .625 > .375 -> 4, 3.
  EXPECT_THAT(split(7, {5, 3}), ElementsAre(4, 3));
}

TEST(SplitInProportion, RemainderTiesGoToTheLowerIndex) {
  // 10 by 1:1:1: exact 3.33 each -> 3, 3, 3 (9); equal remainders -> index 0 -> 4, 3, 3.
  EXPECT_THAT(split(10, {1, 1, 1}), ElementsAre(4, 3, 3));
  // 11 by 1:1:1: two left over -> indices 0 and 1 -> 4, 4, 3.
  EXPECT_THAT(split(11, {1, 1, 1}), ElementsAre(4, 4, 3));
  // 3 by 0:1:1:0 (sum 2): exact 0, 1.5, 1.5, 0 -> 0, 1, 1, 0; tie .5 = .5 -> index 1.
  EXPECT_THAT(split(3, {0, 1, 1, 0}), ElementsAre(0, 2, 1, 0));
}

TEST(SplitInProportion, AllZeroWeightsSplitEvenly) {
  // 10 over 4: exact 2.5 each -> 2, 2, 2, 2; two left, ties -> indices 0 and 1.
  EXPECT_THAT(split(10, {0, 0, 0, 0}), ElementsAre(3, 3, 2, 2));
  EXPECT_THAT(split(9, {0, 0, 0}), ElementsAre(3, 3, 3));
  EXPECT_THAT(split(2, {0, 0, 0}), ElementsAre(1, 1, 0));
}

TEST(SplitInProportion, ZeroTotalGivesZeros) {
  EXPECT_THAT(split(0, {1, 2, 3}), ElementsAre(0, 0, 0));
  EXPECT_THAT(split(0, {0, 0}), ElementsAre(0, 0));
}

TEST(SplitInProportion, EmptyWeightsGiveNoParts) {
  EXPECT_TRUE(split(0, {}).empty());
  EXPECT_TRUE(split(100, {}).empty());
}

TEST(SplitInProportion, BadInputsThrow) {
  EXPECT_THROW(split(-1, {1, 1}), std::invalid_argument);
  EXPECT_THROW(split(-1, {}), std::invalid_argument);
  EXPECT_THROW(split(10, {1, -1}), std::invalid_argument);
  EXPECT_THROW(split(10, {-0.001}), std::invalid_argument);
  EXPECT_THROW(split(10, {1, std::numeric_limits<double>::quiet_NaN()}), std::invalid_argument);
  EXPECT_THROW(split(10, {std::numeric_limits<double>::infinity(), 1}), std::invalid_argument);
}

TEST(SplitInProportion, BadWeightsThrowEvenWhenTotalIsZero) {
  EXPECT_THROW(split(0, {std::numeric_limits<double>::quiet_NaN()}), std::invalid_argument);
  EXPECT_THROW(split(0, {-1, 2}), std::invalid_argument);
}

TEST(SplitInProportion, HugeFiniteWeightsStayExact) {
  EXPECT_THAT(split(1'000'000'000, {1e300, 1e300}), ElementsAre(500'000'000, 500'000'000));
  EXPECT_THAT(split(10, {1e308, 1e308}), ElementsAre(5, 5));
}

TEST(SplitInProportion, LargeTotals) {
  // 2^62 + 1 by 1:1:1: the exact third is 1537228672809129301.67; a double cannot hold the
  // total exactly, yet the parts must still add up to it, each within 1 of the exact third.
  const std::int64_t total = (std::int64_t{1} << 62) + 1;
  const std::vector<std::int64_t> parts = split(total, {1, 1, 1});
  EXPECT_EQ(sum_of(parts), total);
  for (const std::int64_t p : parts) {
    EXPECT_LE(std::abs(static_cast<long double>(p) - static_cast<long double>(total) / 3), 1.0L);
  }
}

// The invariant, over many random inputs: the parts add up exactly to the total, and each part
// is within 1 of its exact share total x w / sum (or total / n when every weight is zero).
TEST(SplitInProportion, PartsAreExactAndFairOverRandomInputs) {
  boost::random::mt19937_64 rng{20210501};
  boost::random::uniform_int_distribution<int> n_dist{1, 40};
  boost::random::uniform_int_distribution<int> kind{0, 9};
  boost::random::uniform_int_distribution<int> magnitude{-3, 9};
  boost::random::uniform_real_distribution<double> unit{0.0, 1.0};
  boost::random::uniform_int_distribution<std::int64_t> big_total{0, 1'000'000'000};
  boost::random::uniform_int_distribution<std::int64_t> small_total{0, 100};
  int all_zero_cases = 0;
  for (int trial = 0; trial < 20'000; ++trial) {
    const int n = n_dist(rng);
    std::vector<double> weights;
    const bool force_all_zero = trial % 50 == 0;
    const bool integer_weights = trial % 3 == 0;  // dose counts, with many ties
    for (int i = 0; i < n; ++i) {
      if (force_all_zero || kind(rng) < 3) {
        weights.push_back(0.0);
      } else if (integer_weights) {
        weights.push_back(std::floor(unit(rng) * 10.0));
      } else {
        weights.push_back(unit(rng) * std::pow(10.0, magnitude(rng)));
      }
    }
    const std::int64_t total = trial % 2 == 0 ? big_total(rng) : small_total(rng);
    const std::vector<std::int64_t> parts = split_in_proportion(total, weights);

    ASSERT_EQ(parts.size(), weights.size()) << "trial " << trial;
    ASSERT_EQ(sum_of(parts), total) << "trial " << trial;
    long double sum = 0;
    for (const double w : weights) sum += w;
    if (sum == 0) ++all_zero_cases;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const long double exact =
          sum > 0 ? static_cast<long double>(total) * weights[i] / sum
                  : static_cast<long double>(total) / static_cast<long double>(parts.size());
      ASSERT_GE(parts[i], 0) << "trial " << trial << " part " << i;
      ASSERT_LE(std::fabs(static_cast<long double>(parts[i]) - exact), 1.0L)
          << "trial " << trial << " part " << i << " total " << total << " weight " << weights[i];
      if (weights[i] == 0 && sum > 0) {
        ASSERT_EQ(parts[i], 0) << "trial " << trial;
      }
    }
  }
  EXPECT_GE(all_zero_cases, 400);  // every 50th trial at least
}

// --- The built-in policies -----------------------------------------------------------------

TEST(ByPopulation, ProportionalToResidents) {
  const supply::ByPopulation policy;
  EXPECT_EQ(policy.name(), "population");
  // Residents 100:300:600 share 1000 -> 100, 300, 600; stock and needs play no part.
  const std::vector<CityNeeds> cities{
      {.residents = 100, .first_dose_backlog = 0, .second_doses_due = 0, .stock = 5000},
      {.residents = 300, .first_dose_backlog = 9999},
      {.residents = 600, .desk_capacity = 1}};
  EXPECT_THAT(policy.split(1000, cities), ElementsAre(100, 300, 600));
  // 10 by 1:1:1 -> 4, 3, 3 (largest remainders, ties to the lower index).
  const std::vector<CityNeeds> equal{{.residents = 1}, {.residents = 1}, {.residents = 1}};
  EXPECT_THAT(policy.split(10, equal), ElementsAre(4, 3, 3));
  EXPECT_THAT(policy.split(0, equal), ElementsAre(0, 0, 0));
}

TEST(ByBacklog, ByBacklogPlusSecondDosesDueLessStockFlooredAtZero) {
  const supply::ByBacklog policy;
  EXPECT_EQ(policy.name(), "backlog");
  // Need: A 500 + 100 - 200 = 400; B 100 + 0 - 300 = -200 -> 0; C 300 + 100 - 0 = 400.
  const std::vector<CityNeeds> cities{
      {.residents = 1, .first_dose_backlog = 500, .second_doses_due = 100, .stock = 200},
      {.residents = 1'000'000, .first_dose_backlog = 100, .second_doses_due = 0, .stock = 300},
      {.residents = 1, .first_dose_backlog = 300, .second_doses_due = 100, .stock = 0}};
  // 800 by 400:0:400 -> 400, 0, 400.
  EXPECT_THAT(policy.split(800, cities), ElementsAre(400, 0, 400));
  // 1001 by 400:0:400 -> 500.5, 0, 500.5 -> 500, 0, 500 + the one left to index 0.
  EXPECT_THAT(policy.split(1001, cities), ElementsAre(501, 0, 500));
  // More than needed: 2000 -> 1000, 0, 1000 (B still gets nothing).
  EXPECT_THAT(policy.split(2000, cities), ElementsAre(1000, 0, 1000));
}

TEST(ByDeskCapacity, ByCapacityLessStockFlooredAtZero) {
  const supply::ByDeskCapacity policy;
  EXPECT_EQ(policy.name(), "capacity");
  // Weight: A 1000 - 200 = 800; B 500 - 0 = 500; C 300 - 400 = -100 -> 0.
  const std::vector<CityNeeds> cities{
      {.first_dose_backlog = 7, .desk_capacity = 1000, .stock = 200},
      {.residents = 99, .desk_capacity = 500, .stock = 0},
      {.second_doses_due = 50, .desk_capacity = 300, .stock = 400}};
  // 650 by 800:500:0 (sum 1300) -> 400, 250, 0.
  EXPECT_THAT(policy.split(650, cities), ElementsAre(400, 250, 0));
  // 13 by 800:500:0 -> exact 8, 5, 0.
  EXPECT_THAT(policy.split(13, cities), ElementsAre(8, 5, 0));
}

namespace {

// Second doses due net of stock: A 300 - 100 = 200, B 100 - 0 = 100, C 0 - 50 -> 0 (total 300);
// first-dose backlog A 1000, B 0, C 3000.
std::vector<CityNeeds> second_dose_cities() {
  return {{.first_dose_backlog = 1000, .second_doses_due = 300, .stock = 100},
          {.first_dose_backlog = 0, .second_doses_due = 100, .stock = 0},
          {.first_dose_backlog = 3000, .second_doses_due = 0, .stock = 50}};
}

}  // namespace

TEST(SecondDosesFirst, CoversSecondDosesThenBacklog) {
  const supply::SecondDosesFirst policy;
  EXPECT_EQ(policy.name(), "second_doses_first");
  const std::vector<CityNeeds> cities = second_dose_cities();
  // 1300: 300 to second doses (200, 100, 0), the 1000 left by backlog 1000:0:3000
  // (250, 0, 750) -> 450, 100, 750.
  EXPECT_THAT(policy.split(1300, cities), ElementsAre(450, 100, 750));
  // Exactly the second doses due: 200, 100, 0, nothing for first doses.
  EXPECT_THAT(policy.split(300, cities), ElementsAre(200, 100, 0));
}

TEST(SecondDosesFirst, TooFewForSecondDosesSplitsThemByNeed) {
  const supply::SecondDosesFirst policy;
  const std::vector<CityNeeds> cities = second_dose_cities();
  // 200 < 300 due: all to second doses, by 200:100:0 -> 133.33, 66.67, 0 -> 133, 66 (199),
  // the one left to the larger remainder (index 1) -> 133, 67, 0; C's backlog gets nothing.
  EXPECT_THAT(policy.split(200, cities), ElementsAre(133, 67, 0));
  EXPECT_THAT(policy.split(0, cities), ElementsAre(0, 0, 0));
}

namespace {

std::vector<CityNeeds> random_cities(boost::random::mt19937_64& rng) {
  boost::random::uniform_int_distribution<int> n_dist{1, 12};
  boost::random::uniform_int_distribution<int> coin{0, 3};
  boost::random::uniform_int_distribution<std::int64_t> count{0, 2'000'000};
  const auto maybe = [&] { return coin(rng) == 0 ? std::int64_t{0} : count(rng); };
  std::vector<CityNeeds> cities(static_cast<std::size_t>(n_dist(rng)));
  for (CityNeeds& c : cities) {
    c.residents = maybe();
    c.first_dose_backlog = maybe();
    c.second_doses_due = maybe();
    c.desk_capacity = maybe();
    c.stock = maybe();
  }
  return cities;
}

double positive(double x) { return x > 0 ? x : 0.0; }
double as_double(std::int64_t x) { return static_cast<double>(x); }

// Whether a policy has any positive weight for these cities.
bool any_weight(std::string_view policy, const std::vector<CityNeeds>& cities) {
  for (const CityNeeds& c : cities) {
    double w = 0;
    if (policy == "population") w = as_double(c.residents);
    if (policy == "backlog") {
      w = positive(as_double(c.first_dose_backlog + c.second_doses_due - c.stock));
    }
    if (policy == "capacity") w = positive(as_double(c.desk_capacity - c.stock));
    if (policy == "second_doses_first") {
      w = positive(as_double(c.second_doses_due - c.stock)) + as_double(c.first_dose_backlog);
    }
    if (w > 0) return true;
  }
  return false;
}

}  // namespace

// On random provinces: never more than the province had, exactly that when the policy has any
// positive weight, nothing negative; SecondDosesFirst covers second doses before anything else.
TEST(AllocationPolicies, NeverGiveMoreThanTheProvinceHas) {
  boost::random::mt19937_64 rng{42};
  boost::random::uniform_int_distribution<std::int64_t> available_dist{0, 20'000'000};
  const std::vector<std::string> names{"population", "backlog", "capacity", "second_doses_first"};
  for (int week = 0; week < 2'000; ++week) {
    const std::vector<CityNeeds> cities = random_cities(rng);
    const std::int64_t available = week % 10 == 0 ? 0 : available_dist(rng);
    for (const std::string& name : names) {
      const auto policy = supply::make_allocation_policy(name);
      ASSERT_NE(policy, nullptr);
      const std::vector<std::int64_t> parts = policy->split(available, cities);
      ASSERT_EQ(parts.size(), cities.size()) << name << " week " << week;
      for (const std::int64_t p : parts) ASSERT_GE(p, 0) << name << " week " << week;
      EXPECT_LE(sum_of(parts), available) << name << " week " << week;
      if (any_weight(name, cities)) {
        EXPECT_EQ(sum_of(parts), available) << name << " week " << week;
      }
      if (name == "second_doses_first") {
        std::int64_t due_total = 0;
        for (const CityNeeds& c : cities)
          due_total += std::max<std::int64_t>(0, c.second_doses_due - c.stock);
        for (std::size_t i = 0; i < cities.size(); ++i) {
          const std::int64_t due =
              std::max<std::int64_t>(0, cities[i].second_doses_due - cities[i].stock);
          if (available >= due_total) {
            EXPECT_GE(parts[i], due) << "week " << week << " city " << i;
          } else {
            EXPECT_LE(parts[i], due) << "week " << week << " city " << i;
          }
        }
      }
    }
  }
}

TEST(AllocationPolicies, MadeByName) {
  const auto population = supply::make_allocation_policy("population");
  const auto backlog = supply::make_allocation_policy("backlog");
  const auto capacity = supply::make_allocation_policy("capacity");
  const auto seconds = supply::make_allocation_policy("second_doses_first");
  ASSERT_NE(population, nullptr);
  ASSERT_NE(backlog, nullptr);
  ASSERT_NE(capacity, nullptr);
  ASSERT_NE(seconds, nullptr);
  EXPECT_EQ(population->name(), "population");
  EXPECT_EQ(backlog->name(), "backlog");
  EXPECT_EQ(capacity->name(), "capacity");
  EXPECT_EQ(seconds->name(), "second_doses_first");
  EXPECT_NE(dynamic_cast<const supply::ByPopulation*>(population.get()), nullptr);
  EXPECT_NE(dynamic_cast<const supply::ByBacklog*>(backlog.get()), nullptr);
  EXPECT_NE(dynamic_cast<const supply::ByDeskCapacity*>(capacity.get()), nullptr);
  EXPECT_NE(dynamic_cast<const supply::SecondDosesFirst*>(seconds.get()), nullptr);
}

TEST(AllocationPolicies, UnknownNameGivesNull) {
  EXPECT_EQ(supply::make_allocation_policy(""), nullptr);
  EXPECT_EQ(supply::make_allocation_policy("equal"), nullptr);
  EXPECT_EQ(supply::make_allocation_policy("Population"), nullptr);
  EXPECT_EQ(supply::make_allocation_policy("population "), nullptr);
  EXPECT_EQ(supply::make_allocation_policy("second-doses-first"), nullptr);
}

namespace {

// What a planning tool might add: every city the same, whatever it looks like.
class EqualShares final : public supply::AllocationPolicy {
 public:
  std::string_view name() const override { return "equal"; }
  std::vector<std::int64_t> split(std::int64_t available,
                                  std::span<const CityNeeds> cities) const override {
    return split_in_proportion(available, std::vector<double>(cities.size(), 1.0));
  }
};

}  // namespace

TEST(AllocationPolicies, APlanningToolCanAddAPolicy) {
  supply::SupplyPlan plan;
  plan.allocation = std::make_shared<EqualShares>();
  const supply::AllocationPolicy& policy = *plan.allocation;
  EXPECT_EQ(policy.name(), "equal");
  const std::vector<CityNeeds> cities{{.residents = 1}, {.residents = 1000}, {.residents = 5}};
  // 10 over three equal weights -> 4, 3, 3.
  EXPECT_THAT(policy.split(10, cities), ElementsAre(4, 3, 3));
}
