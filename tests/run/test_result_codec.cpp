// Results and verdicts as bytes and back: every field exact (doubles bit for bit, NaN included),
// and a truncated, padded or corrupt buffer rejected with std::invalid_argument. The comparisons
// here are field by field, never through the codec itself, so a field the codec drops fails them.

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <vector>

#include "support/towns.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/run/result_codec.hpp"

using namespace vaxsim;
using model::Measure;

namespace {

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

template <class M>
bool same_bits(const M& a, const M& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         (a.size() == 0 || std::memcmp(a.data(), b.data(),
                                       sizeof(double) * static_cast<std::size_t>(a.size())) == 0);
}

void expect_same(const model::CampaignResult& a, const model::CampaignResult& b) {
  EXPECT_EQ(a.table.start(), b.table.start());
  EXPECT_EQ(a.table.days(), b.table.days());
  EXPECT_EQ(a.table.city_names(), b.table.city_names());
  for (int m = 0; m < model::kMeasureCount; ++m) {
    const auto measure = static_cast<Measure>(m);
    EXPECT_TRUE(same_bits(a.table.column(measure), b.table.column(measure)))
        << model::to_string(measure);
  }
  ASSERT_EQ(a.table.cities(), b.table.cities());
  for (int d = 0; d < a.table.days(); ++d) {
    for (int c = 0; c < a.table.cities(); ++c) {
      ASSERT_EQ(a.table.bottleneck(d, c), b.table.bottleneck(d, c)) << d << ", " << c;
    }
  }
  ASSERT_EQ(a.by_product.size(), b.by_product.size());
  for (std::size_t p = 0; p < a.by_product.size(); ++p) {
    EXPECT_EQ(a.by_product[p].product, b.by_product[p].product);
    EXPECT_TRUE(same_bits(a.by_product[p].first, b.by_product[p].first));
    EXPECT_TRUE(same_bits(a.by_product[p].second, b.by_product[p].second));
  }
  EXPECT_EQ(a.network.links, b.network.links);
  EXPECT_EQ(a.network.link_city, b.network.link_city);
  EXPECT_TRUE(same_bits(a.network.bound, b.network.bound));
  EXPECT_TRUE(same_bits(a.network.shipped, b.network.shipped));
  EXPECT_TRUE(same_bits(a.network.link_flow, b.network.link_flow));
  EXPECT_EQ(a.network.binding_links, b.network.binding_links);
  EXPECT_EQ(a.supply.nodes, b.supply.nodes);
  EXPECT_EQ(a.supply.kinds, b.supply.kinds);
  EXPECT_TRUE(same_bits(a.supply.received, b.supply.received));
  EXPECT_TRUE(same_bits(a.supply.sent, b.supply.sent));
  EXPECT_TRUE(same_bits(a.supply.stock, b.supply.stock));
  EXPECT_TRUE(same_bits(a.supply.wasted, b.supply.wasted));
  EXPECT_TRUE(same_bits(a.supply.expired, b.supply.expired));
  EXPECT_TRUE(same_bits(a.supply.overflow, b.supply.overflow));
  EXPECT_TRUE(same_bits(a.supply.stock_out, b.supply.stock_out));
  EXPECT_EQ(a.prior_doses, b.prior_doses);
  EXPECT_EQ(a.province_received, b.province_received);
  EXPECT_EQ(a.province_stock_end, b.province_stock_end);
  EXPECT_EQ(a.in_transit_end, b.in_transit_end);
  EXPECT_EQ(a.missed_second_doses, b.missed_second_doses);
  EXPECT_EQ(a.overdue_at_start, b.overdue_at_start);
  EXPECT_EQ(a.events, b.events);
}

void expect_same(const model::Verdict& a, const model::Verdict& b) {
  EXPECT_EQ(a.daily_target, b.daily_target);
  EXPECT_EQ(a.daily_first_reached, b.daily_first_reached);
  EXPECT_EQ(a.daily_sustained_from, b.daily_sustained_from);
  EXPECT_EQ(a.daily_days_met, b.daily_days_met);
  EXPECT_EQ(a.daily_days_in_window, b.daily_days_in_window);
  EXPECT_TRUE(same_bits(a.daily_best, b.daily_best));
  EXPECT_TRUE(same_bits(a.daily_mean, b.daily_mean));
  ASSERT_EQ(a.cities.size(), b.cities.size());
  for (std::size_t c = 0; c < a.cities.size(); ++c) {
    const model::CityVerdict& x = a.cities[c];
    const model::CityVerdict& y = b.cities[c];
    EXPECT_EQ(x.city, y.city);
    EXPECT_EQ(x.target, y.target);
    EXPECT_EQ(x.days_met, y.days_met);
    EXPECT_EQ(x.days_in_window, y.days_in_window);
    EXPECT_TRUE(same_bits(x.mean_daily, y.mean_daily));
    EXPECT_TRUE(same_bits(x.best_day, y.best_day));
    EXPECT_EQ(x.short_days_by, y.short_days_by);
    EXPECT_EQ(x.main_bottleneck, y.main_bottleneck);
  }
  EXPECT_EQ(a.deadline, b.deadline);
  EXPECT_EQ(a.people_fully_target, b.people_fully_target);
  EXPECT_EQ(a.people_fully_by_deadline, b.people_fully_by_deadline);
  EXPECT_EQ(a.people_one_dose_by_deadline, b.people_one_dose_by_deadline);
  EXPECT_EQ(a.doses_target, b.doses_target);
  EXPECT_EQ(a.doses_by_deadline, b.doses_by_deadline);
  ASSERT_EQ(a.coverage.size(), b.coverage.size());
  for (std::size_t c = 0; c < a.coverage.size(); ++c) {
    EXPECT_TRUE(same_bits(a.coverage[c].level, b.coverage[c].level));
    EXPECT_EQ(a.coverage[c].people, b.coverage[c].people);
    EXPECT_EQ(a.coverage[c].reached, b.coverage[c].reached);
  }
  EXPECT_EQ(a.short_city_days_by, b.short_city_days_by);
  ASSERT_EQ(a.binding_links.size(), b.binding_links.size());
  for (std::size_t l = 0; l < a.binding_links.size(); ++l) {
    EXPECT_EQ(a.binding_links[l].link, b.binding_links[l].link);
    EXPECT_EQ(a.binding_links[l].days, b.binding_links[l].days);
  }
  EXPECT_EQ(a.inherited_backlog.people, b.inherited_backlog.people);
  EXPECT_EQ(a.inherited_backlog.on_first_day, b.inherited_backlog.on_first_day);
  EXPECT_EQ(a.inherited_backlog.first_day_doses, b.inherited_backlog.first_day_doses);
  EXPECT_EQ(a.inherited_backlog.cleared, b.inherited_backlog.cleared);
  EXPECT_TRUE(same_bits(a.best_desk_day.doses_per_desk, b.best_desk_day.doses_per_desk));
  EXPECT_EQ(a.best_desk_day.date, b.best_desk_day.date);
  EXPECT_TRUE(same_bits(a.best_desk_day.reference, b.best_desk_day.reference));
  ASSERT_EQ(a.warnings.size(), b.warnings.size());
  for (std::size_t w = 0; w < a.warnings.size(); ++w) {
    EXPECT_EQ(a.warnings[w].code, b.warnings[w].code);
    EXPECT_EQ(a.warnings[w].message, b.warnings[w].message);
    EXPECT_EQ(a.warnings[w].file, b.warnings[w].file);
    EXPECT_EQ(a.warnings[w].line, b.warnings[w].line);
    EXPECT_EQ(a.warnings[w].column, b.warnings[w].column);
    EXPECT_EQ(a.warnings[w].field, b.warnings[w].field);
  }
}

// The run-layer test campaign behind a small cold chain whose trucks fall short, so that the
// network record (flows, cuts) and the verdict's binding links are filled.
model::CampaignConfig two_towns_with_trucks() {
  model::CampaignConfig c = test::two_towns();
  supply::ColdChainConfig net;
  net.nodes = {{"CDC", supply::NodeKind::province, supply::unlimited},
               {"North", supply::NodeKind::city, supply::unlimited},
               {"South", supply::NodeKind::city, supply::unlimited}};
  net.links = {{0, 1, 2, 1, 60, 1.0}, {0, 2, 1, 1, 200, 1.0}};
  c.supply.cold_chain = net;
  return c;
}

model::CampaignResult run(const model::CampaignConfig& config, std::uint64_t replication = 0) {
  model::RunOptions options;
  options.seed = 11;
  options.replication = replication;
  return model::run_campaign(config, options);
}

std::span<const std::byte> prefix(const std::vector<std::byte>& bytes, std::size_t n) {
  return std::span(bytes).first(n);
}

TEST(ResultCodec, ACampaignResultRoundTripsExactly) {
  const model::CampaignResult result = run(test::two_towns(), 3);
  ASSERT_GT(result.table.days(), 0);
  ASSERT_FALSE(result.by_product.empty());
  expect_same(run::decode_result(run::encode(result)), result);
}

TEST(ResultCodec, TheColdChainRecordRoundTrips) {
  const model::CampaignConfig config = two_towns_with_trucks();
  const model::CampaignResult result = run(config);
  ASSERT_EQ(result.network.links.size(), 2u);
  std::size_t cut_days = 0;
  for (const auto& day : result.network.binding_links) cut_days += day.empty() ? 0u : 1u;
  ASSERT_GT(cut_days, 0u) << "the trucks should bind on some day";
  expect_same(run::decode_result(run::encode(result)), result);

  const model::Verdict verdict = model::judge(config, result);
  ASSERT_FALSE(verdict.binding_links.empty());
  expect_same(run::decode_verdict(run::encode(verdict)), verdict);
}

TEST(ResultCodec, DoublesKeepEveryBit) {
  model::CampaignResult result = run(test::two_towns());
  const double quiet_nan = std::numeric_limits<double>::quiet_NaN();
  const double nan_with_payload = std::bit_cast<double>(std::uint64_t{0x7ff8'0000'dead'beefULL});
  const double negative_nan = -quiet_nan;
  sim::Matrix& waits = result.table.column(Measure::mean_wait);
  waits(0, 0) = nan_with_payload;
  waits(1, 0) = negative_nan;
  waits(2, 1) = -0.0;
  waits(3, 1) = std::numeric_limits<double>::infinity();
  waits(4, 0) = std::numeric_limits<double>::denorm_min();
  result.by_product[0].first(0) = nan_with_payload;
  result.network.bound = sim::Vector::Constant(3, -0.0);

  const model::CampaignResult back = run::decode_result(run::encode(result));
  expect_same(back, result);
  EXPECT_EQ(std::bit_cast<std::uint64_t>(back.table.at(Measure::mean_wait, 0, 0)),
            0x7ff8'0000'dead'beefULL);
  EXPECT_TRUE(std::signbit(back.table.at(Measure::p95_wait, 0, 0)) ==
              std::signbit(result.table.at(Measure::p95_wait, 0, 0)));
  EXPECT_TRUE(std::signbit(back.table.at(Measure::mean_wait, 2, 1)));
}

TEST(ResultCodec, AnEmptyResultRoundTrips) {
  const model::CampaignResult empty;
  expect_same(run::decode_result(run::encode(empty)), empty);
  const model::Verdict none{};
  expect_same(run::decode_verdict(run::encode(none)), none);
}

TEST(ResultCodec, AVerdictRoundTripsExactly) {
  const model::CampaignConfig config = test::two_towns();
  const model::Verdict verdict = model::judge(config, run(config, 5));
  ASSERT_EQ(verdict.cities.size(), 2u);
  ASSERT_FALSE(verdict.coverage.empty());
  expect_same(run::decode_verdict(run::encode(verdict)), verdict);

  model::Verdict edited = verdict;
  edited.daily_first_reached = sim::parse_date("2021-05-09");
  edited.daily_sustained_from.reset();
  edited.coverage[0].reached = sim::parse_date("2021-05-20");
  edited.cities[1].main_bottleneck = model::Bottleneck::hours;
  edited.daily_mean = std::numeric_limits<double>::quiet_NaN();
  edited.inherited_backlog = {30, 12, 40, sim::parse_date("2021-05-03")};
  edited.best_desk_day = {150.5, sim::parse_date("2021-05-02"), 134};
  edited.warnings = {{"desk_productivity_above_record", "desks gave 150.5 each"},
                     {"x", "", "towns.yaml", 23, 26, "sites[0].observation_minutes"}};
  expect_same(run::decode_verdict(run::encode(edited)), edited);
}

TEST(ResultCodec, EveryTruncatedBufferIsRejected) {
  const std::vector<std::byte> result = run::encode(run(two_towns_with_trucks()));
  for (std::size_t n = 0; n < result.size(); ++n) {
    ASSERT_THROW(run::decode_result(prefix(result, n)), std::invalid_argument) << n;
  }
  const model::CampaignConfig config = test::two_towns();
  const std::vector<std::byte> verdict = run::encode(model::judge(config, run(config)));
  for (std::size_t n = 0; n < verdict.size(); ++n) {
    ASSERT_THROW(run::decode_verdict(prefix(verdict, n)), std::invalid_argument) << n;
  }
}

TEST(ResultCodec, TrailingBytesAndTheWrongKindAreRejected) {
  const model::CampaignConfig config = test::two_towns();
  const model::CampaignResult result = run(config);
  std::vector<std::byte> padded = run::encode(result);
  padded.push_back(std::byte{0});
  EXPECT_THROW(run::decode_result(padded), std::invalid_argument);

  const std::vector<std::byte> verdict = run::encode(model::judge(config, result));
  EXPECT_THROW(run::decode_result(verdict), std::invalid_argument);
  EXPECT_THROW(run::decode_verdict(run::encode(result)), std::invalid_argument);
}

// Offsets into an encoded result: the 4-byte tag, the start date (4 + 1 + 1 bytes), the days
// (4 bytes), the number of cities (8 bytes), then each name as its length (8) and its bytes.
constexpr std::size_t kDaysAt = 4 + 6;
constexpr std::size_t kCitiesAt = kDaysAt + 4;

template <class T>
void poke(std::vector<std::byte>& bytes, std::size_t at, T value) {
  std::memcpy(bytes.data() + at, &value, sizeof value);
}

TEST(ResultCodec, CorruptCountsAreRejectedBeforeAnythingIsAllocated) {
  const std::vector<std::byte> good = run::encode(run(test::two_towns()));
  std::vector<std::byte> bytes = good;
  poke(bytes, kDaysAt, std::int32_t{std::numeric_limits<std::int32_t>::max()});
  EXPECT_THROW(run::decode_result(bytes), std::invalid_argument);
  bytes = good;
  poke(bytes, kDaysAt, std::int32_t{-1});
  EXPECT_THROW(run::decode_result(bytes), std::invalid_argument);
  bytes = good;
  poke(bytes, kCitiesAt, std::uint64_t{1} << 60);
  EXPECT_THROW(run::decode_result(bytes), std::invalid_argument);
  bytes = good;
  poke(bytes, kCitiesAt + 8, std::uint64_t{1} << 40);  // the first city name's length
  EXPECT_THROW(run::decode_result(bytes), std::invalid_argument);
}

TEST(ResultCodec, AnUnknownBottleneckIsRejected) {
  // One day, one city "C": the bottleneck byte follows the name and the kMeasureCount 1 x 1
  // matrices (rows, columns, one double).
  model::CampaignResult result;
  result.table = model::CityDayTable(sim::parse_date("2021-05-01"), 1, {"C"});
  std::vector<std::byte> bytes = run::encode(result);
  const std::size_t bottleneck_at =
      kCitiesAt + 8 + (8 + 1) + 8 + static_cast<std::size_t>(model::kMeasureCount) * (8 + 8 + 8);
  ASSERT_EQ(bytes.at(bottleneck_at), std::byte{0});
  poke(bytes, bottleneck_at, std::uint8_t{model::kBottleneckKinds - 1});
  EXPECT_EQ(run::decode_result(bytes).table.bottleneck(0, 0), model::Bottleneck::demand);
  poke(bytes, bottleneck_at, std::uint8_t{model::kBottleneckKinds});
  EXPECT_THROW(run::decode_result(bytes), std::invalid_argument);
}

}  // namespace
