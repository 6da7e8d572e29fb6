// The campaign engine: the province's day, from morning deliveries to the evening's records.
//
// Every day, in this order:
//   1. what is left of lots expiring today is removed everywhere; deliveries reach the province
//      store; on allocation days the province splits its stock among the cities (the allocation
//      policy), and it travels for `lead_days` (or waits for trucks, with a cold chain). Stock is
//      held as lots (supply/stock_lots.hpp), every step taking the earliest expiring first;
//   2. each city receives what arrives, sees which sites are open (growth, hours, mobile stops,
//      staff), tops up the sites it supplies and loads its county stores' trucks (each county for
//      its open sites' need, within the link's trucks and the county's room; the load arrives
//      after the link's lead days), the counties receive what arrives and top up their own
//      sites; then the city books appointments (second doses due, then first doses in
//      group order, each to a product, within capacity, the dose policy and the doses each product
//      can spare beyond its own second doses); no-shows and walk-ins are drawn;
//   3. every open site simulates its day (SiteDay): arrivals, queue, desks, observation;
//   4. each city records the day: doses per person, second doses falling due, people sent home
//      back in the queue, wastage, and the city-day row of the results table; then every place's
//      doses go into the supply record.
// Cities and sites interact only through steps 1, 2 and 4, so step 3 can run sites in any
// order (or on any thread) with the same result. Step 4 goes city by city and site by site (it
// gives people their ids); on one thread each site's day is recorded right after it is
// simulated, which changes nothing but the cache's work.

#include "vaxsim/model/campaign.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>

#include "due_queue.hpp"
#include "vaxsim/model/site_day.hpp"
#include "vaxsim/sim/distributions.hpp"
#include "vaxsim/sim/random.hpp"
#include "vaxsim/supply/dose_flow.hpp"
#include "vaxsim/supply/stock_lots.hpp"
#include "vaxsim/supply/supply_plan.hpp"

namespace vaxsim::model {
namespace {

using sim::Date;

constexpr std::uint64_t kSiteStream = sim::purpose_id("site-day");
constexpr std::uint64_t kCityStream = sim::purpose_id("city-booking");
constexpr std::uint64_t kReturnStream = sim::purpose_id("second-dose-return");
constexpr std::uint64_t kWastageStream = sim::purpose_id("wastage");
constexpr std::uint64_t kStaffStream = sim::purpose_id("staff-absence");
constexpr std::uint64_t kUncertaintyStream = sim::purpose_id("replication-uncertainty");
constexpr std::uint64_t kDeliveryStream = sim::purpose_id("delivery-uncertainty");

std::int64_t floor_to_count(double x) { return static_cast<std::int64_t>(std::floor(x + 1e-9)); }

/// std::round (halves away from zero), without its library call (x86-64 before SSE4.1 has no
/// instruction for it) or a branch on the fraction (random, so mispredicted half the time): a
/// province's evening rounds a return interval for every first dose. Below 2^52, x minus its
/// integer part is exact.
double round_half_away(double x) {
  if (!(std::abs(x) < 0x1p52)) return x;  // already whole, infinite or NaN
  const auto whole = static_cast<double>(static_cast<std::int64_t>(x));  // toward zero
  const double part = x - whole;
  return whole + static_cast<double>(part >= 0.5) - static_cast<double>(part <= -0.5);
}

/// Second doses falling due: (day, people), days ascending.
using DueDoses = std::vector<std::pair<int, std::int64_t>>;

/// How many of the second doses `due` the held doses can serve, a dose serving only on days
/// before its lot expires. A later day can use fewer lots than an earlier one, so the latest
/// days are served first, each from any lot still good then: no other order serves more.
std::int64_t servable(const supply::StockLots& held, const DueDoses& due) {
  const std::vector<supply::Lot>& lots = held.lots();
  auto lot = lots.rbegin();
  std::int64_t good = 0;  // doses good on the day being served and not yet kept for a later one
  std::int64_t served = 0;
  for (auto d = due.rbegin(); d != due.rend(); ++d) {
    for (; lot != lots.rend() && lot->expires > d->first; ++lot) good += lot->doses;
    const std::int64_t n = std::min(good, d->second);
    good -= n;
    served += n;
  }
  return served;
}

using detail::DueQueue;
using detail::DueRun;

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
  std::span<Visit> visits;  // those who come, in its city's visits (CampaignRun::visits_of)

  SiteState(const SiteSpec& s, std::size_t c, int first_open, sim::RandomEngine engine,
            SiteDayMethod method)
      : spec{&s}, city{c}, first_day_open{first_open}, day{std::move(engine), method} {}
};

struct CityState {
  std::vector<DueQueue> second_queue;  // per product: people due, oldest first
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

class CampaignRun {
 public:
  CampaignRun(const CampaignConfig& config, const RunOptions& options)
      : cfg_{config},
        observer_{options.observer},
        threads_{std::max(1, options.threads)},
        progress_{options.progress},
        site_day_method_{options.site_days},
        streams_{options.seed, options.replication},
        calendar_{config.start},
        days_{calendar_.day_index(config.end) + 1},
        products_{config.products.size()},
        groups_{config.groups.size()} {}

  CampaignResult run() {
    std::vector<std::string> names;
    for (const City& c : cfg_.cities) names.push_back(c.name);
    result_.table = CityDayTable{cfg_.start, days_, names};
    for (const Product& p : cfg_.products) {
      result_.by_product.push_back(
          {p.name, Eigen::VectorXd::Zero(days_), Eigen::VectorXd::Zero(days_)});
    }

    draw_uncertainty();
    set_up_cities();
    set_up_sites();
    set_up_dose_flow();
    // Everyone who may ever get a first dose: person ids are 32 bits.
    std::int64_t people = 0;
    for (const CityState& city : cities_) {
      people += std::accumulate(city.willing.begin(), city.willing.end(), std::int64_t{0});
    }
    for (const PriorVaccinations& p : cfg_.prior) people += p.one_dose;
    if (people >= std::int64_t{1} << 32) throw std::invalid_argument("more than 2^32 people");
    set_up_prior_vaccinations();

    for (int day = 0; day < days_; ++day) {
      for (CityState& city : cities_) activate_sites(day, city);
      flow_->start_day(day);
      if (flow_->allocates_on(day)) flow_->allocate(day, city_needs(day));
      flow_->move(day);
      run_city_days(day);
      flow_->record_day(day);
      for (std::size_t c = 0; c < cities_.size(); ++c) {
        result_.table.at(Measure::expired, day, static_cast<int>(c)) =
            static_cast<double>(flow_->expired_today(c));
      }
      if (progress_ != nullptr && !progress_->on_day(day + 1, days_)) throw Cancelled{};
    }
    finish();
    return std::move(result_);
  }

 private:
  // ---- Set-up --------------------------------------------------------------------------------

  // This replication's draws of what the planner is unsure of (see uncertainty.hpp). Each has its
  // own stream, and each delivery its own entity, so adding one leaves the others' draws alone.
  void draw_uncertainty() {
    const Uncertainty& u = cfg_.uncertainty;
    sim::RandomEngine once = streams_.engine(kUncertaintyStream, 0);
    const auto draw = [&](const std::optional<sim::Distribution>& d, double fixed) {
      const double x = d ? d->sample(once) : fixed;  // draws in a fixed order, set or not
      return x;
    };
    uptake_factor_ = std::max(0.0, draw(u.uptake_factor, 1.0));
    no_show_ = std::clamp(draw(u.no_show, cfg_.demand.no_show), 0.0, 0.99);
    service_scale_ = std::max(0.0, draw(u.service_time_factor, 1.0));

    for (std::size_t i = 0; i < cfg_.supply.deliveries.size(); ++i) {
      supply::Delivery d = cfg_.supply.deliveries[i];
      // A shelf life counts from the planned date: a late delivery has less of it left.
      const std::optional<int>& shelf_life = cfg_.products[d.product].shelf_life_days;
      if (!d.expires && shelf_life) {
        d.expires = calendar_.date(calendar_.day_index(d.date) + *shelf_life);
      }
      sim::RandomEngine engine = streams_.engine(kDeliveryStream, i);
      if (u.delivery_quantity_factor) {
        const double factor = std::max(0.0, u.delivery_quantity_factor->sample(engine));
        d.doses = floor_to_count(static_cast<double>(d.doses) * factor + 0.5);
      }
      if (u.delivery_delay_days) {
        const double late = std::max(0.0, std::round(u.delivery_delay_days->sample(engine)));
        const int day = calendar_.day_index(d.date) + static_cast<int>(std::min(late, 1e5));
        if (day >= days_) continue;  // arrives after the run
        d.date = calendar_.date(day);
      }
      deliveries_.push_back(d);
    }
  }

  void set_up_cities() {
    cities_.resize(cfg_.cities.size());
    const auto days = static_cast<std::size_t>(days_);
    due_.assign(cfg_.cities.size(), std::vector<std::vector<DueRun>>(days));
    due_count_.assign(cfg_.cities.size(), std::vector<std::int64_t>(days * products_, 0));
    for (std::size_t c = 0; c < cities_.size(); ++c) {
      CityState& city = cities_[c];
      const City& spec = cfg_.cities[c];
      city.second_queue.resize(products_);
      city.willing.assign(groups_, 0);
      city.released.assign(groups_, 0);
      city.backlog.assign(groups_, 0);
      for (std::size_t g = 0; g < groups_; ++g) {
        const PopulationGroup& group = cfg_.groups[g];
        const double share = spec.group_shares.empty() ? group.share : spec.group_shares[g];
        city.willing[g] = floor_to_count(static_cast<double>(spec.residents) * share *
                                         std::clamp(group.uptake * uptake_factor_, 0.0, 1.0));
      }
      city.booking = streams_.engine(kCityStream, c);
      city.returns = streams_.engine(kReturnStream, c);
      city.wastage = streams_.engine(kWastageStream, c);
      city.staff = streams_.engine(kStaffStream, c);
    }
  }

  void set_up_sites() {
    std::size_t entity = 0;
    for (const SiteSpec& spec : cfg_.sites) {
      for (int i = 0; i < spec.count; ++i, ++entity) {
        // Site i of a family opens on the first day the growth curve reaches i + 1 sites.
        int first_open = 0;
        if (!spec.growth.points.empty()) {
          first_open = days_;  // never, unless the curve gets there
          for (int d = 0; d < days_; ++d) {
            if (floor_to_count(spec.growth.at(calendar_.date(d)) * spec.count) >= i + 1) {
              first_open = d;
              break;
            }
          }
        }
        sites_.emplace_back(spec, spec.city, first_open, streams_.engine(kSiteStream, entity),
                            site_day_method_);
        cities_[spec.city].sites.push_back(sites_.size() - 1);
      }
    }
  }

  // The day a person given a first dose on `first_day` falls due for the second, from their
  // drawn return interval (days): whole days, never before the product's minimum interval.
  static int return_day(int first_day, const Product& product, double drawn) {
    const double interval =
        std::max(static_cast<double>(product.min_interval_days), round_half_away(drawn));
    return first_day + static_cast<int>(std::min(interval, 1e6));
  }

  void add_due(std::size_t c, const DueRun& due, int due_day) {
    if (due_day >= days_) {  // falls due after the run
      if (window_closed(due)) result_.missed_second_doses += due.count;
      return;
    }
    const int d = std::max(0, due_day);
    std::vector<DueRun>& list = due_[c][static_cast<std::size_t>(d)];
    if (!list.empty() && list.back().continued_by(due)) {
      list.back().count += due.count;
    } else {
      list.push_back(due);
    }
    due_count_[c][static_cast<std::size_t>(d) * products_ + due.product] += due.count;
  }

  // Missed: still one dose at the end of the run, with the product's interval over by then.
  bool window_closed(const DueRun& due) const {
    return due.first_day + cfg_.products[due.product].max_interval_days < days_ - 1;
  }

  void set_up_prior_vaccinations() {
    if (cfg_.prior.empty()) return;
    for (std::size_t c = 0; c < cities_.size(); ++c) {
      const PriorVaccinations& prior = cfg_.prior[c];
      CityState& city = cities_[c];
      city.two_doses = prior.two_doses;
      city.one_dose = prior.one_dose;
      result_.prior_doses += prior.one_dose + 2 * prior.two_doses;

      // Those already vaccinated come out of the willing, first groups first.
      std::int64_t vaccinated = prior.one_dose + prior.two_doses;
      for (std::size_t g = 0; g < groups_ && vaccinated > 0; ++g) {
        const std::int64_t take = std::min(vaccinated, city.willing[g]);
        city.willing[g] -= take;
        vaccinated -= take;
      }

      // One-dose people: first doses spread evenly over the prior window, split by product.
      std::vector<double> shares = prior.product_shares;
      if (shares.empty()) {
        shares.assign(products_, 0.0);
        shares[0] = 1.0;
      }
      const std::vector<std::int64_t> per_product =
          supply::split_in_proportion(prior.one_dose, shares);
      const int from = calendar_.day_index(prior.first_doses_from);
      const int to = calendar_.day_index(prior.first_doses_to);
      // People of a product and first day who fall due on the same day are one run (see
      // record_city).
      std::vector<std::pair<int, DueRun>> due;  // (due day, people)
      std::vector<std::uint32_t> cohort;        // by due day - first day, after the run last
      for (std::size_t p = 0; p < products_; ++p) {
        const std::int64_t n = per_product[p];
        for (std::int64_t k = 0; k < n;) {
          const auto first_day = [&](std::int64_t i) {
            return from + static_cast<int>((to - from + 1) * i / std::max<std::int64_t>(n, 1));
          };
          const int day = first_day(k);
          cohort.assign(static_cast<std::size_t>(days_ - day + 1), 0);
          for (; k < n && first_day(k) == day; ++k) {
            const Product& product = cfg_.products[p];
            const int due_day =
                return_day(day, product, product.return_after_days.sample(city.returns));
            ++cohort[static_cast<std::size_t>(std::min(due_day, days_) - day)];
          }
          for (std::size_t i = 0; i < cohort.size(); ++i) {
            if (cohort[i] == 0) continue;
            due.emplace_back(day + static_cast<int>(i),
                             DueRun{people_, cohort[i], static_cast<std::int16_t>(day),
                                    static_cast<std::uint8_t>(p)});
            people_ += cohort[i];
          }
        }
      }
      // Those already overdue queue on day 0, longest overdue first; the rest by their day.
      const auto overdue =
          std::stable_partition(due.begin(), due.end(), [](const auto& d) { return d.first <= 0; });
      std::stable_sort(due.begin(), overdue,
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const auto& [day, people] : due) add_due(c, people, day);
    }
  }

  // ---- Supply ----------------------------------------------------------------------------------

  // The dose flow is handed names and numbers: each city's name, each site's city and store.
  void set_up_dose_flow() {
    supply::SupplyPlaces places;
    for (const City& city : cfg_.cities) places.cities.push_back(city.name);
    for (const SiteState& site : sites_) places.sites.push_back({site.city, site.spec->store});
    std::vector<std::optional<int>> shelf_lives;
    for (const Product& p : cfg_.products) shelf_lives.push_back(p.shelf_life_days);
    flow_.emplace(cfg_.supply, std::move(deliveries_), shelf_lives, cfg_.start, days_,
                  std::move(places));
  }

  // What each city looks like to the province on an allocation day, but for its stock (the dose
  // flow's to tell).
  std::vector<supply::CityNeeds> city_needs(int day) const {
    const int horizon = flow_->allocation_horizon();
    std::vector<supply::CityNeeds> needs(cities_.size());
    for (std::size_t c = 0; c < cities_.size(); ++c) {
      const CityState& city = cities_[c];
      supply::CityNeeds& n = needs[c];
      n.residents = cfg_.cities[c].residents;
      n.first_dose_backlog =
          std::accumulate(city.backlog.begin(), city.backlog.end(), std::int64_t{0});
      for (const DueQueue& q : city.second_queue) n.second_doses_due += q.size();
      for (int d = day; d < std::min(days_, day + horizon); ++d) {
        for (std::size_t p = 0; p < products_; ++p) n.second_doses_due += due_count(c, d, p);
      }
      double capacity = 0;
      for (const std::size_t s : city.active) capacity += sites_[s].capacity;
      n.desk_capacity = floor_to_count(capacity * cfg_.supply.allocation_every_days);
    }
    return needs;
  }

  std::int64_t due_count(std::size_t c, int day, std::size_t p) const {
    return due_count_[c][static_cast<std::size_t>(day) * products_ + p];
  }

  // Product p's first doses city c can give today. Its doses in the store and at the open sites,
  // less `used` doses already booked today, less those kept for its own second doses still to
  // come, are spare: kept are the larger of the reserve (`reserve_days` ahead) and, when pacing,
  // the people still waiting plus those due before new doses can arrive (in `days_left` days).
  // Each product is counted on its own, as a second dose must be of the first dose's product.
  //
  // A dose is kept only for a second dose falling due before its lot expires: held for a later
  // one it would only expire, so it is spare. The spare doses are the earliest expiring (every
  // use takes those first); pacing spreads them over the days until new doses arrive, but fast
  // enough that none expires before its turn.
  std::int64_t first_dose_budget(int day, std::size_t c, std::size_t p,
                                 const std::vector<std::size_t>& open, std::int64_t used,
                                 int reserve_days, int days_left) const {
    const CityState& city = cities_[c];
    const bool pacing = cfg_.demand.pace_to_supply;
    // The counties' doses are the city's too. When pacing, only the doses that reach the sites
    // before new doses do count: doses still at the city store or on the road to a county that
    // arrive later are tomorrow's supply, not today's.
    const int before = pacing ? day + days_left : std::numeric_limits<int>::max();
    supply::StockLots held = flow_->held_for_sites(day, c, p, open, before);
    held.use(std::min(used, held.total()));  // today's doses, the earliest expiring

    DueDoses reserve;
    for (int d = day + 1; d <= std::min(days_ - 1, day + reserve_days); ++d) {
      reserve.emplace_back(d, due_count(c, d, p));
    }
    DueDoses before_delivery;
    if (pacing) {
      // Those still waiting after today come tomorrow at the earliest.
      before_delivery.emplace_back(day + 1, city.second_queue[p].size());
      for (int d = day + 1; d < std::min(days_, day + days_left); ++d) {
        before_delivery.emplace_back(d, due_count(c, d, p));
      }
    }
    const std::int64_t kept = std::max(servable(held, reserve), servable(held, before_delivery));
    const std::int64_t spare = held.total() - kept;
    if (!pacing) return spare;

    std::int64_t per_day = (spare + days_left - 1) / days_left;
    std::int64_t expiring = 0;  // spare doses expiring on or before the lot's day
    for (const supply::Lot& lot : held.lots()) {
      if (expiring == spare || lot.expires >= day + days_left) break;
      expiring = std::min(spare, expiring + lot.doses);
      const std::int64_t days = std::max(1, lot.expires - day);  // it can go until the day before
      per_day = std::max(per_day, (expiring + days - 1) / days);
    }
    return per_day;
  }

  // ---- The morning ---------------------------------------------------------------------------

  void release_ready_people(int day, std::size_t c) {
    CityState& city = cities_[c];
    const Date date = calendar_.date(day);
    const double registered =
        cfg_.demand.registered.points.empty() ? 1.0 : cfg_.demand.registered.at(date);
    for (std::size_t g = 0; g < groups_; ++g) {
      const auto& from = cfg_.groups[g].eligible_from;
      if (!from || date < *from) continue;
      const std::int64_t ready = floor_to_count(static_cast<double>(city.willing[g]) * registered);
      if (ready > city.released[g]) {
        city.backlog[g] += ready - city.released[g];
        city.released[g] = ready;
      }
    }
    std::vector<DueRun>& due_today = due_[c][static_cast<std::size_t>(day)];
    for (const DueRun& due : due_today) city.second_queue[due.product].push_back(due);
    due_today = {};
  }

  const DosePolicy& policy_on(int day) const {
    static const DosePolicy kDefault{};
    const DosePolicy* in_force = &kDefault;
    const Date date = calendar_.date(day);
    for (const DosePolicy& p : cfg_.policies) {
      if (p.from <= date) in_force = &p;
    }
    return *in_force;
  }

  static bool site_open_on(const SiteSpec& spec, Date date) {
    if (std::find(spec.closed_on.begin(), spec.closed_on.end(), date) != spec.closed_on.end()) {
      return false;
    }
    if (spec.stops.empty()) return true;
    return std::any_of(spec.stops.begin(), spec.stops.end(),
                       [&](const MobileStop& s) { return s.from <= date && date <= s.to; });
  }

  void activate_sites(int day, CityState& city) {
    if (day < city.next_opening) return;
    city.active.clear();
    city.next_opening = std::numeric_limits<int>::max();
    for (const std::size_t s : city.sites) {
      const int opens = sites_[s].first_day_open;
      if (opens <= day) {
        city.active.push_back(s);
      } else {
        city.next_opening = std::min(city.next_opening, opens);
      }
    }
  }

  void plan_sites(int day, std::size_t c) {
    const Date date = calendar_.date(day);
    CityState& city = cities_[c];
    double staff_needed = 0;
    for (const std::size_t s : city.active) {
      SiteState& site = sites_[s];
      const SiteSpec& spec = *site.spec;
      site.open_today = day >= site.first_day_open && site_open_on(spec, date);
      site.desks_open = 0;
      site.capacity = 0;
      site.visits = {};
      if (!site.open_today) continue;
      const OpeningHours* hours = nullptr;
      for (const OpeningHours& h : spec.hours) {
        if (h.from <= date) hours = &h;
      }
      if (hours == nullptr) {
        site.open_today = false;
        continue;
      }
      site.opens = hours->open;
      site.closes = hours->close;
      site.desks_open = spec.desks;
      staff_needed += spec.desks * spec.staff_per_desk;
    }
    // Staff cap: when the city's staff cannot man every desk, every site opens the same share.
    const City& spec = cfg_.cities[c];
    double present = 1.0;  // share of staff at work today
    if (cfg_.uncertainty.staff_absence) {
      present = 1.0 - std::clamp(cfg_.uncertainty.staff_absence->sample(city.staff), 0.0, 1.0);
    }
    double ratio = present;
    if (!spec.staff.points.empty() && staff_needed > 0) {
      ratio = std::min(1.0, spec.staff.at(date) * present / staff_needed);
    }
    if (ratio < 1.0) {
      for (const std::size_t s : city.active) {
        SiteState& site = sites_[s];
        site.desks_open = static_cast<int>(floor_to_count(site.desks_open * ratio));
      }
    }
    for (const std::size_t s : city.active) {
      SiteState& site = sites_[s];
      if (!site.open_today) continue;
      const SiteSpec& ss = *site.spec;
      const double minutes = sim::to_minutes(site.closes - site.opens);
      double cap = site.desks_open * minutes / std::max(ss.service_minutes.mean(), 1e-9);
      if (ss.observation > sim::Duration::zero()) {
        cap = std::min(cap, ss.observation_seats * minutes / sim::to_minutes(ss.observation));
      }
      site.capacity = cap * cfg_.demand.booking_fill;
    }
  }

  // The morning top-up, for the sites' capacity planned today (0 when closed).
  void dispatch(int day, std::size_t c) {
    site_capacity_.clear();
    for (const std::size_t s : cities_[c].sites) site_capacity_.push_back(sites_[s].capacity);
    flow_->dispatch(day, c, site_capacity_);
  }

  void book(int day, std::size_t c) {
    CityState& city = cities_[c];
    const DosePolicy& policy = policy_on(day);
    CityDayTable& t = result_.table;
    const int ci = static_cast<int>(c);

    // Sites in a rotating order, so no site is always first in line.
    std::vector<std::size_t> open;
    for (const std::size_t s : city.active) {
      if (sites_[s].open_today) open.push_back(s);
    }
    if (!open.empty()) {
      std::rotate(open.begin(), open.begin() + day % static_cast<int>(open.size()), open.end());
    }
    // Per open site i and product p, [i * products_ + p]: one array, not one per site.
    const auto at = [&](std::size_t i, std::size_t p) { return i * products_ + p; };
    std::vector<std::int64_t> cap_left;
    std::vector<std::int64_t> stock_left;  // [at(i, p)]
    double capacity = 0;
    for (const std::size_t s : open) {
      cap_left.push_back(floor_to_count(sites_[s].capacity));
      for (std::size_t p = 0; p < products_; ++p) stock_left.push_back(flow_->at_site(s, p));
      capacity += sites_[s].capacity;
    }

    std::int64_t second_due = 0;
    for (const DueQueue& q : city.second_queue) second_due += q.size();
    const std::int64_t first_ready =
        std::accumulate(city.backlog.begin(), city.backlog.end(), std::int64_t{0});
    std::vector<std::int64_t> site_stock(products_, 0);  // per product, at the open sites
    for (std::size_t i = 0; i < open.size(); ++i) {
      for (std::size_t p = 0; p < products_; ++p) site_stock[p] += stock_left[at(i, p)];
    }

    // The day's visits are written out site by site once all are booked (lay_out_visits).
    std::vector<Booking>& bookings = bookings_;
    bookings.clear();
    std::vector<std::int64_t> seconds_of(products_, 0);  // booked today, per product
    const auto book_seconds = [&] {
      for (std::size_t i = 0; i < open.size(); ++i) {
        for (std::size_t p = 0; p < products_; ++p) {
          DueQueue& queue = city.second_queue[p];
          const std::int64_t n = std::min({cap_left[i], stock_left[at(i, p)], queue.size()});
          queue.take(n, [&](const DueRun& due) {
            bookings.push_back({i, due.count, {due.first, 0, due.product, true, due.first_day}});
          });
          cap_left[i] -= n;
          stock_left[at(i, p)] -= n;
          seconds_of[p] += n;
        }
      }
    };

    // Days until new doses can reach the city: what it holds must last that long.
    int days_left = 1;
    while (day + days_left < days_ && !flow_->new_stock_arrives_on(c, day + days_left)) {
      ++days_left;
    }

    // First doses are booked to a product, each product within its own budget: counted together,
    // one product's spare doses would stand in for another's, and the second doses of the
    // product kept back too little would find none.
    std::vector<std::int64_t> first_budget(products_, 0);
    std::vector<std::int64_t> firsts_of(products_, 0);
    std::vector<std::int64_t> firsts_at(open.size() * products_, 0);  // [at(i, p)]
    const auto book_firsts = [&] {
      if (!policy.first_doses) return;
      for (std::size_t p = 0; p < products_; ++p) {
        first_budget[p] = first_dose_budget(day, c, p, open, seconds_of[p],
                                            policy.reserve_second_dose_days, days_left);
      }
      // Groups in order, across sites and products. At each site the product with the most budget
      // left goes first, so a site with too few desks for all gives what the city can best spare.
      std::vector<std::size_t> order(products_);
      std::size_t g = 0;
      const auto left = [&](std::size_t p) { return first_budget[p] - firsts_of[p]; };
      for (std::size_t i = 0; i < open.size(); ++i) {
        // A stable insertion sort: a few products, and std::stable_sort allocates each time.
        for (std::size_t k = 0; k < products_; ++k) {
          std::size_t j = k;
          for (; j > 0 && left(k) > left(order[j - 1]); --j) order[j] = order[j - 1];
          order[j] = k;
        }
        for (const std::size_t p : order) {
          std::int64_t n = std::min({cap_left[i], stock_left[at(i, p)], left(p)});
          cap_left[i] -= n;
          while (n > 0 && g < groups_) {
            const std::int64_t take = std::min(n, city.backlog[g]);
            if (take > 0) {
              bookings.push_back({i,
                                  static_cast<std::uint32_t>(take),
                                  {0, static_cast<std::uint8_t>(g), static_cast<std::uint8_t>(p)}});
            }
            city.backlog[g] -= take;
            firsts_of[p] += take;
            firsts_at[at(i, p)] += take;
            n -= take;
            if (city.backlog[g] == 0) ++g;
          }
        }
      }
    };

    if (policy.second_doses_first) {
      book_seconds();
      book_firsts();
    } else {
      book_firsts();
      book_seconds();
    }

    // The morning's three limits, for the bottleneck rule. Usable stock: product by product, what
    // the open sites hold, as far as the day's second doses and first-dose budget could use it.
    const double demand = static_cast<double>(second_due + (policy.first_doses ? first_ready : 0));
    std::int64_t usable_stock = 0;
    for (std::size_t p = 0; p < products_; ++p) {
      usable_stock += policy.first_doses ? std::min(site_stock[p], seconds_of[p] + first_budget[p])
                                         : site_stock[p];
    }
    const std::int64_t booked =
        std::accumulate(seconds_of.begin(), seconds_of.end(), std::int64_t{0}) +
        std::accumulate(firsts_of.begin(), firsts_of.end(), std::int64_t{0});
    t.at(Measure::capacity, day, ci) = capacity;
    t.at(Measure::available_stock, day, ci) = static_cast<double>(usable_stock);
    t.at(Measure::demand, day, ci) = demand;
    t.at(Measure::booked, day, ci) = static_cast<double>(booked);

    // Walk-ins: a share of the still-waiting backlog comes without an appointment. Taking any dose
    // at the site, they would take those of people booked later in the day, or kept back for
    // second doses. So they are first doses like the booked ones: each gets a dose of the product
    // with the most left both at the site (not booked today) and of its first-dose budget; when
    // there is none, the site turns them away for want of a dose, back to the backlog tonight.
    if (policy.first_doses && cfg_.demand.walk_in_rate > 0 && !open.empty()) {
      const std::int64_t waiting =
          std::accumulate(city.backlog.begin(), city.backlog.end(), std::int64_t{0});
      const std::int64_t walk_ins = sim::binomial(city.booking, waiting, cfg_.demand.walk_in_rate);
      std::vector<double> weights;
      for (const std::size_t s : open) weights.push_back(sites_[s].capacity);
      const std::vector<std::int64_t> parts = supply::split_in_proportion(walk_ins, weights);
      std::size_t g = 0;
      for (std::size_t i = 0; i < open.size(); ++i) {
        for (std::int64_t k = 0; k < parts[i]; ++k) {
          while (g < groups_ && city.backlog[g] == 0) ++g;
          if (g == groups_) break;
          // None free: SiteDay turns them away for want of a dose (no_stock).
          std::uint8_t product = Visit::kNoDose;
          std::int64_t most_free = 0;
          for (std::size_t p = 0; p < products_; ++p) {
            const std::int64_t here =
                std::max<std::int64_t>(0, stock_left[at(i, p)] - firsts_at[at(i, p)]);
            const std::int64_t free = std::min(here, first_budget[p] - firsts_of[p]);
            if (free > most_free) {
              most_free = free;
              product = static_cast<std::uint8_t>(p);
            }
          }
          if (product != Visit::kNoDose) {
            ++firsts_of[product];
            ++firsts_at[at(i, product)];
          }
          --city.backlog[g];
          bookings.push_back({i, 1, {0, static_cast<std::uint8_t>(g), product}});
        }
      }
    }

    lay_out_visits(c, open);
  }

  /// Visits booked at a city's open site, `count` of them like `visit`. Second doses are people
  /// due as a run (DueRun): their ids run on from the visit's.
  struct Booking {
    std::size_t site;  // index into the day's open sites
    std::uint32_t count;
    Visit visit;
  };

  // The day's bookings into the city's visits, each site's together and in the order booked,
  // less the no-shows, who stay home and are back in the queue tonight. One array for the city
  // (for all cities on one thread), rather than one per site: a province books a million
  // visits a day, and sites' own arrays would be cold in cache each time.
  void lay_out_visits(std::size_t c, std::span<const std::size_t> open) {
    CityState& city = cities_[c];
    std::vector<Visit>& all = visits_of(c);
    std::vector<std::size_t> first(open.size() + 1, 0);  // site i's bookings: from first[i]
    std::size_t total = 0;
    for (const Booking& b : bookings_) {
      ++first[b.site + 1];
      total += b.count;
    }
    for (std::size_t i = 0; i < open.size(); ++i) first[i + 1] += first[i];
    by_site_.resize(bookings_.size());
    for (const Booking& b : bookings_) by_site_[first[b.site]++] = &b;  // now first[i] = end of i
    all.clear();
    all.reserve(total);  // no reallocation below: the sites' spans stay valid

    std::size_t from = 0;  // site i's bookings: by_site_[from..first[i])
    for (std::size_t i = 0; i < open.size(); ++i) {
      const std::size_t begin = all.size();
      for (; from < first[i]; ++from) {
        // Default-made, then written field by field from locals: GCC 12 copies a whole Visit
        // (in resize(n, value), or from a local) by a store and a wider load on the stack for
        // every element, which stalls on store forwarding.
        const Booking& b = *by_site_[from];
        const Visit& v = b.visit;
        const auto [person, group, product, second, first_day] =
            std::tuple{v.person, v.group, v.product, v.second_dose, v.first_day};
        const std::uint32_t step = second ? 1 : 0;
        const std::uint32_t n = b.count;
        const std::size_t at = all.size();
        all.resize(at + n);
        Visit* const out = all.data() + at;
        for (std::uint32_t k = 0; k < n; ++k) {
          out[k] = {person + k * step, group, product, second, first_day};
        }
      }
      const std::span<Visit> visits{all.data() + begin, all.size() - begin};
      std::size_t kept = 0;
      std::size_t next = 0;  // visits[next..] not yet looked at
      // Those who come move up over the no-shows before them, a stretch at a time.
      const auto keep_until = [&](std::size_t end) {
        if (kept != next)
          std::copy(visits.begin() + static_cast<std::ptrdiff_t>(next),
                    visits.begin() + static_cast<std::ptrdiff_t>(end),
                    visits.begin() + static_cast<std::ptrdiff_t>(kept));
        kept += end - next;
      };
      const auto stays_home = [&](std::int64_t selected) {
        const auto home = static_cast<std::size_t>(selected);
        keep_until(home);
        city.no_shows.push_back(visits[home]);
        next = home + 1;
      };
      sim::each_selected(city.booking, static_cast<std::int64_t>(visits.size()), no_show_,
                         stays_home);
      keep_until(visits.size());
      all.resize(begin + kept);
      sites_[open[i]].visits = visits.first(kept);
    }
  }

  // ---- The day -------------------------------------------------------------------------------

  // A city's morning: who is ready, which sites open with what stock, and who is booked where.
  void prepare(int day, std::size_t c) {
    release_ready_people(day, c);
    plan_sites(day, c);
    dispatch(day, c);
    book(day, c);
  }

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
    if (outcomes.size() < cities_[c].active.size()) outcomes.resize(cities_[c].active.size());
    return outcomes;
  }

  void run_city_days(int day) {
    outcomes_.resize(threads_ == 1 ? 1 : cities_.size());
    visits_.resize(threads_ == 1 ? 1 : cities_.size());
    const auto n = static_cast<std::ptrdiff_t>(cities_.size());
    if (threads_ == 1) {
      for (std::size_t c = 0; c < cities_.size(); ++c) {
        prepare(day, c);
        CityState& city = cities_[c];
        std::vector<SiteDayOutcome>& outcomes = outcomes_of(c);
        city.waits.clear();
        CityEvening evening{products_, day, days_};
        for (std::size_t i = 0; i < city.active.size(); ++i) {
          // Read again in the evening only for a DoseObserver: else one outcome serves all.
          SiteDayOutcome& out = outcomes[observer_ != nullptr ? i : 0];
          simulate(day, city.active[i], city, out);
          record_site(day, c, city.active[i], out, evening);
        }
        record_city(day, c, evening);
      }
      return;
    }
    for (std::size_t c = 0; c < cities_.size(); ++c) {
      prepare(day, c);
      outcomes_of(c);
    }
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads_)
    for (std::ptrdiff_t c = 0; c < n; ++c) {
      CityState& city = cities_[static_cast<std::size_t>(c)];
      std::vector<SiteDayOutcome>& outcomes = outcomes_[static_cast<std::size_t>(c)];
      city.waits.clear();
      for (std::size_t i = 0; i < city.active.size(); ++i) {
        simulate(day, city.active[i], city, outcomes[i]);
      }
    }
    for (std::size_t c = 0; c < cities_.size(); ++c) {
      const CityState& city = cities_[c];
      CityEvening evening{products_, day, days_};
      for (std::size_t i = 0; i < city.active.size(); ++i) {
        record_site(day, c, city.active[i], outcomes_[c][i], evening);
      }
      record_city(day, c, evening);
    }
  }

  void simulate(int day, std::size_t s, CityState& city, SiteDayOutcome& out) {
    SiteState& site = sites_[s];
    if (!site.open_today) return;
    SiteDayPlan plan;
    plan.open = calendar_.start_of_day(day) + site.opens;
    plan.close = calendar_.start_of_day(day) + site.closes;
    plan.desks = site.desks_open;
    plan.seats = site.spec->observation_seats;
    plan.observation = site.spec->observation;
    plan.service_minutes = &site.spec->service_minutes;
    plan.service_scale = service_scale_;
    plan.arrival_profile = &cfg_.demand.arrival_profile;
    plan.visits = site.visits;
    plan.wait_histogram = &city.waits;
    city.stock_today.clear();
    for (std::size_t p = 0; p < products_; ++p) city.stock_today.push_back(flow_->at_site(s, p));
    site.day.run(plan, city.stock_today, out);
  }

  // ---- The evening ---------------------------------------------------------------------------

  void give_back(CityState& city, const Visit& v, std::vector<DueRun>& seconds) {
    if (v.second_dose) {
      seconds.push_back({v.person, 1, v.first_day, v.product});
    } else {
      ++city.backlog[v.group];
    }
  }

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

  // One site's day into the people, the queues and the city's evening.
  void record_site(int day, std::size_t c, std::size_t s, const SiteDayOutcome& out,
                   CityEvening& e) {
    SiteState& site = sites_[s];
    if (!site.open_today) return;
    CityState& city = cities_[c];
    // Counted without a branch on the kind of dose: firsts and seconds come in no order. The
    // first-dose people fall due in the evening (draw_return_days). What the site gave of each
    // product is what the counts grow by.
    std::vector<std::int64_t>& given_of = e.site_given_of;
    for (std::size_t p = 0; p < products_; ++p) given_of[p] = -e.firsts_of[p] - e.seconds_of[p];
    for (const SiteDayOutcome::Dose& dose : out.doses) {
      const Visit& v = site.visits[dose.visit];
      const bool second = v.second_dose;
      e.seconds_of[dose.product] += second;
      e.firsts_of[dose.product] += !second;
      e.late += second & (day - v.first_day > cfg_.products[dose.product].max_interval_days);
    }
    for (std::size_t p = 0; p < products_; ++p) given_of[p] += e.firsts_of[p] + e.seconds_of[p];
    for (const std::uint32_t i : out.sent_home) give_back(city, site.visits[i], e.seconds_back);
    for (const std::uint32_t i : out.no_stock) give_back(city, site.visits[i], e.seconds_back);
    e.unmet += static_cast<double>(out.sent_home.size() + out.no_stock.size());
    e.no_stock += static_cast<double>(out.no_stock.size());

    // Wastage: about `wastage_rate` of the doses used are lost with them.
    const auto given = static_cast<std::int64_t>(out.doses.size());
    const std::int64_t lost = sim::binomial(city.wastage, given, cfg_.supply.wastage_rate);
    const auto turned_away = static_cast<std::int64_t>(out.no_stock.size());
    e.wasted += static_cast<double>(flow_->use_at_site(s, given_of, lost, turned_away));

    e.desks += site.desks_open;
    e.busy += out.desk_busy_seconds;
    e.open_seconds += out.desk_open_seconds;
    e.hours_weighted += site.desks_open * sim::to_minutes(site.closes - site.opens) / 60.0;
    e.wait_ms += out.wait_total_ms;
    e.served += given;
  }

  // When each of today's first-dose people falls due: a return interval each, drawn product by
  // product in one batch (the i-th of a product's draws is the i-th of its doses recorded today),
  // counted into cohorts.
  void draw_return_days(int day, std::size_t c, CityEvening& e) {
    for (std::size_t p = 0; p < products_; ++p) {
      const Product& product = cfg_.products[p];
      intervals_.resize(static_cast<std::size_t>(e.firsts_of[p]));
      product.return_after_days.sample(cities_[c].returns, intervals_);
      for (const double drawn : intervals_) {
        const std::size_t cohort = e.cohort(p, return_day(day, product, drawn), day);
        ++e.cohort_size[cohort];
        if (observer_ != nullptr) e.cohort_of[p].push_back(static_cast<std::uint32_t>(cohort));
      }
    }
  }

  // The day's first-dose people get their ids, cohort by cohort, so that a cohort's ids run on:
  // each cohort joins the list of the day it falls due as one run. Within a cohort, ids follow
  // the order the doses were recorded in, which is the order the DoseObserver sees them in.
  void number_first_doses(int day, std::size_t c, CityEvening& e) {
    for (std::size_t p = 0; p < products_; ++p) {
      for (int k = 0; k < e.cohort_days; ++k) {
        std::uint32_t& size = e.cohort_size[e.cohort(p, day + k, day)];
        const DueRun run{people_, size, static_cast<std::int16_t>(day),
                         static_cast<std::uint8_t>(p)};
        people_ += size;
        size = run.first;  // from now on, the cohort's next id
        // Back tomorrow at the earliest (a 0-day interval); the last cohort: after the run.
        if (run.count > 0) add_due(c, run, std::max(day + k, day + 1));
      }
    }
    if (observer_ == nullptr) return;
    std::vector<std::size_t> next(products_, 0);  // into e.cohort_of[product]
    const std::vector<SiteDayOutcome>& outcomes = outcomes_[threads_ == 1 ? 0 : c];
    for (std::size_t i = 0; i < cities_[c].active.size(); ++i) {
      const std::size_t s = cities_[c].active[i];
      const SiteState& site = sites_[s];
      if (!site.open_today) continue;
      for (const SiteDayOutcome::Dose& dose : outcomes[i].doses) {
        const Visit& v = site.visits[dose.visit];
        const std::uint32_t person =
            v.second_dose ? v.person
                          : e.cohort_size[e.cohort_of[dose.product][next[dose.product]++]]++;
        observer_->on_dose({person, static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(c),
                            dose.product, static_cast<std::uint8_t>(v.second_dose ? 2 : 1), day,
                            dose.at});
      }
    }
  }

  // The city's row of the day, once all its sites are recorded.
  void record_city(int day, std::size_t c, CityEvening& e) {
    CityState& city = cities_[c];
    CityDayTable& t = result_.table;
    const int ci = static_cast<int>(c);
    draw_return_days(day, c, e);
    number_first_doses(day, c, e);
    for (std::size_t p = 0; p < products_; ++p) {
      result_.by_product[p].first[day] += static_cast<double>(e.firsts_of[p]);
      result_.by_product[p].second[day] += static_cast<double>(e.seconds_of[p]);
      e.firsts += static_cast<double>(e.firsts_of[p]);
      e.seconds += static_cast<double>(e.seconds_of[p]);
    }
    for (const Visit& v : city.no_shows) give_back(city, v, e.seconds_back);
    city.no_shows.clear();
    // Those who were due and missed today keep their place at the front of the queue.
    for (auto it = e.seconds_back.rbegin(); it != e.seconds_back.rend(); ++it) {
      city.second_queue[it->product].push_front(*it);
    }

    city.one_dose += static_cast<std::int64_t>(e.firsts) - static_cast<std::int64_t>(e.seconds);
    city.two_doses += static_cast<std::int64_t>(e.seconds);

    t.at(Measure::first_doses, day, ci) = e.firsts;
    t.at(Measure::second_doses, day, ci) = e.seconds;
    t.at(Measure::people_one_dose, day, ci) = static_cast<double>(city.one_dose);
    t.at(Measure::people_two_doses, day, ci) = static_cast<double>(city.two_doses);
    t.at(Measure::delivered, day, ci) = static_cast<double>(flow_->delivered_today(c));
    t.at(Measure::stock, day, ci) = static_cast<double>(flow_->city_stock(c));
    t.at(Measure::wasted, day, ci) = e.wasted;
    t.at(Measure::desks_open, day, ci) = e.desks;
    t.at(Measure::utilisation, day, ci) = e.open_seconds > 0 ? e.busy / e.open_seconds : 0.0;
    t.at(Measure::mean_wait, day, ci) =
        e.served > 0 ? sim::to_minutes(sim::Duration{e.wait_ms}) / static_cast<double>(e.served)
                     : 0.0;
    t.at(Measure::p95_wait, day, ci) = e.served > 0 ? city.waits.quantile(0.95) : 0.0;
    t.at(Measure::unmet, day, ci) = e.unmet;
    t.at(Measure::no_stock, day, ci) = e.no_stock;
    t.at(Measure::late_second_doses, day, ci) = static_cast<double>(e.late);
    t.at(Measure::open_hours, day, ci) = e.desks > 0 ? e.hours_weighted / e.desks : 0.0;

    DayLimits limits;
    limits.capacity = t.at(Measure::capacity, day, ci);
    limits.stock = t.at(Measure::available_stock, day, ci);
    limits.demand = t.at(Measure::demand, day, ci);
    limits.open_hours = t.at(Measure::open_hours, day, ci);
    limits.reference_hours = cfg_.targets.reference_open_hours;
    const std::int64_t target = cfg_.cities[c].daily_target;
    const bool met = target <= 0 || e.firsts + e.seconds >= static_cast<double>(target);
    t.bottleneck(day, ci) = classify(limits, met);
  }

  void finish() {
    result_.province_received = flow_->province_received();
    result_.province_stock_end = flow_->province_stock();
    result_.in_transit_end = flow_->in_transit();
    result_.supply = flow_->take_record();
    result_.network = flow_->take_network();
    // Everyone still waiting for a second dose is in a queue (or was never due within the run,
    // and counted then, in add_due): nobody with one dose leaves the queues otherwise.
    for (const CityState& city : cities_) {
      for (const DueQueue& queue : city.second_queue) {
        for (const DueRun& due : queue.runs()) {
          if (window_closed(due)) result_.missed_second_doses += due.count;
        }
      }
    }
    for (const SiteState& s : sites_) result_.events += s.day.events();
  }

  const CampaignConfig& cfg_;
  DoseObserver* observer_;
  int threads_;
  ProgressObserver* progress_;
  SiteDayMethod site_day_method_;
  sim::RandomStreams streams_;
  sim::Calendar calendar_;
  int days_;
  std::size_t products_;
  std::size_t groups_;

  std::vector<supply::Delivery> deliveries_;  // after this replication's draws, for the flow
  double uptake_factor_ = 1.0;
  double no_show_ = 0.0;
  double service_scale_ = 1.0;
  std::optional<supply::DoseFlow> flow_;  // where the doses are; made once the sites are
  std::vector<CityState> cities_;
  std::deque<SiteState> sites_;    // SiteDay holds a simulator, which must not move
  std::uint32_t people_ = 0;       // the next person's id: people are numbered by first dose
  std::vector<double> intervals_;  // draw_return_days', kept for its memory
  std::vector<std::vector<SiteDayOutcome>> outcomes_;  // see run_city_days
  std::vector<std::vector<Visit>> visits_;             // the same for the sites' visits
  std::vector<Booking> bookings_;                      // book()'s, kept for their memory
  std::vector<const Booking*> by_site_;                // lay_out_visits'
  std::vector<double> site_capacity_;                  // dispatch's
  std::vector<std::vector<std::vector<DueRun>>> due_;  // [city][day]: people falling due, as runs
  std::vector<std::vector<std::int64_t>> due_count_;   // [city][day * products + p]
  CampaignResult result_;
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
