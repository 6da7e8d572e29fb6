#pragma once
// The morning's booking (booking.cpp): a city's day planned, its sites topped up, its people
// booked to its open sites.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "campaign_state.hpp"
#include "second_dose_book.hpp"
#include "vaxsim/model/dose_policy.hpp"
#include "vaxsim/supply/dose_flow.hpp"

namespace vaxsim::model::detail {

class Booking {
 public:
  Booking(CampaignState& state, SecondDoseBook& book, supply::DoseFlow& flow);

  /// City c's morning: those ready join the backlog and those due the queues, its sites are
  /// planned and topped up, and the day's visits are booked into `visits`, each open site's
  /// together (SiteState::visits); no-shows stay home (CityState::no_shows).
  void morning(int day, std::size_t c, std::vector<Visit>& visits);

 private:
  void release_ready_people(int day, std::size_t c);
  const DosePolicy& policy_on(int day) const;
  void plan_sites(int day, std::size_t c);
  void dispatch(int day, std::size_t c);
  std::int64_t first_dose_budget(int day, std::size_t c, std::size_t p,
                                 const std::vector<std::size_t>& open, std::int64_t used,
                                 int reserve_days, int days_left) const;
  void book(int day, std::size_t c, std::vector<Visit>& visits);
  void lay_out_visits(std::size_t c, std::span<const std::size_t> open, std::vector<Visit>& all);

  /// Visits booked at a city's open site, `count` of them like `visit`. Second doses are people
  /// due as a run (DueRun): their ids run on from the visit's.
  struct Booked {
    std::size_t site;  // index into the day's open sites
    std::uint32_t count;
    Visit visit;
  };

  CampaignState& st_;
  SecondDoseBook& book_;
  supply::DoseFlow& flow_;
  std::vector<Booked> bookings_;        // book()'s, kept for their memory
  std::vector<const Booked*> by_site_;  // lay_out_visits'
  std::vector<double> site_capacity_;   // dispatch's
};

}  // namespace vaxsim::model::detail
