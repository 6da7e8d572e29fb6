// The campaign engine: the province's day, from morning deliveries to the evening's records.
//
// Every day, in this order:
//   1. the dose flow's morning (supply/dose_flow.hpp): what is left of lots expiring today is
//      removed everywhere; deliveries reach the province store; on allocation days the province
//      splits its stock among the cities (the allocation policy, told each city's needs), and it
//      travels for `lead_days` (or waits for trucks, with a cold chain);
//   2. each city's morning (booking.hpp): who is ready, which sites are open (growth, hours,
//      mobile stops, staff), the top-up of its sites and county stores (the dose flow's, told
//      each site's capacity), then appointments (second doses due, then first doses in group
//      order, each to a product, within capacity, the dose policy and the doses each product can
//      spare beyond its own second doses); no-shows and walk-ins are drawn;
//   3. every open site simulates its day (SiteDay): arrivals, queue, desks, observation;
//   4. each city's evening (evening.hpp): doses per person, second doses falling due (the book,
//      second_dose_book.hpp), people sent home back in the queue, wastage, and the city-day row
//      of the results table; then every place's doses go into the supply record.
// Cities and sites interact only through steps 1, 2 and 4, so step 3 can run sites in any
// order (or on any thread) with the same result. Step 4 goes city by city and site by site (it
// gives people their ids); on one thread each site's day is recorded right after it is
// simulated, which changes nothing but the cache's work.
//
// This file sets the run up and drives the days; each part talks only to those below it:
// booking and evening to the state, the book and the dose flow; the dose flow to nothing of
// the model.

#include "vaxsim/model/campaign.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>

#include "booking.hpp"
#include "campaign_state.hpp"
#include "evening.hpp"
#include "second_dose_book.hpp"
#include "vaxsim/sim/detail/sampling.hpp"
#include "vaxsim/sim/random.hpp"
#include "vaxsim/supply/dose_flow.hpp"
#include "vaxsim/supply/supply_plan.hpp"

namespace vaxsim::model {
namespace {

using detail::Booking;
using detail::CampaignState;
using detail::CityEvening;
using detail::CityState;
using detail::DueRun;
using detail::Evening;
using detail::FirstDoseDays;
using detail::floor_to_count;
using detail::SecondDoseBook;
using detail::SiteState;

constexpr std::uint64_t kSiteStream = sim::purpose_id("site-day");
constexpr std::uint64_t kCityStream = sim::purpose_id("city-booking");
constexpr std::uint64_t kReturnStream = sim::purpose_id("second-dose-return");
constexpr std::uint64_t kWastageStream = sim::purpose_id("wastage");
constexpr std::uint64_t kStaffStream = sim::purpose_id("staff-absence");
constexpr std::uint64_t kUncertaintyStream = sim::purpose_id("replication-uncertainty");
constexpr std::uint64_t kDeliveryStream = sim::purpose_id("delivery-uncertainty");

class CampaignRun {
 public:
  CampaignRun(const CampaignConfig& config, const RunOptions& options)
      : st_{config, options},
        book_{config.cities.size(), st_.days, config.products},
        observer_{options.observer},
        threads_{std::max(1, options.threads)},
        progress_{options.progress},
        site_day_method_{options.site_days},
        last_day_{options.last_day} {}

  CampaignResult run() {
    std::vector<std::string> names;
    for (const City& c : st_.cfg.cities) names.push_back(c.name);
    st_.result.table = CityDayTable{st_.cfg.start, st_.days, names};
    for (const Product& p : st_.cfg.products) {
      st_.result.by_product.push_back(
          {p.name, sim::Vector::Zero(st_.days), sim::Vector::Zero(st_.days)});
    }

    draw_uncertainty();
    set_up_cities();
    set_up_sites();
    set_up_dose_flow();
    booking_.emplace(st_, book_, *flow_);
    evening_.emplace(st_, book_, *flow_, observer_);
    // Everyone who may ever get a first dose: person ids are 32 bits.
    std::int64_t people = 0;
    for (const CityState& city : st_.cities) {
      people += std::accumulate(city.willing.begin(), city.willing.end(), std::int64_t{0});
    }
    for (const PriorVaccinations& p : st_.cfg.prior) people += p.one_dose;
    if (people >= std::int64_t{1} << 32) throw std::invalid_argument("more than 2^32 people");
    set_up_prior_vaccinations();

    const int days = last_day_ < 0 ? st_.days : std::min(st_.days, last_day_ + 1);
    for (int day = 0; day < days; ++day) {
      for (CityState& city : st_.cities) activate_sites(day, city);
      flow_->start_day(day);
      if (flow_->allocates_on(day)) flow_->allocate(day, city_needs(day));
      flow_->move(day);
      run_city_days(day);
      flow_->record_day(day);
      for (std::size_t c = 0; c < st_.cities.size(); ++c) {
        st_.result.table.at(Measure::expired, day, static_cast<int>(c)) =
            static_cast<double>(flow_->expired_today(c));
      }
      if (progress_ != nullptr && !progress_->on_day(day + 1, days)) throw Cancelled{};
    }
    finish();
    return std::move(st_.result);
  }

 private:
  // ---- Set-up --------------------------------------------------------------------------------

  // This replication's draws of what the planner is unsure of (see uncertainty.hpp). Each has its
  // own stream, and each delivery its own entity, so adding one leaves the others' draws alone.
  void draw_uncertainty() {
    const Uncertainty& u = st_.cfg.uncertainty;
    sim::RandomEngine once = st_.streams.engine(kUncertaintyStream, 0);
    const auto draw = [&](const std::optional<sim::Distribution>& d, double fixed) {
      const double x = d ? d->sample(once) : fixed;  // draws in a fixed order, set or not
      return x;
    };
    st_.uptake_factor = std::max(0.0, draw(u.uptake_factor, 1.0));
    st_.no_show = std::clamp(draw(u.no_show, st_.cfg.demand.no_show), 0.0, 0.99);
    st_.service_scale = std::max(0.0, draw(u.service_time_factor, 1.0));

    for (std::size_t i = 0; i < st_.cfg.supply.deliveries.size(); ++i) {
      supply::Delivery d = st_.cfg.supply.deliveries[i];
      // A shelf life counts from the planned date: a late delivery has less of it left.
      const std::optional<int>& shelf_life = st_.cfg.products[d.product].shelf_life_days;
      if (!d.expires && shelf_life) {
        d.expires = st_.calendar.date(st_.calendar.day_index(d.date) + *shelf_life);
      }
      sim::RandomEngine engine = st_.streams.engine(kDeliveryStream, i);
      if (u.delivery_quantity_factor) {
        // At most a thousandfold: a heavy-tailed draw beyond that would overflow the sums of
        // doses (the loader keeps the factor's mean at 100 or less).
        const double factor = std::clamp(u.delivery_quantity_factor->sample(engine), 0.0, 1000.0);
        d.doses = floor_to_count(static_cast<double>(d.doses) * factor + 0.5);
      }
      if (u.delivery_delay_days) {
        const double late = std::max(0.0, std::round(u.delivery_delay_days->sample(engine)));
        const int day = st_.calendar.day_index(d.date) + static_cast<int>(std::min(late, 1e5));
        if (day >= st_.days) continue;  // arrives after the run
        d.date = st_.calendar.date(day);
      }
      deliveries_.push_back(d);
    }
  }

  void set_up_cities() {
    st_.cities.resize(st_.cfg.cities.size());
    for (std::size_t c = 0; c < st_.cities.size(); ++c) {
      CityState& city = st_.cities[c];
      const City& spec = st_.cfg.cities[c];
      city.willing.assign(st_.groups, 0);
      city.released.assign(st_.groups, 0);
      city.backlog.assign(st_.groups, 0);
      for (std::size_t g = 0; g < st_.groups; ++g) {
        const PopulationGroup& group = st_.cfg.groups[g];
        const double share = spec.group_shares.empty() ? group.share : spec.group_shares[g];
        city.willing[g] = floor_to_count(static_cast<double>(spec.residents) * share *
                                         std::clamp(group.uptake * st_.uptake_factor, 0.0, 1.0));
      }
      city.booking = st_.streams.engine(kCityStream, c);
      city.returns = st_.streams.engine(kReturnStream, c);
      city.wastage = st_.streams.engine(kWastageStream, c);
      city.staff = st_.streams.engine(kStaffStream, c);
    }
  }

  void set_up_sites() {
    std::size_t entity = 0;
    for (const SiteSpec& spec : st_.cfg.sites) {
      for (int i = 0; i < spec.count; ++i, ++entity) {
        // Site i of a family opens on the first day the growth curve reaches i + 1 sites.
        int first_open = 0;
        if (!spec.growth.points.empty()) {
          first_open = st_.days;  // never, unless the curve gets there
          for (int d = 0; d < st_.days; ++d) {
            if (floor_to_count(spec.growth.at(st_.calendar.date(d)) * spec.count) >= i + 1) {
              first_open = d;
              break;
            }
          }
        }
        st_.sites.emplace_back(spec, spec.city, first_open, st_.streams.engine(kSiteStream, entity),
                               site_day_method_);
        st_.cities[spec.city].sites.push_back(st_.sites.size() - 1);
      }
    }
  }

  // The dose flow is handed names and numbers: each city's name, each site's city and store.
  void set_up_dose_flow() {
    supply::SupplyPlaces places;
    for (const City& city : st_.cfg.cities) places.cities.push_back(city.name);
    for (const SiteState& site : st_.sites) places.sites.push_back({site.city, site.spec->store});
    std::vector<std::optional<int>> shelf_lives;
    for (const Product& p : st_.cfg.products) shelf_lives.push_back(p.shelf_life_days);
    flow_.emplace(st_.cfg.supply, std::move(deliveries_), shelf_lives, st_.cfg.start, st_.days,
                  std::move(places));
  }

  void set_up_prior_vaccinations() {
    if (st_.cfg.prior.empty()) return;
    std::int64_t one_dose = 0;  // the province's: the record's most recent first doses
    for (const PriorVaccinations& p : st_.cfg.prior) one_dose += p.one_dose;
    recent_days_ = detail::recent_first_doses(st_.cfg.prior_first_doses_by,
                                              static_cast<double>(one_dose), st_.calendar);
    for (std::size_t c = 0; c < st_.cities.size(); ++c) {
      const PriorVaccinations& prior = st_.cfg.prior[c];
      CityState& city = st_.cities[c];
      city.two_doses = prior.two_doses;
      city.one_dose = prior.one_dose;
      st_.result.prior_doses += prior.one_dose + 2 * prior.two_doses;

      // Those already vaccinated come out of the willing, first groups first.
      std::int64_t vaccinated = prior.one_dose + prior.two_doses;
      for (std::size_t g = 0; g < st_.groups && vaccinated > 0; ++g) {
        const std::int64_t take = std::min(vaccinated, city.willing[g]);
        city.willing[g] -= take;
        vaccinated -= take;
      }

      // One-dose people, split by product, their first doses dated (first_dose_days).
      std::vector<double> shares = prior.product_shares;
      if (shares.empty()) {
        shares.assign(st_.products, 0.0);
        shares[0] = 1.0;
      }
      const std::vector<std::int64_t> per_product =
          supply::split_in_proportion(prior.one_dose, shares);
      // People of a product and first day who fall due on the same day are one run (see
      // Evening::number_first_doses).
      std::vector<std::pair<int, DueRun>> due;  // (due day, people)
      for (std::size_t p = 0; p < st_.products; ++p) {
        book_.draw_prior(first_dose_days(prior, per_product[p]), p, city.returns, st_.people, due);
      }
      // Those already overdue queue on day 0, longest overdue first; the rest by their day.
      const auto overdue =
          std::stable_partition(due.begin(), due.end(), [](const auto& d) { return d.first <= 0; });
      std::stable_sort(due.begin(), overdue,
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const auto& [day, people] : due) {
        if (day < 0) st_.result.overdue_at_start += people.count;
        book_.add_due(c, people, day);
      }
    }
  }

  // The days `people` of a city's one-dose people (of one product) had their first dose: as the
  // record's curve rose, when the scenario has one, else evenly over the prior window. Each city
  // takes the same days for its own people, in proportion (see prior_first_doses.hpp).
  FirstDoseDays first_dose_days(const PriorVaccinations& prior, std::int64_t people) const {
    if (!st_.cfg.prior_first_doses_by.points.empty()) {
      return detail::spread_by(people, recent_days_);
    }
    return detail::spread_evenly(people, st_.calendar.day_index(prior.first_doses_from),
                                 st_.calendar.day_index(prior.first_doses_to));
  }

  // ---- The province's morning ------------------------------------------------------------------

  // Sites open by today join their city's active sites (the others hold nothing and book nobody).
  void activate_sites(int day, CityState& city) {
    if (day < city.next_opening) return;
    city.active.clear();
    city.next_opening = std::numeric_limits<int>::max();
    for (const std::size_t s : city.sites) {
      const int opens = st_.sites[s].first_day_open;
      if (opens <= day) {
        city.active.push_back(s);
      } else {
        city.next_opening = std::min(city.next_opening, opens);
      }
    }
  }

  // What each city looks like to the province on an allocation day, but for its stock (the dose
  // flow's to tell). Desk capacity: its sites' as planned on the last day they were.
  std::vector<supply::CityNeeds> city_needs(int day) const {
    const int horizon = flow_->allocation_horizon();
    std::vector<supply::CityNeeds> needs(st_.cities.size());
    for (std::size_t c = 0; c < st_.cities.size(); ++c) {
      const CityState& city = st_.cities[c];
      supply::CityNeeds& n = needs[c];
      n.residents = st_.cfg.cities[c].residents;
      n.first_dose_backlog =
          std::accumulate(city.backlog.begin(), city.backlog.end(), std::int64_t{0});
      n.second_doses_due = book_.waiting(c);
      for (int d = day; d < std::min(st_.days, day + horizon); ++d) {
        for (std::size_t p = 0; p < st_.products; ++p)
          n.second_doses_due += book_.due_count(c, d, p);
      }
      double capacity = 0;
      for (const std::size_t s : city.active) capacity += st_.sites[s].capacity;
      n.desk_capacity = floor_to_count(capacity * st_.cfg.supply.allocation_every_days);
    }
    return needs;
  }

  // ---- The cities' day -------------------------------------------------------------------------

  // Cities do not interact from morning to evening, and a city's sites share only its wait
  // histogram, so cities' days run in parallel; every draw comes from a city's or a site's own
  // stream, so the thread count changes nothing in the results. The evening's records give
  // people their ids in city and site order, so they stay on one thread, as do the mornings.
  // On one thread, each city's day runs from morning to evening before the next city's, and
  // each site's day is recorded as soon as it is simulated, while its visits and outcome are
  // still in cache: same order within each city, same results.
  //
  // Sites' outcomes are kept until their city's evening is recorded, in `outcomes_`: on one
  // thread one set, used by every city in turn (so it stays in cache), else one per city. On
  // one thread, without a DoseObserver, the evening needs none of them: the first serves every
  // site. The day's visits are kept alike (visits_of): one array on one thread, else one per
  // city.
  std::vector<Visit>& visits_of(std::size_t c) { return visits_[threads_ == 1 ? 0 : c]; }
  std::vector<SiteDayOutcome>& outcomes_of(std::size_t c) {
    std::vector<SiteDayOutcome>& outcomes = outcomes_[threads_ == 1 ? 0 : c];
    if (outcomes.size() < st_.cities[c].active.size()) {
      outcomes.resize(st_.cities[c].active.size());
    }
    return outcomes;
  }

  void run_city_days(int day) {
    outcomes_.resize(threads_ == 1 ? 1 : st_.cities.size());
    visits_.resize(threads_ == 1 ? 1 : st_.cities.size());
    const auto n = static_cast<std::ptrdiff_t>(st_.cities.size());
    if (threads_ == 1) {
      for (std::size_t c = 0; c < st_.cities.size(); ++c) {
        booking_->morning(day, c, visits_of(c));
        CityState& city = st_.cities[c];
        std::vector<SiteDayOutcome>& outcomes = outcomes_of(c);
        city.waits.clear();
        CityEvening evening{st_.products, day, st_.days};
        for (std::size_t i = 0; i < city.active.size(); ++i) {
          // Read again in the evening only for a DoseObserver: else one outcome serves all.
          SiteDayOutcome& out = outcomes[observer_ != nullptr ? i : 0];
          simulate(day, city.active[i], city, out);
          evening_->record_site(day, c, city.active[i], out, evening);
        }
        evening_->record_city(day, c, evening, outcomes);
      }
      return;
    }
    for (std::size_t c = 0; c < st_.cities.size(); ++c) {
      booking_->morning(day, c, visits_of(c));
      outcomes_of(c);
    }
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads_)
    for (std::ptrdiff_t c = 0; c < n; ++c) {
      CityState& city = st_.cities[static_cast<std::size_t>(c)];
      std::vector<SiteDayOutcome>& outcomes = outcomes_[static_cast<std::size_t>(c)];
      city.waits.clear();
      for (std::size_t i = 0; i < city.active.size(); ++i) {
        simulate(day, city.active[i], city, outcomes[i]);
      }
    }
    for (std::size_t c = 0; c < st_.cities.size(); ++c) {
      const CityState& city = st_.cities[c];
      CityEvening evening{st_.products, day, st_.days};
      for (std::size_t i = 0; i < city.active.size(); ++i) {
        evening_->record_site(day, c, city.active[i], outcomes_[c][i], evening);
      }
      evening_->record_city(day, c, evening, outcomes_[c]);
    }
  }

  void simulate(int day, std::size_t s, CityState& city, SiteDayOutcome& out) {
    SiteState& site = st_.sites[s];
    if (!site.open_today) return;
    SiteDayPlan plan;
    plan.open = st_.calendar.start_of_day(day) + site.opens;
    plan.close = st_.calendar.start_of_day(day) + site.closes;
    plan.desks = site.desks_open;
    plan.seats = site.spec->observation_seats;
    plan.observation = site.spec->observation;
    plan.service_minutes = &site.spec->service_minutes;
    plan.service_scale = st_.service_scale;
    plan.arrival_profile = &st_.cfg.demand.arrival_profile;
    plan.visits = site.visits;
    plan.wait_histogram = &city.waits;
    city.stock_today.clear();
    for (std::size_t p = 0; p < st_.products; ++p) {
      city.stock_today.push_back(flow_->at_site(s, p));
    }
    site.day.run(plan, city.stock_today, out);
  }

  // ---- The end ---------------------------------------------------------------------------------

  void finish() {
    CampaignResult& r = st_.result;
    r.province_received = flow_->province_received();
    r.province_stock_end = flow_->province_stock();
    r.in_transit_end = flow_->in_transit();
    r.supply = flow_->take_record();
    r.network = flow_->take_network();
    r.missed_second_doses = book_.missed();
    for (const SiteState& s : st_.sites) r.events += s.day.events();
  }

  CampaignState st_;
  SecondDoseBook book_;
  DoseObserver* observer_;
  int threads_;
  ProgressObserver* progress_;
  SiteDayMethod site_day_method_;
  int last_day_;  // RunOptions::last_day

  detail::DayWeights recent_days_;  // the prior one-dose people's first-dose days, by the record
  std::vector<supply::Delivery> deliveries_;  // after this replication's draws, for the flow
  std::optional<supply::DoseFlow> flow_;      // where the doses are; made once the sites are
  std::optional<Booking> booking_;            // the cities' mornings
  std::optional<Evening> evening_;            // the cities' evenings
  std::vector<std::vector<SiteDayOutcome>> outcomes_;  // see run_city_days
  std::vector<std::vector<Visit>> visits_;             // the same for the sites' visits
};

}  // namespace

CampaignResult run_campaign(const CampaignConfig& config, const RunOptions& options) {
  const std::vector<ConfigProblem> problems = validate(config);
  if (!problems.empty()) {
    std::string message = "invalid campaign config:";
    for (const ConfigProblem& p : problems) message += "\n  " + p.field + ": " + p.message;
    throw std::invalid_argument(message);
  }
  return CampaignRun{config, options}.run();
}

}  // namespace vaxsim::model
