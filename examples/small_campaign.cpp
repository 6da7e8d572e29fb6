// A planning tool's view of vaxsim: build a small campaign in code (no file), run it, and read
// the verdict through the C++ API. Two towns, one product, three weeks.

#include <cstdio>
#include <cstdlib>

#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/verdict.hpp"

using namespace std::chrono_literals;
using namespace vaxsim;

int main() {
  model::CampaignConfig c;
  c.name = "two towns";
  c.start = sim::parse_date("2021-05-01");
  c.end = sim::parse_date("2021-05-21");

  c.products.push_back({"inactivated", 21, 56, sim::Distribution::constant(21)});
  c.groups.push_back({"adults", 0.8, c.start, 0.9});
  c.cities.push_back({"North", 20'000, {}, {}, 500});
  c.cities.push_back({"South", 10'000, {}, {}, 300});

  for (std::size_t city = 0; city < c.cities.size(); ++city) {
    model::SiteSpec site;
    site.name = c.cities[city].name + " hospital";
    site.city = city;
    site.desks = city == 0 ? 3 : 2;
    site.service_minutes = sim::Distribution::lognormal(4.0, 1.5);
    site.hours.push_back({c.start, 8h, 18h});
    c.sites.push_back(site);
  }
  c.supply.initial_stock = {12'000};
  c.supply.wastage_rate = 0.02;
  c.demand.no_show = 0.05;

  c.targets.daily_doses = 800;
  c.targets.daily_from = c.start;
  c.targets.deadline = c.end;
  c.targets.doses = 15'000;
  c.targets.coverage_levels = {0.4};
  c.targets.coverage_base = 30'000;

  const model::CampaignResult result = model::run_campaign(c, {.seed = 42});
  const model::Verdict v = model::judge(c, result);

  std::printf("best day %.0f doses, mean %.0f a day, target %lld met on %d of %d days\n",
              v.daily_best, v.daily_mean, static_cast<long long>(v.daily_target), v.daily_days_met,
              v.daily_days_in_window);
  for (const model::CityVerdict& city : v.cities) {
    std::printf("%-6s mean %6.0f a day, target %lld met on %2d days, mostly held back by %s\n",
                city.city.c_str(), city.mean_daily, static_cast<long long>(city.target),
                city.days_met, std::string(to_string(city.main_bottleneck)).c_str());
  }
  std::printf("doses by %s: %lld of %lld\n", sim::format_date(v.deadline).c_str(),
              static_cast<long long>(v.doses_by_deadline), static_cast<long long>(v.doses_target));

  // A planning tool would act on these; as a test, they must at least be consistent.
  const bool consistent =
      v.doses_by_deadline > 0 && v.daily_best >= v.daily_mean && v.cities.size() == 2;
  return consistent ? EXIT_SUCCESS : EXIT_FAILURE;
}
