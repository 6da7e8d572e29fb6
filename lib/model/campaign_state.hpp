#pragma once
// The campaign's state while it runs: the config, this replication's draws, each city's people
// and each site's plan for the day, and the results as they are written. The day's driver
// (campaign.cpp) owns it; the morning's booking (booking.hpp) and the evening's records
// (evening.hpp) work on it. The doses are not here: they are the dose flow's
// (supply/dose_flow.hpp), and the people due for a second dose the book's
// (second_dose_book.hpp).

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/site_day.hpp"
#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/sim/count.hpp"
#include "vaxsim/sim/histogram.hpp"
#include "vaxsim/sim/random.hpp"

namespace vaxsim::model::detail {

using sim::floor_to_count;

/// A site while the campaign runs.
struct SiteState {
  const SiteSpec* spec = nullptr;
  std::size_t city = 0;
  int first_day_open = 0;
  SiteDay day;

  // Today's plan.
  bool open_today = false;
  sim::Duration opens{}, closes{};
  int desks_open = 0;
  double capacity = 0;      // appointments it can take today
  std::span<Visit> visits;  // those who come, in its city's visits (campaign.cpp's visits_of)

  SiteState(const SiteSpec& s, std::size_t c, int first_open, sim::RandomEngine engine,
            SiteDayMethod method)
      : spec{&s}, city{c}, first_day_open{first_open}, day{std::move(engine), method} {}
};

struct CityState {
  std::vector<std::int64_t> willing;   // per group: people who will ever come
  std::vector<std::int64_t> released;  // per group: ready so far
  std::vector<std::int64_t> backlog;   // per group: ready, no first dose yet
  std::vector<std::size_t> sites;      // all the city's sites, whichever store supplies them
  // Those of them open by today (or closed for the day only), in the same order: the others have
  // no stock, desks or visits, and the day's loops over sites need not look at them.
  std::vector<std::size_t> active;
  int next_opening = 0;  // the first day a site of the city not yet active opens
  std::int64_t one_dose = 0;
  std::int64_t two_doses = 0;
  std::vector<Visit> no_shows;              // today's: booked, did not come
  sim::Histogram waits{0.0, 1.0, 24 * 60};  // today's waits at the city's sites, minutes
  sim::RandomEngine booking;
  sim::RandomEngine returns;
  sim::RandomEngine wastage;
  sim::RandomEngine staff;
  // Scratch: a site's doses per product, from its lots (supply::DoseFlow::at_site), for SiteDay
  // to draw down while the day runs; the site's evening takes the doses given out of the lots.
  std::vector<std::int64_t> stock_today;
};

struct CampaignState {
  CampaignState(const CampaignConfig& config, const RunOptions& options)
      : cfg{config},
        streams{options.seed, options.replication},
        calendar{config.start},
        days{calendar.day_index(config.end) + 1},
        products{config.products.size()},
        groups{config.groups.size()} {}

  const CampaignConfig& cfg;
  sim::RandomStreams streams;
  sim::Calendar calendar;
  int days;
  std::size_t products;
  std::size_t groups;
  // This replication's draws of what the planner is unsure of (see uncertainty.hpp).
  double uptake_factor = 1.0;
  double no_show = 0.0;
  double service_scale = 1.0;

  std::vector<CityState> cities;
  std::deque<SiteState> sites;  // SiteDay holds a simulator, which must not move
  std::uint32_t people = 0;     // the next person's id: people are numbered by first dose
  CampaignResult result;
};

}  // namespace vaxsim::model::detail
