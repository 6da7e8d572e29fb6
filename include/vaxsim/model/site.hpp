#pragma once
// Vaccination sites: where desks, hours and the observation area meet.

#include <cstdint>
#include <string>
#include <vector>

#include "vaxsim/model/population.hpp"
#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/sim/distributions.hpp"

namespace vaxsim::model {

enum class SiteKind { fixed, temporary, mobile };

/// Opening hours in force from a date on (until the next change).
struct OpeningHours {
  sim::Date from;
  sim::Duration open;   // time of day
  sim::Duration close;  // time of day, after open; 24:00 at most
};

/// A stop of a mobile site: it serves from `from` to `to` (inclusive); days between stops are
/// spent moving and closed.
struct MobileStop {
  sim::Date from;
  sim::Date to;
  std::string place;
};

/// One site, or a family of `count` identical sites opening along `growth`.
struct SiteSpec {
  std::string name;
  std::size_t city = 0;  // index into CampaignConfig::cities
  /// The county store (a county node of supply.cold_chain, supplied by the city's node) the site
  /// draws its doses from; empty: the city's store.
  std::string store;
  SiteKind kind = SiteKind::fixed;
  int count = 1;
  /// Share of `count` open by date (linear between points); empty: all open from the start.
  DatedCurve growth;
  int desks = 1;
  int staff_per_desk = 2;
  /// Seats in the observation area; people wait at the desk while it is full.
  int observation_seats = 30;
  sim::Duration observation = std::chrono::minutes{30};
  /// Desk service time, minutes (registration, screening and injection at one desk).
  sim::Distribution service_minutes = sim::Distribution::constant(4.0);
  std::vector<OpeningHours> hours;  // sorted by date; the first applies from campaign start
  std::vector<sim::Date> closed_on;
  std::vector<MobileStop> stops;  // mobile sites only; empty: always on station
};

}  // namespace vaxsim::model
