#pragma once
// The test towns: small hand-made campaigns that tests build on, each computed by hand or quick
// to simulate (a few milliseconds a run). A test that needs a variant makes it from one of these,
// in its own file, saying what it changes.
//
//   one_desk_town          one town, one desk, 12 doses a day: the hand-computed case
//   one_day_binomial       one_desk_town for one day with no-shows: Binomial(12, 1 - no_show)
//   two_towns              two towns, four weeks, random enough that replications differ
//   two_towns_by_truck     two towns supplied by trucks that carry less than the towns could give
//   two_towns_by_truck_with_targets
//                          the same by truck, random, with targets that the trucks make binding
//   two_towns_yaml         a scenario file of two towns (not the towns above), for the program
//                          and the scenario reader

#include <filesystem>

#include "vaxsim/model/campaign_config.hpp"

namespace vaxsim::test {

/// One town of 1,000, one desk open 08:00-10:00, ten minutes a person, everyone at the door at
/// opening, no no-shows, no observation, no lead time: the desk serves exactly 12 people a day
/// (08:00 ... 09:50). One inactivated product (21-56 days, second dose on day 21). No stock:
/// the caller gives it, and changes what its case needs. 1-30 May 2021 unless told.
model::CampaignConfig one_desk_town(const char* start = "2021-05-01",
                                    const char* end = "2021-05-30");

/// One day, one desk with twelve appointments (08:00-10:00, ten minutes each), everyone booked
/// at opening and each booked person staying home with probability `no_show`: the day's doses
/// are Binomial(12, 1 - no_show), exactly.
model::CampaignConfig one_day_binomial(double no_show);

/// Two towns (North 6,000, South 4,000), one product, four weeks (1-28 May 2021); random service
/// and return times, no-shows, walk-ins; weekly deliveries allocated by population; targets.
model::CampaignConfig two_towns();

/// Two towns (North 20,000, South 10,000) with plenty of desks, 1-31 May 2021; two products, A
/// and B; the province holds 4,200 A and 2,800 B on day 0 and allocates them by population
/// (2:1), 3% wastage. Trucks: 1 truck x 100 doses x 2 trips = 200 a day to North (lead 2
/// days), 3 x 100 x 1 = 300 a day to South (lead 1 day). Constant 3-minute service; no targets.
model::CampaignConfig two_towns_by_truck();

/// two_towns_by_truck with product A only (7,000 doses on day 0), no wastage, random service
/// (lognormal, mean 3 minutes) and 20% no-shows, so that replications differ; and targets the
/// trucks cannot carry (600 doses a day, North 400, South 250), so that links bind.
model::CampaignConfig two_towns_by_truck_with_targets();

/// tests/support/two-towns.yaml: two towns (North 20,000, South 12,000), one product, six weeks
/// (1 May - 11 June 2021), seed 7; targets from 15 May. For the tests that run the program or
/// read scenario files.
std::filesystem::path two_towns_yaml();

}  // namespace vaxsim::test
