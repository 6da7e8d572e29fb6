// The evening's records, city by city and site by site: the doses given and wasted, who goes
// back to the queue or the backlog, when each of today's first-dose people falls due (a drawn
// return interval) and their person ids, and the city's row of the results table.

#include "evening.hpp"

#include <algorithm>

#include "vaxsim/model/bottleneck.hpp"
#include "vaxsim/sim/detail/sampling.hpp"

namespace vaxsim::model::detail {

Evening::Evening(CampaignState& state, SecondDoseBook& book, supply::DoseFlow& flow,
                 DoseObserver* observer)
    : st_{state}, book_{book}, flow_{flow}, observer_{observer} {}

void Evening::give_back(CityState& city, const Visit& v, std::vector<DueRun>& seconds) {
  if (v.second_dose) {
    seconds.push_back({v.person, 1, v.first_day, v.product});
  } else {
    ++city.backlog[v.group];
  }
}

// One site's day into the people, the queues and the city's evening.
void Evening::record_site(int day, std::size_t c, std::size_t s, const SiteDayOutcome& out,
                          CityEvening& e) {
  SiteState& site = st_.sites[s];
  if (!site.open_today) return;
  CityState& city = st_.cities[c];
  // Counted without a branch on the kind of dose: firsts and seconds come in no order. The
  // first-dose people fall due in the evening (draw_return_days). What the site gave of each
  // product is what the counts grow by.
  std::vector<std::int64_t>& given_of = e.site_given_of;
  for (std::size_t p = 0; p < st_.products; ++p) given_of[p] = -e.firsts_of[p] - e.seconds_of[p];
  for (const SiteDayOutcome::Dose& dose : out.doses) {
    const Visit& v = site.visits[dose.visit];
    const bool second = v.second_dose;
    e.seconds_of[dose.product] += second;
    e.firsts_of[dose.product] += !second;
    e.late += second & (day - v.first_day > st_.cfg.products[dose.product].max_interval_days);
  }
  for (std::size_t p = 0; p < st_.products; ++p) given_of[p] += e.firsts_of[p] + e.seconds_of[p];
  for (const std::uint32_t i : out.sent_home) give_back(city, site.visits[i], e.seconds_back);
  for (const std::uint32_t i : out.no_stock) give_back(city, site.visits[i], e.seconds_back);
  e.unmet += static_cast<double>(out.sent_home.size() + out.no_stock.size());
  e.no_stock += static_cast<double>(out.no_stock.size());

  // Wastage: about `wastage_rate` of the doses used are lost with them.
  const auto given = static_cast<std::int64_t>(out.doses.size());
  const std::int64_t lost = sim::binomial(city.wastage, given, st_.cfg.supply.wastage_rate);
  const auto turned_away = static_cast<std::int64_t>(out.no_stock.size());
  e.wasted += static_cast<double>(flow_.use_at_site(s, given_of, lost, turned_away));

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
void Evening::draw_return_days(int day, std::size_t c, CityEvening& e) {
  for (std::size_t p = 0; p < st_.products; ++p) {
    const Product& product = st_.cfg.products[p];
    intervals_.resize(static_cast<std::size_t>(e.firsts_of[p]));
    product.return_after_days.sample(st_.cities[c].returns, intervals_);
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
void Evening::number_first_doses(int day, std::size_t c, CityEvening& e,
                                 std::span<const SiteDayOutcome> outcomes) {
  for (std::size_t p = 0; p < st_.products; ++p) {
    for (int k = 0; k < e.cohort_days; ++k) {
      std::uint32_t& size = e.cohort_size[e.cohort(p, day + k, day)];
      const DueRun run{st_.people, size, static_cast<std::int16_t>(day),
                       static_cast<std::uint8_t>(p)};
      st_.people += size;
      size = run.first;  // from now on, the cohort's next id
      // Back tomorrow at the earliest (a 0-day interval); the last cohort: after the run.
      if (run.count > 0) book_.add_due(c, run, std::max(day + k, day + 1));
    }
  }
  if (observer_ == nullptr) return;
  std::vector<std::size_t> next(st_.products, 0);  // into e.cohort_of[product]
  for (std::size_t i = 0; i < st_.cities[c].active.size(); ++i) {
    const std::size_t s = st_.cities[c].active[i];
    const SiteState& site = st_.sites[s];
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
void Evening::record_city(int day, std::size_t c, CityEvening& e,
                          std::span<const SiteDayOutcome> outcomes) {
  CityState& city = st_.cities[c];
  CityDayTable& t = st_.result.table;
  const int ci = static_cast<int>(c);
  draw_return_days(day, c, e);
  number_first_doses(day, c, e, outcomes);
  for (std::size_t p = 0; p < st_.products; ++p) {
    st_.result.by_product[p].first[day] += static_cast<double>(e.firsts_of[p]);
    st_.result.by_product[p].second[day] += static_cast<double>(e.seconds_of[p]);
    e.firsts += static_cast<double>(e.firsts_of[p]);
    e.seconds += static_cast<double>(e.seconds_of[p]);
  }
  for (const Visit& v : city.no_shows) give_back(city, v, e.seconds_back);
  city.no_shows.clear();
  // Those who were due and missed today keep their place at the front of the queue.
  for (auto it = e.seconds_back.rbegin(); it != e.seconds_back.rend(); ++it) {
    book_.queue(c, it->product).push_front(*it);
  }

  city.one_dose += static_cast<std::int64_t>(e.firsts) - static_cast<std::int64_t>(e.seconds);
  city.two_doses += static_cast<std::int64_t>(e.seconds);

  t.at(Measure::first_doses, day, ci) = e.firsts;
  t.at(Measure::second_doses, day, ci) = e.seconds;
  t.at(Measure::people_one_dose, day, ci) = static_cast<double>(city.one_dose);
  t.at(Measure::people_two_doses, day, ci) = static_cast<double>(city.two_doses);
  t.at(Measure::delivered, day, ci) = static_cast<double>(flow_.delivered_today(c));
  t.at(Measure::stock, day, ci) = static_cast<double>(flow_.city_stock(c));
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
  limits.on_hand = t.at(Measure::stock_on_hand, day, ci);
  limits.open_hours = t.at(Measure::open_hours, day, ci);
  limits.reference_hours = st_.cfg.targets.reference_open_hours;
  const std::int64_t target = st_.cfg.cities[c].daily_target;
  const bool met = target <= 0 || e.firsts + e.seconds >= static_cast<double>(target);
  t.bottleneck(day, ci) = classify(limits, met);
}

}  // namespace vaxsim::model::detail
