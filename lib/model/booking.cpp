// The morning's booking, city by city: who is ready for a first dose, which sites open and with
// how many desks, the sites' top-up (the dose flow's work, handed each site's capacity), and who
// is booked where: second doses due first or last (the dose policy), first doses in group order,
// each to a product within the doses it can spare beyond its own second doses, then walk-ins
// and no-shows. The visits it lays out are what the sites simulate (site_day.hpp).

#include "booking.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>

#include "vaxsim/sim/detail/sampling.hpp"
#include "vaxsim/supply/stock_lots.hpp"

namespace vaxsim::model::detail {
namespace {

using sim::Date;

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

bool site_open_on(const SiteSpec& spec, Date date) {
  if (std::find(spec.closed_on.begin(), spec.closed_on.end(), date) != spec.closed_on.end()) {
    return false;
  }
  if (spec.stops.empty()) return true;
  return std::any_of(spec.stops.begin(), spec.stops.end(),
                     [&](const MobileStop& s) { return s.from <= date && date <= s.to; });
}

}  // namespace

Booking::Booking(CampaignState& state, SecondDoseBook& book, supply::DoseFlow& flow)
    : st_{state}, book_{book}, flow_{flow} {}

// A city's morning: who is ready, which sites open with what stock, and who is booked where.
void Booking::morning(int day, std::size_t c, std::vector<Visit>& visits) {
  release_ready_people(day, c);
  plan_sites(day, c);
  dispatch(day, c);
  book(day, c, visits);
}

void Booking::release_ready_people(int day, std::size_t c) {
  CityState& city = st_.cities[c];
  const Date date = st_.calendar.date(day);
  const double registered =
      st_.cfg.demand.registered.points.empty() ? 1.0 : st_.cfg.demand.registered.at(date);
  for (std::size_t g = 0; g < st_.groups; ++g) {
    const auto& from = st_.cfg.groups[g].eligible_from;
    if (!from || date < *from) continue;
    const std::int64_t ready = floor_to_count(static_cast<double>(city.willing[g]) * registered);
    if (ready > city.released[g]) {
      city.backlog[g] += ready - city.released[g];
      city.released[g] = ready;
    }
  }
  book_.release(c, day);
}

const DosePolicy& Booking::policy_on(int day) const {
  static const DosePolicy kDefault{};
  const DosePolicy* in_force = &kDefault;
  const Date date = st_.calendar.date(day);
  for (const DosePolicy& p : st_.cfg.policies) {
    if (p.from <= date) in_force = &p;
  }
  return *in_force;
}

void Booking::plan_sites(int day, std::size_t c) {
  const Date date = st_.calendar.date(day);
  CityState& city = st_.cities[c];
  double staff_needed = 0;
  for (const std::size_t s : city.active) {
    SiteState& site = st_.sites[s];
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
  const City& spec = st_.cfg.cities[c];
  double present = 1.0;  // share of staff at work today
  if (st_.cfg.uncertainty.staff_absence) {
    present = 1.0 - std::clamp(st_.cfg.uncertainty.staff_absence->sample(city.staff), 0.0, 1.0);
  }
  double ratio = present;
  if (!spec.staff.points.empty() && staff_needed > 0) {
    ratio = std::min(1.0, spec.staff.at(date) * present / staff_needed);
  }
  if (ratio < 1.0) {
    for (const std::size_t s : city.active) {
      SiteState& site = st_.sites[s];
      site.desks_open = static_cast<int>(floor_to_count(site.desks_open * ratio));
    }
  }
  for (const std::size_t s : city.active) {
    SiteState& site = st_.sites[s];
    if (!site.open_today) continue;
    const SiteSpec& ss = *site.spec;
    const double minutes = sim::to_minutes(site.closes - site.opens);
    double cap = site.desks_open * minutes / std::max(ss.service_minutes.mean(), 1e-9);
    if (ss.observation > sim::Duration::zero()) {
      cap = std::min(cap, ss.observation_seats * minutes / sim::to_minutes(ss.observation));
    }
    site.capacity = cap * st_.cfg.demand.booking_fill;
  }
}

// The morning top-up, for the sites' capacity planned today (0 when closed).
void Booking::dispatch(int day, std::size_t c) {
  site_capacity_.clear();
  for (const std::size_t s : st_.cities[c].sites) site_capacity_.push_back(st_.sites[s].capacity);
  flow_.dispatch(day, c, site_capacity_);
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
std::int64_t Booking::first_dose_budget(int day, std::size_t c, std::size_t p,
                                        const std::vector<std::size_t>& open, std::int64_t used,
                                        int reserve_days, int days_left) const {
  const bool pacing = st_.cfg.demand.pace_to_supply;
  // The counties' doses are the city's too. When pacing, only the doses that reach the sites
  // before new doses do count: doses still at the city store or on the road to a county that
  // arrive later are tomorrow's supply, not today's.
  const int before = pacing ? day + days_left : std::numeric_limits<int>::max();
  supply::StockLots held = flow_.held_for_sites(day, c, p, open, before);
  held.use(std::min(used, held.total()));  // today's doses, the earliest expiring

  DueDoses reserve;
  for (int d = day + 1; d <= std::min(st_.days - 1, day + reserve_days); ++d) {
    reserve.emplace_back(d, book_.due_count(c, d, p));
  }
  DueDoses before_delivery;
  if (pacing) {
    // Those still waiting after today come tomorrow at the earliest.
    before_delivery.emplace_back(day + 1, book_.queue(c, p).size());
    for (int d = day + 1; d < std::min(st_.days, day + days_left); ++d) {
      before_delivery.emplace_back(d, book_.due_count(c, d, p));
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

void Booking::book(int day, std::size_t c, std::vector<Visit>& visits) {
  CityState& city = st_.cities[c];
  const DosePolicy& policy = policy_on(day);
  CityDayTable& t = st_.result.table;
  const int ci = static_cast<int>(c);

  // Sites in a rotating order, so no site is always first in line.
  std::vector<std::size_t> open;
  for (const std::size_t s : city.active) {
    if (st_.sites[s].open_today) open.push_back(s);
  }
  if (!open.empty()) {
    std::rotate(open.begin(), open.begin() + day % static_cast<int>(open.size()), open.end());
  }
  // Per open site i and product p, [i * st_.products + p]: one array, not one per site.
  const auto at = [&](std::size_t i, std::size_t p) { return i * st_.products + p; };
  std::vector<std::int64_t> cap_left;
  std::vector<std::int64_t> stock_left;  // [at(i, p)]
  double capacity = 0;
  for (const std::size_t s : open) {
    cap_left.push_back(floor_to_count(st_.sites[s].capacity));
    for (std::size_t p = 0; p < st_.products; ++p) stock_left.push_back(flow_.at_site(s, p));
    capacity += st_.sites[s].capacity;
  }

  const std::int64_t second_due = book_.waiting(c);
  const std::int64_t first_ready =
      std::accumulate(city.backlog.begin(), city.backlog.end(), std::int64_t{0});
  std::vector<std::int64_t> site_stock(st_.products, 0);  // per product, at the open sites
  for (std::size_t i = 0; i < open.size(); ++i) {
    for (std::size_t p = 0; p < st_.products; ++p) site_stock[p] += stock_left[at(i, p)];
  }

  // The day's visits are written out site by site once all are booked (lay_out_visits).
  std::vector<Booked>& bookings = bookings_;
  bookings.clear();
  std::vector<std::int64_t> seconds_of(st_.products, 0);  // booked today, per product
  const auto book_seconds = [&] {
    for (std::size_t i = 0; i < open.size(); ++i) {
      for (std::size_t p = 0; p < st_.products; ++p) {
        DueQueue& queue = book_.queue(c, p);
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
  while (day + days_left < st_.days && !flow_.new_stock_arrives_on(c, day + days_left)) ++days_left;

  // First doses are booked to a product, each product within its own budget: counted together,
  // one product's spare doses would stand in for another's, and the second doses of the
  // product kept back too little would find none.
  std::vector<std::int64_t> first_budget(st_.products, 0);
  std::vector<std::int64_t> firsts_of(st_.products, 0);
  std::vector<std::int64_t> firsts_at(open.size() * st_.products, 0);  // [at(i, p)]
  const auto book_firsts = [&] {
    if (!policy.first_doses) return;
    for (std::size_t p = 0; p < st_.products; ++p) {
      first_budget[p] = first_dose_budget(day, c, p, open, seconds_of[p],
                                          policy.reserve_second_dose_days, days_left);
    }
    // Groups in order, across sites and products. At each site the product with the most budget
    // left goes first, so a site with too few desks for all gives what the city can best spare.
    std::vector<std::size_t> order(st_.products);
    std::size_t g = 0;
    const auto left = [&](std::size_t p) { return first_budget[p] - firsts_of[p]; };
    for (std::size_t i = 0; i < open.size(); ++i) {
      // A stable insertion sort: a few products, and std::stable_sort allocates each time.
      for (std::size_t k = 0; k < st_.products; ++k) {
        std::size_t j = k;
        for (; j > 0 && left(k) > left(order[j - 1]); --j) order[j] = order[j - 1];
        order[j] = k;
      }
      for (const std::size_t p : order) {
        std::int64_t n = std::min({cap_left[i], stock_left[at(i, p)], left(p)});
        cap_left[i] -= n;
        while (n > 0 && g < st_.groups) {
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

  // The morning's limits, for the bottleneck rule. Usable stock: product by product, what the
  // open sites hold, as far as the day's second doses and first-dose budget could use it; on
  // hand: what they hold, before the budget kept any back (bottleneck.hpp, held_back).
  const double demand = static_cast<double>(second_due + (policy.first_doses ? first_ready : 0));
  std::int64_t usable_stock = 0;
  std::int64_t on_hand = 0;
  for (std::size_t p = 0; p < st_.products; ++p) {
    usable_stock += policy.first_doses ? std::min(site_stock[p], seconds_of[p] + first_budget[p])
                                       : site_stock[p];
    on_hand += site_stock[p];
  }
  const std::int64_t booked =
      std::accumulate(seconds_of.begin(), seconds_of.end(), std::int64_t{0}) +
      std::accumulate(firsts_of.begin(), firsts_of.end(), std::int64_t{0});
  t.at(Measure::capacity, day, ci) = capacity;
  t.at(Measure::available_stock, day, ci) = static_cast<double>(usable_stock);
  t.at(Measure::stock_on_hand, day, ci) = static_cast<double>(on_hand);
  t.at(Measure::demand, day, ci) = demand;
  t.at(Measure::booked, day, ci) = static_cast<double>(booked);

  // Walk-ins: a share of the still-waiting backlog comes without an appointment. Taking any dose
  // at the site, they would take those of people booked later in the day, or kept back for
  // second doses. So they are first doses like the booked ones: each gets a dose of the product
  // with the most left both at the site (not booked today) and of its first-dose budget; when
  // there is none, the site turns them away for want of a dose, back to the backlog tonight.
  if (policy.first_doses && st_.cfg.demand.walk_in_rate > 0 && !open.empty()) {
    const std::int64_t waiting =
        std::accumulate(city.backlog.begin(), city.backlog.end(), std::int64_t{0});
    const std::int64_t walk_ins = sim::binomial(city.booking, waiting, st_.cfg.demand.walk_in_rate);
    std::vector<double> weights;
    for (const std::size_t s : open) weights.push_back(st_.sites[s].capacity);
    const std::vector<std::int64_t> parts = supply::split_in_proportion(walk_ins, weights);
    std::size_t g = 0;
    for (std::size_t i = 0; i < open.size(); ++i) {
      for (std::int64_t k = 0; k < parts[i]; ++k) {
        while (g < st_.groups && city.backlog[g] == 0) ++g;
        if (g == st_.groups) break;
        // None free: SiteDay turns them away for want of a dose (no_stock).
        std::uint8_t product = Visit::kNoDose;
        std::int64_t most_free = 0;
        for (std::size_t p = 0; p < st_.products; ++p) {
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

  lay_out_visits(c, open, visits);
}

// The day's bookings into the city's visits, each site's together and in the order booked,
// less the no-shows, who stay home and are back in the queue tonight. One array for the city
// (for all cities on one thread), rather than one per site: a province books a million
// visits a day, and sites' own arrays would be cold in cache each time.
void Booking::lay_out_visits(std::size_t c, std::span<const std::size_t> open,
                             std::vector<Visit>& all) {
  CityState& city = st_.cities[c];
  std::vector<std::size_t> first(open.size() + 1, 0);  // site i's bookings: from first[i]
  std::size_t total = 0;
  for (const Booked& b : bookings_) {
    ++first[b.site + 1];
    total += b.count;
  }
  for (std::size_t i = 0; i < open.size(); ++i) first[i + 1] += first[i];
  by_site_.resize(bookings_.size());
  for (const Booked& b : bookings_) by_site_[first[b.site]++] = &b;  // now first[i] = end of i
  all.clear();
  all.reserve(total);  // no reallocation below: the sites' spans stay valid

  std::size_t from = 0;  // site i's bookings: by_site_[from..first[i])
  for (std::size_t i = 0; i < open.size(); ++i) {
    const std::size_t begin = all.size();
    for (; from < first[i]; ++from) {
      // Default-made, then written field by field from locals: GCC 12 copies a whole Visit
      // (in resize(n, value), or from a local) by a store and a wider load on the stack for
      // every element, which stalls on store forwarding.
      const Booked& b = *by_site_[from];
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
    sim::each_selected(city.booking, static_cast<std::int64_t>(visits.size()), st_.no_show,
                       stays_home);
    keep_until(visits.size());
    all.resize(begin + kept);
    st_.sites[open[i]].visits = visits.first(kept);
  }
}

}  // namespace vaxsim::model::detail
