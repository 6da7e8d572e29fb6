#pragma once
// What a run produces: a city x day table of plain numbers, and the province totals derived
// from it. Reports, tests and planning tools all read these same numbers.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vaxsim/model/bottleneck.hpp"
#include "vaxsim/model/supply_record.hpp"
#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/sim/matrix.hpp"

namespace vaxsim::model {

/// The measures kept per city and day. Counts are people or doses; "cumulative" ones are
/// levels at the end of the day, the others are that day's flow.
enum class Measure : int {
  first_doses,        // first doses given
  second_doses,       // second doses given
  people_one_dose,    // cumulative: people with exactly one dose (including before the start)
  people_two_doses,   // cumulative: people with both doses (including before the start)
  delivered,          // doses arriving in the city's store
  stock,              // end of day: doses in the city's store and its sites
  wasted,             // doses lost in use
  desks_open,         // desks staffed and open (sum over sites)
  utilisation,        // share of open desk time spent serving, 0..1
  mean_wait,          // minutes from arrival to a desk, people served
  p95_wait,           // minutes, 95th percentile
  unmet,              // people who came and were sent home (closing time or no stock)
  no_stock,           // of whom turned away because the site had no dose for them
  capacity,           // appointments the desks could take (morning estimate)
  available_stock,    // doses the city could use that day (morning, after reservation)
  demand,             // people ready to come (morning)
  booked,             // appointments made
  late_second_doses,  // second doses given after the product's maximum interval
  open_hours,         // desk-weighted mean opening hours of open sites
  expired,            // doses past their expiry day, removed from the city's store and sites
  stock_on_hand,      // doses at the open sites in the morning, before any was kept back
};
inline constexpr int kMeasureCount = static_cast<int>(Measure::stock_on_hand) + 1;

std::string_view to_string(Measure m);

/// Whether a measure's province value is the sum of its cities' values: true for all but
/// utilisation, mean_wait, p95_wait and open_hours (CityDayTable::province() weighs those).
bool adds_up(Measure m);

/// One matrix per measure: rows are days, columns are cities. For arithmetic on a column, view it
/// with sim::as_eigen (sim/eigen_view.hpp).
class CityDayTable {
 public:
  CityDayTable() = default;
  CityDayTable(sim::Date start, int days, std::vector<std::string> cities);

  int days() const { return days_; }
  int cities() const { return static_cast<int>(city_names_.size()); }
  sim::Date start() const { return start_; }
  sim::Date date(int day) const;
  const std::vector<std::string>& city_names() const { return city_names_; }

  double& at(Measure m, int day, int city) { return columns_[index(m)](day, city); }
  double at(Measure m, int day, int city) const { return columns_[index(m)](day, city); }
  const sim::Matrix& column(Measure m) const { return columns_[index(m)]; }
  sim::Matrix& column(Measure m) { return columns_[index(m)]; }

  Bottleneck& bottleneck(int day, int city) { return bottlenecks_[flat(day, city)]; }
  Bottleneck bottleneck(int day, int city) const { return bottlenecks_[flat(day, city)]; }

  /// The province's value of a measure on a day: the one rule that the CSV's PROVINCE rows,
  /// run::Ensemble and the reports all read (docs/output-format.md, city_days.csv).
  ///   sum           every measure that adds_up(): counts of doses, people, desks, flows, levels
  ///   utilisation   weighted by open desk-hours (desks_open x open_hours): busy desk time over
  ///                 open desk time province-wide; 0 when no desk was open
  ///   open_hours    weighted by desks_open (desk-weighted mean, as for a city); 0 when none
  ///   mean_wait     weighted by people served (first_doses + second_doses); 0 when none
  ///   p95_wait      the largest city p95 among cities that served someone: percentiles do not
  ///                 add up, and the province's p95 is never above this bound; 0 when none
  double province(Measure m, int day) const;
  /// The province's bottleneck on a day: the reason most cities fell short (ties in the rule's
  /// order, kShortfallReasons: no_stock, held_back, desks, hours, demand); none when no city fell
  /// short.
  Bottleneck province_bottleneck(int day) const;

 private:
  static std::size_t index(Measure m) { return static_cast<std::size_t>(m); }
  std::size_t flat(int day, int city) const {
    return static_cast<std::size_t>(day) * city_names_.size() + static_cast<std::size_t>(city);
  }

  sim::Date start_{};
  int days_ = 0;
  std::vector<std::string> city_names_;
  std::array<sim::Matrix, kMeasureCount> columns_;
  std::vector<Bottleneck> bottlenecks_;
};

/// Doses given per product and day (province), first and second.
struct ProductDoses {
  std::string product;
  sim::Vector first;   // per day
  sim::Vector second;  // per day
};

/// Everything one replication produced.
struct CampaignResult {
  CityDayTable table;
  std::vector<ProductDoses> by_product;
  NetworkRecord network;
  /// Doses at the province, each city's store and sites, day by day.
  SupplyRecord supply;
  /// Doses given before the campaign's first day (prior vaccinations).
  std::int64_t prior_doses = 0;
  /// Conservation, province-wide: delivered to the province store over the run, and what is
  /// left there and in transit at the end.
  std::int64_t province_received = 0;
  std::int64_t province_stock_end = 0;  // unallocated, and allocated but not yet loaded
  std::int64_t in_transit_end = 0;
  /// Second doses never given although their window closed before the end of the run.
  std::int64_t missed_second_doses = 0;
  /// Second doses overdue at the start (prior one-dose people due before the first day): a
  /// backlog the run inherits (Verdict::inherited_backlog).
  std::int64_t overdue_at_start = 0;
  std::uint64_t events = 0;  // simulator events processed, all sites
};

}  // namespace vaxsim::model
