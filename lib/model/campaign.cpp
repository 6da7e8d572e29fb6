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
#include "vaxsim/sim/detail/sampling.hpp"
#include "vaxsim/sim/random.hpp"
#include "vaxsim/supply/cold_chain.hpp"
#include "vaxsim/supply/stock_lots.hpp"

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

/// A place's doses moved today, for the SupplyRecord.
struct SupplyDay {
  std::int64_t received = 0;
  std::int64_t sent = 0;
  std::int64_t wasted = 0;
  std::int64_t expired = 0;
  std::int64_t overflow = 0;
};

/// SiteState::county of a site that draws from its city's store.
constexpr std::size_t kCityStore = static_cast<std::size_t>(-1);

/// A site while the campaign runs.
struct SiteState {
  const SiteSpec* spec = nullptr;
  std::size_t city = 0;
  std::size_t county = kCityStore;  // the county store it draws from (index into counties_)
  int first_day_open = 0;
  std::vector<std::int64_t> stock;      // per product; what SiteDay draws down
  std::vector<supply::StockLots> lots;  // per product: the doses behind `stock`
  SiteDay day;

  // Today's plan.
  bool open_today = false;
  sim::Duration opens{}, closes{};
  int desks_open = 0;
  double capacity = 0;          // appointments it can take today
  std::span<Visit> visits;      // those who come, in its city's visits (CampaignRun::visits_of)
  std::size_t turned_away = 0;  // today, for want of a dose (when open)

  SiteState(const SiteSpec& s, std::size_t c, int first_open, std::size_t products,
            sim::RandomEngine engine, SiteDayMethod method)
      : spec{&s},
        city{c},
        first_day_open{first_open},
        stock(products, 0),
        lots(products),
        day{std::move(engine), method} {}
};

struct CityState {
  std::vector<std::int64_t> store;            // per product: the city CDC's stock
  std::vector<supply::StockLots> store_lots;  // per product: the doses behind `store`
  std::vector<DueQueue> second_queue;         // per product: people due, oldest first
  std::vector<std::int64_t> willing;          // per group: people who will ever come
  std::vector<std::int64_t> released;         // per group: ready so far
  std::vector<std::int64_t> backlog;          // per group: ready, no first dose yet
  std::vector<std::size_t> sites;             // all the city's sites, whichever store supplies them
  // Those of them open by today (or closed for the day only), in the same order: the others have
  // no stock, desks or visits, and the day's loops over sites need not look at them.
  std::vector<std::size_t> active;
  int next_opening = 0;               // the first day a site of the city not yet active opens
  std::vector<std::size_t> counties;  // the county stores it supplies (indices into counties_)
  std::int64_t one_dose = 0;
  std::int64_t two_doses = 0;
  std::int64_t delivered_today = 0;
  SupplyDay store_day;                      // today's movements at the city's store...
  SupplyDay sites_day;                      // ...and at its sites taken together
  std::vector<Visit> no_shows;              // today's: booked, did not come
  sim::Histogram waits{0.0, 1.0, 24 * 60};  // today's waits at the city's sites, minutes
  sim::RandomEngine booking;
  sim::RandomEngine returns;
  sim::RandomEngine wastage;
  sim::RandomEngine staff;
};

/// A county store some site draws from: stock as at a city store, topped up by the city's store
/// over the city -> county link, and topping up its own sites.
struct CountyState {
  std::size_t node = 0;  // the cold chain's node
  std::size_t city = 0;
  std::size_t link = 0;                       // the city -> county link
  std::vector<std::int64_t> store;            // per product
  std::vector<supply::StockLots> store_lots;  // per product: the doses behind `store`
  std::vector<std::size_t> sites;
  SupplyDay day;  // today's movements at the store
};

/// Doses on the road, to a city store (`to` a city) or to a county store (`to` a county).
struct Shipment {
  int arrives;  // day
  std::size_t to;
  std::size_t product;
  std::int64_t doses;
  int expires;  // day: the lot the doses came from
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
      result_.by_product.push_back({p.name, sim::Vector::Zero(days_), sim::Vector::Zero(days_)});
    }
    policy_ =
        cfg_.supply.allocation ? cfg_.supply.allocation : std::make_shared<supply::ByPopulation>();
    province_lots_.resize(products_);  // the initial stock arrives on the first morning

    draw_uncertainty();
    set_up_cold_chain();
    set_up_cities();
    set_up_sites();
    set_up_counties();
    find_supply_leads();
    set_up_supply_record();
    find_supply_days();
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
      start_supply_day(day);
      receive_deliveries(day);
      if (day % cfg_.supply.allocation_every_days == 0) allocate(day);
      if (chain_) transport(day);
      ship_arrivals(day);
      run_city_days(day);
      record_supply(day);
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

    deliveries_.clear();
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
      city.store.assign(products_, 0);
      city.store_lots.assign(products_, {});
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
        sites_.emplace_back(spec, spec.city, first_open, products_,
                            streams_.engine(kSiteStream, entity), site_day_method_);
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

  // The record's places: the province, then each city's store and sites, then the county stores
  // (see supply_record.hpp).
  void set_up_supply_record() {
    SupplyRecord& r = result_.supply;
    std::string province = "province";
    if (cfg_.supply.cold_chain) {
      for (const supply::ColdChainNode& node : cfg_.supply.cold_chain->nodes) {
        if (node.kind == supply::NodeKind::province) province = node.name;
      }
    }
    r.nodes.push_back(province);
    r.kinds.push_back(SupplyNodeKind::province);
    for (const City& city : cfg_.cities) {
      r.nodes.insert(r.nodes.end(), {city.name, city.name});
      r.kinds.insert(r.kinds.end(), {SupplyNodeKind::store, SupplyNodeKind::sites});
    }
    for (const CountyState& county : counties_) {
      r.nodes.push_back(cfg_.supply.cold_chain->nodes[county.node].name);
      r.kinds.push_back(SupplyNodeKind::county);
    }
    for (sim::Matrix* m :
         {&r.received, &r.sent, &r.stock, &r.wasted, &r.expired, &r.overflow, &r.stock_out}) {
      *m = sim::Matrix::Zero(days_, r.node_count());
    }
  }

  // Each morning, before anything moves: yesterday's movements are cleared, and what is left of
  // the lots expiring today is removed wherever it is held.
  void start_supply_day(int day) {
    province_day_ = {};
    for (CityState& city : cities_) {
      city.delivered_today = 0;
      city.store_day = {};
      city.sites_day = {};
    }
    for (CountyState& county : counties_) {
      county.day = {};
      for (std::size_t p = 0; p < products_; ++p) {
        const std::int64_t expired = county.store_lots[p].expire(day);
        county.store[p] -= expired;
        county.day.expired += expired;
      }
    }
    for (supply::StockLots& lots : province_lots_) province_day_.expired += lots.expire(day);
    for (std::vector<supply::StockLots>& city : owed_) {
      for (supply::StockLots& lots : city) province_day_.expired += lots.expire(day);
    }
    for (CityState& city : cities_) {
      for (std::size_t p = 0; p < products_; ++p) {
        const std::int64_t in_store = city.store_lots[p].expire(day);
        city.store[p] -= in_store;
        city.store_day.expired += in_store;
        for (const std::size_t s : city.active) {
          SiteState& site = sites_[s];
          const std::int64_t at_site = site.lots[p].expire(day);
          site.stock[p] -= at_site;
          city.sites_day.expired += at_site;
        }
      }
    }
  }

  int expiry_day(const std::optional<Date>& expires) const {
    return expires ? calendar_.day_index(*expires) : supply::kNeverExpires;
  }

  // The initial stock counts as received on the first morning.
  void receive_deliveries(int day) {
    if (day == 0) {
      for (std::size_t p = 0; p < cfg_.supply.initial_stock.size(); ++p) {
        const std::optional<int>& shelf_life = cfg_.products[p].shelf_life_days;
        receive_at_province(day, p, cfg_.supply.initial_stock[p],
                            shelf_life ? *shelf_life : supply::kNeverExpires);
      }
    }
    for (const supply::Delivery& d : deliveries_) {
      if (calendar_.day_index(d.date) == day) {
        receive_at_province(day, d.product, d.doses, expiry_day(d.expires));
      }
    }
  }

  // Doses reach the province store. What does not fit in its cold store (with a cold chain) cannot
  // be kept: it is overflow, lost to the campaign. Doses already expired are removed at once.
  void receive_at_province(int day, std::size_t product, std::int64_t doses, int expires) {
    result_.province_received += doses;
    province_day_.received += doses;
    const std::int64_t kept = std::min(doses, room_at_province());
    province_day_.overflow += doses - kept;
    province_lots_[product].add(kept, expires);
    province_day_.expired += province_lots_[product].expire(day);
  }

  // Doses at the province: not yet allocated, and allocated but waiting for trucks.
  std::int64_t province_stock() const {
    std::int64_t n = 0;
    for (const supply::StockLots& lots : province_lots_) n += lots.total();
    for (const std::vector<supply::StockLots>& city : owed_) {
      for (const supply::StockLots& lots : city) n += lots.total();
    }
    return n;
  }

  std::int64_t room_at_province() const {
    if (!chain_) return supply::unlimited;
    const std::int64_t capacity = chain_->config().nodes[chain_->root()].storage_capacity;
    if (capacity == supply::unlimited) return capacity;
    return std::max<std::int64_t>(0, capacity - province_stock());
  }

  void allocate(int day) {
    const int horizon = cfg_.supply.allocation_every_days + max_lead_days_;
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
      n.stock = city_stock(c) + in_transit_to(c);
    }
    for (std::size_t p = 0; p < products_; ++p) {
      supply::StockLots& held = province_lots_[p];
      const std::vector<std::int64_t> parts = policy_->split(held.total(), needs);
      const std::string policy = "allocation policy '" + std::string(policy_->name()) + "'";
      if (parts.size() != cities_.size()) {
        throw std::logic_error(policy + " gave " + std::to_string(parts.size()) + " shares for " +
                               std::to_string(cities_.size()) + " cities");
      }
      std::int64_t total = 0;
      for (const std::int64_t part : parts) {
        if (part < 0) throw std::logic_error(policy + " gave a negative share");
        total += part;
      }
      if (total > held.total()) throw std::logic_error(policy + " gave out more than it had");
      // Each city gets its share of every lot, the earliest expiring first.
      for (const auto& [c, lot] : held.share_out(parts)) {
        if (chain_) {
          owed_[c][p].add(lot.doses, lot.expires);  // waits at the province for trucks
        } else {
          transit_.push_back({day + lead_days_[c], c, p, lot.doses, lot.expires});
          province_day_.sent += lot.doses;
        }
      }
    }
  }

  void ship_arrivals(int day) {
    std::erase_if(transit_, [&](const Shipment& s) {
      if (s.arrives > day) return false;
      receive_at_store(day, s.to, s.product, s.doses, s.expires);
      return true;
    });
  }

  // A shipment reaches a city store. As at the province, what does not fit is overflow (trucks
  // are loaded only for the room there, so with today's rules none), and doses that expired on
  // the road are received and removed at once.
  void receive_at_store(int day, std::size_t c, std::size_t p, std::int64_t doses, int expires) {
    CityState& city = cities_[c];
    city.delivered_today += doses;
    city.store_day.received += doses;
    const std::int64_t kept = std::min(doses, room_at_store(c));
    city.store_day.overflow += doses - kept;
    city.store_lots[p].add(kept, expires);
    const std::int64_t expired = city.store_lots[p].expire(day);
    city.store_day.expired += expired;
    city.store[p] += kept - expired;
  }

  std::int64_t room_at_store(std::size_t c) const {
    if (!chain_) return supply::unlimited;
    const std::int64_t capacity = chain_->config().nodes[city_node_[c]].storage_capacity;
    if (capacity == supply::unlimited) return capacity;
    const std::vector<std::int64_t>& store = cities_[c].store;
    return std::max<std::int64_t>(
        0, capacity - std::accumulate(store.begin(), store.end(), std::int64_t{0}));
  }

  std::int64_t in_transit_to(std::size_t c) const {
    std::int64_t n = 0;
    for (const Shipment& s : transit_) n += s.to == c ? s.doses : 0;
    return n;
  }

  // The doses a city holds: in its store, at its sites, and in its counties' stores or on the
  // road to them.
  std::int64_t city_stock(std::size_t c) const {
    std::int64_t n =
        std::accumulate(cities_[c].store.begin(), cities_[c].store.end(), std::int64_t{0});
    n += sites_stock(c);
    for (const std::size_t k : cities_[c].counties) n += county_stock(k) + in_transit_to_county(k);
    return n;
  }

  std::int64_t sites_stock(std::size_t c) const {
    std::int64_t n = 0;
    for (const std::size_t s : cities_[c].active) {
      n += std::accumulate(sites_[s].stock.begin(), sites_[s].stock.end(), std::int64_t{0});
    }
    return n;
  }

  // The days on which newly delivered doses can reach each city's sites: a delivery waits in the
  // province store for the next allocation day, then travels to the farthest store the city's
  // sites draw from (trucks permitting).
  void find_supply_days() {
    const int every = cfg_.supply.allocation_every_days;
    new_stock_arrives_.assign(cities_.size(), std::vector<bool>(static_cast<std::size_t>(days_)));
    for (std::size_t c = 0; c < cities_.size(); ++c) {
      const auto mark = [&](int delivered) {
        const int allocated = (delivered + every - 1) / every * every;
        const int arrives = allocated + supply_lead_days_[c];
        if (arrives < days_) new_stock_arrives_[c][static_cast<std::size_t>(arrives)] = true;
      };
      mark(0);  // the initial stock
      for (const supply::Delivery& d : deliveries_) mark(calendar_.day_index(d.date));
    }
  }

  bool new_stock_arrives_on(std::size_t c, int day) const {
    return new_stock_arrives_[c][static_cast<std::size_t>(day)];
  }

  // ---- The cold chain ------------------------------------------------------------------------

  void set_up_cold_chain() {
    lead_days_.assign(cfg_.cities.size(), cfg_.supply.lead_days);
    if (cfg_.supply.cold_chain) {
      chain_.emplace(*cfg_.supply.cold_chain);
      const auto& nodes = cfg_.supply.cold_chain->nodes;
      for (std::size_t c = 0; c < cfg_.cities.size(); ++c) {
        const auto it = std::find_if(nodes.begin(), nodes.end(),
                                     [&](const auto& n) { return n.name == cfg_.cities[c].name; });
        city_node_.push_back(static_cast<std::size_t>(it - nodes.begin()));  // validated
        lead_days_[c] = chain_->lead_days(city_node_.back());
      }
      owed_.assign(cfg_.cities.size(), std::vector<supply::StockLots>(products_));
      NetworkRecord& n = result_.network;
      for (const supply::ColdChainLink& l : cfg_.supply.cold_chain->links) {
        n.links.push_back(nodes[l.from].name + " -> " + nodes[l.to].name);
        const auto city = std::find(city_node_.begin(), city_node_.end(), l.to);
        n.link_city.push_back(
            city == city_node_.end() ? -1 : static_cast<int>(city - city_node_.begin()));
      }
      n.bound = sim::Vector::Zero(days_);
      n.shipped = sim::Vector::Zero(days_);
      n.link_flow = sim::Matrix::Zero(days_, static_cast<sim::Index>(n.links.size()));
      n.binding_links.resize(static_cast<std::size_t>(days_));
    }
  }

  // Loads today's trucks: the most the network can carry of what each city is owed, within the
  // links' daily capacity and the free room of each city's cold store (stock and inbound doses).
  void transport(int day) {
    const std::size_t n_nodes = chain_->node_count();
    std::vector<std::int64_t> room(n_nodes, supply::unlimited);
    std::vector<std::int64_t> owed(n_nodes, 0);
    std::int64_t owed_total = 0;
    for (std::size_t c = 0; c < cities_.size(); ++c) {
      const std::size_t node = city_node_[c];
      const std::int64_t capacity = cfg_.supply.cold_chain->nodes[node].storage_capacity;
      if (capacity != supply::unlimited) {
        const std::int64_t held =
            std::accumulate(cities_[c].store.begin(), cities_[c].store.end(), std::int64_t{0}) +
            in_transit_to(c);
        room[node] = std::max<std::int64_t>(0, capacity - held);
      }
      for (const supply::StockLots& lots : owed_[c]) owed[node] += lots.total();
      owed_total += owed[node];
    }
    room[chain_->root()] = owed_total;  // the province sends only what it has allocated

    // The day's bound: the most the network could move to the stores the sites draw from (a
    // city's own store, and its county stores), each taking all it could, within every link's
    // trucks and every store's free room. County links count: a city whose sites all draw from
    // its counties takes no more than their trucks carry on.
    std::vector<std::int64_t> all(n_nodes, 0);
    for (std::size_t c = 0; c < cities_.size(); ++c) {
      if (own_sites_[c]) all[city_node_[c]] = supply::unlimited;
    }
    std::vector<std::int64_t> full_room = room;
    full_room[chain_->root()] = supply::unlimited;
    for (std::size_t k = 0; k < counties_.size(); ++k) {
      all[counties_[k].node] = supply::unlimited;
      full_room[counties_[k].node] = county_room(k);
    }
    const supply::DailyBound bound = chain_->max_flow(full_room, all);
    NetworkRecord& rec = result_.network;
    rec.bound[day] = static_cast<double>(bound.max_doses);

    if (owed_total == 0) return;
    const supply::DailyBound today = chain_->max_flow(room, owed);
    rec.shipped[day] = static_cast<double>(today.max_doses);
    for (std::size_t l = 0; l < today.flow_on_link.size(); ++l) {
      rec.link_flow(day, static_cast<sim::Index>(l)) = static_cast<double>(today.flow_on_link[l]);
    }
    for (const std::size_t l : today.cut_links) {
      rec.binding_links[static_cast<std::size_t>(day)].push_back(static_cast<std::uint32_t>(l));
    }
    for (std::size_t c = 0; c < cities_.size(); ++c) {
      const std::int64_t load = today.flow_to_demand[city_node_[c]];
      if (load == 0) continue;
      std::vector<double> weights;
      for (const supply::StockLots& lots : owed_[c]) {
        weights.push_back(static_cast<double>(lots.total()));
      }
      const std::vector<std::int64_t> parts = supply::split_in_proportion(load, weights);
      for (std::size_t p = 0; p < products_; ++p) {
        if (parts[p] == 0) continue;
        // Trucks are loaded with the earliest expiring doses first.
        const supply::StockLots loaded = owed_[c][p].take(parts[p]);
        for (const supply::Lot& lot : loaded.lots()) {
          transit_.push_back({day + lead_days_[c], c, p, lot.doses, lot.expires});
        }
        province_day_.sent += parts[p];
      }
    }
  }

  // ---- County stores -------------------------------------------------------------------------

  // A store for each county node some site names (validated: supplied by the site's city), in
  // the cold chain's node order. County nodes no site draws from hold nothing.
  void set_up_counties() {
    if (!chain_) return;
    const supply::ColdChainConfig& net = chain_->config();
    for (std::size_t node = 0; node < net.nodes.size(); ++node) {
      const std::string& name = net.nodes[node].name;
      const std::size_t k = counties_.size();
      for (SiteState& site : sites_) {
        if (site.spec->store != name) continue;
        if (counties_.size() == k) {
          CountyState county;
          county.node = node;
          county.city = site.city;
          const std::vector<std::size_t> path = chain_->path_to(node);
          county.link = path.back();
          county.store.assign(products_, 0);
          county.store_lots.assign(products_, {});
          result_.network.link_city[county.link] = static_cast<int>(site.city);
          counties_.push_back(std::move(county));
          cities_[site.city].counties.push_back(k);
        }
        site.county = k;
      }
    }
    for (std::size_t c = 0; c < cities_.size(); ++c) {
      for (const std::size_t s : cities_[c].sites) {
        if (sites_[s].county != kCityStore) counties_[sites_[s].county].sites.push_back(s);
      }
    }
  }

  // How far each city's sites are from the province: the lead time to the farthest store they
  // draw from. Doses allocated today are of use to the city's sites only that much later, which
  // the allocation horizon and first-dose pacing must allow for. And whether some site of the
  // city draws from the city's own store (or it has no sites, and so no county either): the
  // city store is then where the network's doses end.
  void find_supply_leads() {
    own_sites_.assign(cities_.size(), false);
    for (std::size_t c = 0; c < cities_.size(); ++c) {
      const std::vector<std::size_t>& sites = cities_[c].sites;
      own_sites_[c] = sites.empty() || std::any_of(sites.begin(), sites.end(), [&](std::size_t s) {
                        return sites_[s].county == kCityStore;
                      });
    }
    supply_lead_days_ = lead_days_;
    for (const CountyState& county : counties_) {
      supply_lead_days_[county.city] =
          std::max(supply_lead_days_[county.city], chain_->lead_days(county.node));
    }
    max_lead_days_ = *std::max_element(supply_lead_days_.begin(), supply_lead_days_.end());
  }

  std::int64_t county_stock(std::size_t k) const {
    const std::vector<std::int64_t>& store = counties_[k].store;
    return std::accumulate(store.begin(), store.end(), std::int64_t{0});
  }

  std::int64_t in_transit_to_county(std::size_t k) const {
    std::int64_t n = 0;
    for (const Shipment& s : county_transit_) n += s.to == k ? s.doses : 0;
    return n;
  }

  // The free room of county k's cold store: less its stock and the doses on the road to it, as
  // for a city store.
  std::int64_t county_room(std::size_t k) const {
    const std::int64_t capacity = chain_->config().nodes[counties_[k].node].storage_capacity;
    if (capacity == supply::unlimited) return capacity;
    return std::max<std::int64_t>(0, capacity - county_stock(k) - in_transit_to_county(k));
  }

  // What county k orders from its city this morning: what its open sites lack today, and what
  // they will use while today's load is on the road (their capacity for the link's lead days),
  // less what the county holds and has on the road. An order-up-to rule: a county with a lead
  // time keeps that many days of its sites' use, no more.
  std::int64_t county_order(std::size_t k) const {
    const CountyState& county = counties_[k];
    const int lead = chain_->config().links[county.link].lead_days;
    double wanted = 0;
    for (const std::size_t s : county.sites) {
      wanted += site_need(sites_[s]) + lead * std::ceil(sites_[s].capacity);
    }
    const double held = static_cast<double>(county_stock(k) + in_transit_to_county(k));
    return std::max<std::int64_t>(0, floor_to_count(wanted - held));
  }

  // How much of each of city c's county orders its trucks and the counties' rooms let it load
  // today (the city's stock aside): a max-flow from the city's store over its county links. Its
  // cut names the county links whose trucks held an order back: binding links of the day.
  std::vector<std::int64_t> county_loads(int day, std::size_t c,
                                         const std::vector<std::int64_t>& orders) {
    const std::vector<std::size_t>& counties = cities_[c].counties;
    std::vector<std::int64_t> room(chain_->node_count(), supply::unlimited);
    std::vector<std::int64_t> demand(chain_->node_count(), 0);
    for (std::size_t i = 0; i < counties.size(); ++i) {
      room[counties_[counties[i]].node] = county_room(counties[i]);
      demand[counties_[counties[i]].node] = orders[i];
    }
    const supply::DailyBound flow = chain_->max_flow(room, demand, city_node_[c]);
    for (const std::size_t l : flow.cut_links) {
      result_.network.binding_links[static_cast<std::size_t>(day)].push_back(
          static_cast<std::uint32_t>(l));
    }
    std::vector<std::int64_t> loads;
    for (const std::size_t k : counties) loads.push_back(flow.flow_to_demand[counties_[k].node]);
    return loads;
  }

  // A shipment reaches a county store; as at a city store, doses that expired on the road are
  // received and removed at once (trucks load only what fits, so nothing overflows).
  void receive_county_shipments(int day, std::size_t k) {
    CountyState& county = counties_[k];
    std::erase_if(county_transit_, [&](const Shipment& s) {
      if (s.to != k || s.arrives > day) return false;
      county.day.received += s.doses;
      county.store_lots[s.product].add(s.doses, s.expires);
      const std::int64_t expired = county.store_lots[s.product].expire(day);
      county.day.expired += expired;
      county.store[s.product] += s.doses - expired;
      return true;
    });
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
    const auto in_time = [&](int reaches_sites) {
      return !pacing || reaches_sites < day + days_left;
    };
    supply::StockLots held;
    // From the city's store to its farthest sites' store:
    if (in_time(day + supply_lead_days_[c] - lead_days_[c])) held.add(city.store_lots[p]);
    for (const std::size_t s : open) held.add(sites_[s].lots[p]);
    for (const std::size_t k : city.counties) held.add(counties_[k].store_lots[p]);
    for (const Shipment& s : county_transit_) {
      if (s.product == p && counties_[s.to].city == c && in_time(s.arrives)) {
        held.add(s.doses, s.expires);
      }
    }
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

  // Doses a site needs to hold `site_cover_days` of its capacity (none when closed).
  double site_need(const SiteState& site) const {
    if (!site.open_today) return 0.0;
    const std::int64_t held =
        std::accumulate(site.stock.begin(), site.stock.end(), std::int64_t{0});
    return std::max(
        0.0, std::ceil(site.capacity * cfg_.supply.site_cover_days) - static_cast<double>(held));
  }

  // The morning top-up. The city store tops up the open sites it supplies and loads its
  // counties' trucks, each county for its order (county_order), within its trucks and room;
  // shipments due reach the counties (lead 0: the same day); then each county tops up its own
  // open sites.
  void dispatch(int day, std::size_t c) {
    CityState& city = cities_[c];
    const auto to_site = [&](std::size_t s, std::size_t p, const supply::Lot& lot) {
      sites_[s].stock[p] += lot.doses;
      sites_[s].lots[p].add(lot.doses, lot.expires);
      city.sites_day.received += lot.doses;
    };
    std::vector<double> need;  // the city's sites (0 for a county's), then its counties
    for (const std::size_t s : city.sites) {
      need.push_back(sites_[s].county == kCityStore ? site_need(sites_[s]) : 0.0);
    }
    std::vector<std::int64_t> most(need.size(), supply::unlimited);
    if (!city.counties.empty()) {
      std::vector<std::int64_t> orders;
      for (const std::size_t k : city.counties) orders.push_back(county_order(k));
      for (const std::int64_t load : county_loads(day, c, orders)) {
        most.push_back(load);
        need.push_back(static_cast<double>(load));
      }
    }
    send(city.store, city.store_lots, city.store_day, need, most,
         [&](std::size_t i, std::size_t p, const supply::Lot& lot) {
           if (i < city.sites.size()) return to_site(city.sites[i], p, lot);
           const std::size_t k = city.counties[i - city.sites.size()];
           const supply::ColdChainLink& link = chain_->config().links[counties_[k].link];
           county_transit_.push_back({day + link.lead_days, k, p, lot.doses, lot.expires});
           result_.network.link_flow(day, static_cast<sim::Index>(counties_[k].link)) +=
               static_cast<double>(lot.doses);
         });
    for (const std::size_t k : city.counties) {
      CountyState& county = counties_[k];
      receive_county_shipments(day, k);
      std::vector<double> sites_need;
      for (const std::size_t s : county.sites) sites_need.push_back(site_need(sites_[s]));
      send(county.store, county.store_lots, county.day, sites_need,
           std::vector<std::int64_t>(sites_need.size(), supply::unlimited),
           [&](std::size_t i, std::size_t p, const supply::Lot& lot) {
             to_site(county.sites[i], p, lot);
           });
    }
  }

  // Sends up to the total `need` from a store, split among the products in proportion to the
  // stock of each and among the takers in proportion to their need, each lot shared out (the
  // earliest expiring first) by deliver(taker, product, lot). Taker i gets at most most[i]:
  // rounding product by product can give a taker a dose or two beyond its share of the total,
  // which a truck could not carry; those stay in the store.
  template <class Deliver>
  void send(std::vector<std::int64_t>& store, std::vector<supply::StockLots>& lots,
            SupplyDay& store_day, const std::vector<double>& need,
            const std::vector<std::int64_t>& most, Deliver deliver) {
    double total_need = 0;
    for (const double n : need) total_need += n;
    const std::int64_t store_total = std::accumulate(store.begin(), store.end(), std::int64_t{0});
    if (total_need <= 0 || store_total == 0) return;
    const std::int64_t give = std::min(store_total, static_cast<std::int64_t>(total_need));
    std::vector<double> store_weights(store.begin(), store.end());
    const std::vector<std::int64_t> by_product = supply::split_in_proportion(give, store_weights);
    std::vector<std::vector<std::int64_t>> parts;  // [product][taker]
    for (std::size_t p = 0; p < products_; ++p) {
      parts.push_back(supply::split_in_proportion(by_product[p], need));
    }
    for (std::size_t i = 0; i < need.size(); ++i) {
      std::int64_t over = -most[i];
      for (std::size_t p = 0; p < products_; ++p) over += parts[p][i];
      for (std::size_t p = products_; p-- > 0 && over > 0;) {
        const std::int64_t back = std::min(over, parts[p][i]);
        parts[p][i] -= back;
        over -= back;
      }
    }
    for (std::size_t p = 0; p < products_; ++p) {
      const std::int64_t sent = std::accumulate(parts[p].begin(), parts[p].end(), std::int64_t{0});
      store[p] -= sent;
      for (const auto& [i, lot] : lots[p].share_out(parts[p])) deliver(i, p, lot);
      store_day.sent += sent;
    }
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
      stock_left.insert(stock_left.end(), sites_[s].stock.begin(), sites_[s].stock.end());
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
    while (day + days_left < days_ && !new_stock_arrives_on(c, day + days_left)) ++days_left;

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
          simulate(day, sites_[city.active[i]], city.waits, out);
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
        simulate(day, sites_[city.active[i]], city.waits, outcomes[i]);
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

  void simulate(int day, SiteState& site, sim::Histogram& waits, SiteDayOutcome& out) {
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
    plan.wait_histogram = &waits;
    site.day.run(plan, site.stock, out);
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
    site.turned_away = out.no_stock.size();
    // Counted without a branch on the kind of dose: firsts and seconds come in no order. The
    // first-dose people fall due in the evening (draw_return_days).
    for (const SiteDayOutcome::Dose& dose : out.doses) {
      const Visit& v = site.visits[dose.visit];
      const bool second = v.second_dose;
      e.seconds_of[dose.product] += second;
      e.firsts_of[dose.product] += !second;
      e.late += second & (day - v.first_day > cfg_.products[dose.product].max_interval_days);
    }
    for (const std::uint32_t i : out.sent_home) give_back(city, site.visits[i], e.seconds_back);
    for (const std::uint32_t i : out.no_stock) give_back(city, site.visits[i], e.seconds_back);
    e.unmet += static_cast<double>(out.sent_home.size() + out.no_stock.size());
    e.no_stock += static_cast<double>(out.no_stock.size());

    // Wastage: about `wastage_rate` of the doses used are lost with them.
    const auto given = static_cast<std::int64_t>(out.doses.size());
    const std::int64_t lost = sim::binomial(city.wastage, given, cfg_.supply.wastage_rate);
    e.wasted += static_cast<double>(use_site_stock(site, city, lost));

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
    t.at(Measure::delivered, day, ci) = static_cast<double>(city.delivered_today);
    t.at(Measure::stock, day, ci) = static_cast<double>(city_stock(c));
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

  // The site's day drew `stock` down by the doses given: the same doses leave its lots, the
  // earliest expiring first; then `lost` doses wasted in use, product by product. Returns the
  // doses wasted (fewer than `lost` if the site ran out).
  std::int64_t use_site_stock(SiteState& site, CityState& city, std::int64_t lost) {
    for (std::size_t p = 0; p < products_; ++p) {
      const std::int64_t given = site.lots[p].total() - site.stock[p];
      site.lots[p].use(given);
      city.sites_day.sent += given;
    }
    std::int64_t wasted = 0;
    for (std::size_t p = 0; p < products_ && lost > 0; ++p) {
      const std::int64_t take = std::min(lost, site.stock[p]);
      site.stock[p] -= take;
      site.lots[p].use(take);
      lost -= take;
      wasted += take;
    }
    city.sites_day.wasted += wasted;
    return wasted;
  }

  // The day's movements and the evening's stock of every place into the SupplyRecord; each
  // city's expired doses into its row of the table.
  void record_supply(int day) {
    SupplyRecord& r = result_.supply;
    const auto put = [&](int node, const SupplyDay& moved, std::int64_t stock, double stock_out) {
      r.received(day, node) = static_cast<double>(moved.received);
      r.sent(day, node) = static_cast<double>(moved.sent);
      r.stock(day, node) = static_cast<double>(stock);
      r.wasted(day, node) = static_cast<double>(moved.wasted);
      r.expired(day, node) = static_cast<double>(moved.expired);
      r.overflow(day, node) = static_cast<double>(moved.overflow);
      r.stock_out(day, node) = stock_out;
    };
    // A store is out when it is empty after the morning's top-up (it does not change after: empty
    // now is empty since then) while the sites it supplies itself turn people away for want of a
    // dose; those people count at every empty store up the chain, up to the province.
    const int first_county = SupplyRecord::first_county(static_cast<int>(cities_.size()));
    std::vector<double> county_out(counties_.size(), 0.0);
    for (std::size_t k = 0; k < counties_.size(); ++k) {
      const std::int64_t in_store = county_stock(k);
      county_out[k] = in_store == 0 ? county_turned_away(k) : 0.0;
      put(first_county + static_cast<int>(k), counties_[k].day, in_store, county_out[k]);
    }
    double chain_out = 0;  // turned away below an empty city store, and its empty counties
    for (std::size_t c = 0; c < cities_.size(); ++c) {
      const CityState& city = cities_[c];
      const int ci = static_cast<int>(c);
      const std::int64_t in_store =
          std::accumulate(city.store.begin(), city.store.end(), std::int64_t{0});
      const double turned_away = result_.table.at(Measure::no_stock, day, ci);
      double own_sites = turned_away;  // at the sites the city store supplies itself
      double counties_out = 0;
      for (const std::size_t k : city.counties) {
        own_sites -= county_turned_away(k);
        counties_out += county_out[k];
      }
      const double store_out = in_store == 0 ? own_sites : 0.0;
      put(SupplyRecord::store(ci), city.store_day, in_store, store_out);
      put(SupplyRecord::sites(ci), city.sites_day, sites_stock(c), turned_away);
      if (in_store == 0) chain_out += store_out + counties_out;
      std::int64_t expired = city.store_day.expired + city.sites_day.expired;
      for (const std::size_t k : city.counties) expired += counties_[k].day.expired;
      result_.table.at(Measure::expired, day, ci) = static_cast<double>(expired);
    }
    const std::int64_t at_province = province_stock();
    put(SupplyRecord::province(), province_day_, at_province, at_province == 0 ? chain_out : 0.0);
  }

  // People turned away for want of a dose today at county k's sites.
  double county_turned_away(std::size_t k) const {
    double n = 0;
    for (const std::size_t s : counties_[k].sites) {
      if (sites_[s].open_today) n += static_cast<double>(sites_[s].turned_away);
    }
    return n;
  }

  void finish() {
    result_.province_stock_end += province_stock();
    for (const Shipment& s : transit_) result_.in_transit_end += s.doses;
    for (const Shipment& s : county_transit_) result_.in_transit_end += s.doses;
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
  std::shared_ptr<const supply::AllocationPolicy> policy_;

  std::vector<std::vector<bool>> new_stock_arrives_;  // [city][day]
  std::optional<supply::ColdChain> chain_;
  std::vector<std::size_t> city_node_;  // the chain's node of each city
  std::vector<int> lead_days_;          // per city: province -> city store
  std::vector<int> supply_lead_days_;   // per city: province -> the farthest store its sites use
  std::vector<bool> own_sites_;         // per city: some site draws from the city's store
  int max_lead_days_ = 0;               // of supply_lead_days_
  std::vector<std::vector<supply::StockLots>> owed_;  // [city][product]: allocated, not loaded
  std::vector<supply::Delivery> deliveries_;          // after this replication's draws
  double uptake_factor_ = 1.0;
  double no_show_ = 0.0;
  double service_scale_ = 1.0;
  std::vector<supply::StockLots> province_lots_;  // per product: not yet allocated
  SupplyDay province_day_;                        // today's movements at the province
  std::vector<Shipment> transit_;                 // to the city stores
  std::vector<CountyState> counties_;             // the county stores sites draw from
  std::vector<Shipment> county_transit_;          // to the county stores
  std::vector<CityState> cities_;
  std::deque<SiteState> sites_;    // SiteDay holds a simulator, which must not move
  std::uint32_t people_ = 0;       // the next person's id: people are numbered by first dose
  std::vector<double> intervals_;  // draw_return_days', kept for its memory
  std::vector<std::vector<SiteDayOutcome>> outcomes_;  // see run_city_days
  std::vector<std::vector<Visit>> visits_;             // the same for the sites' visits
  std::vector<Booking> bookings_;                      // book()'s, kept for their memory
  std::vector<const Booking*> by_site_;                // lay_out_visits'
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
