#pragma once
// The evening's records (evening.cpp): each site's day into the people, the queues, the dose
// flow and the city's evening; then the city's row of the day.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "campaign_state.hpp"
#include "second_dose_book.hpp"
#include "vaxsim/supply/dose_flow.hpp"

namespace vaxsim::model::detail {

/// A city's evening, summed over its sites.
struct CityEvening {
  double firsts = 0, seconds = 0, unmet = 0, no_stock = 0, wasted = 0;
  double desks = 0, busy = 0, open_seconds = 0, hours_weighted = 0;
  std::int64_t wait_ms = 0;  // summed over everyone served (exact)
  std::int64_t served = 0;
  std::int64_t late = 0;
  std::vector<std::int64_t> firsts_of, seconds_of;  // per product
  std::vector<std::int64_t> site_given_of;          // per product, the site being recorded
  std::vector<DueRun> seconds_back;                 // due people who did not get their dose today
  // Today's first-dose people by cohort: product, then the day they fall due, from today to
  // the last day of the run, then one for after it (see cohort()); and, when a DoseObserver
  // wants their ids, per product each one's cohort, in the order their doses were recorded.
  std::vector<std::uint32_t> cohort_size;
  std::vector<std::vector<std::uint32_t>> cohort_of;
  int cohort_days = 0;

  CityEvening(std::size_t products, int day, int days)
      : firsts_of(products, 0),
        seconds_of(products, 0),
        site_given_of(products, 0),
        cohort_size(products * static_cast<std::size_t>(days - day + 1), 0),
        cohort_of(products),
        cohort_days{days - day + 1} {}

  std::size_t cohort(std::size_t product, int due_day, int day) const {
    return product * static_cast<std::size_t>(cohort_days) +
           static_cast<std::size_t>(std::min(due_day - day, cohort_days - 1));
  }
};

class Evening {
 public:
  Evening(CampaignState& state, SecondDoseBook& book, supply::DoseFlow& flow,
          DoseObserver* observer);

  /// One site's day (site s of city c) into the people, the queues and the city's evening.
  void record_site(int day, std::size_t c, std::size_t s, const SiteDayOutcome& out,
                   CityEvening& e);
  /// City c's row of the day, once all its sites are recorded; `outcomes` per active site (read
  /// only for a DoseObserver).
  void record_city(int day, std::size_t c, CityEvening& e,
                   std::span<const SiteDayOutcome> outcomes);

 private:
  void give_back(CityState& city, const Visit& v, std::vector<DueRun>& seconds);
  void draw_return_days(int day, std::size_t c, CityEvening& e);
  void number_first_doses(int day, std::size_t c, CityEvening& e,
                          std::span<const SiteDayOutcome> outcomes);

  CampaignState& st_;
  SecondDoseBook& book_;
  supply::DoseFlow& flow_;
  DoseObserver* observer_;
  std::vector<double> intervals_;  // draw_return_days', kept for its memory
};

}  // namespace vaxsim::model::detail
