#pragma once
// Everything a campaign run needs, as plain data. A planning tool fills it in code; the scenario
// loader fills it from a file. validate() says what is inconsistent, field by field.

#include <cstdint>
#include <string>
#include <vector>

#include "vaxsim/model/demand.hpp"
#include "vaxsim/model/dose_policy.hpp"
#include "vaxsim/model/population.hpp"
#include "vaxsim/model/product.hpp"
#include "vaxsim/model/site.hpp"
#include "vaxsim/model/targets.hpp"
#include "vaxsim/model/uncertainty.hpp"
#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/supply/config_problem.hpp"
#include "vaxsim/supply/supply_plan.hpp"

namespace vaxsim::model {

/// Vaccinations given before the campaign's first day, per city.
struct PriorVaccinations {
  std::int64_t one_dose = 0;  // people with exactly one dose, still due a second
  std::int64_t two_doses = 0;
  /// First doses of the one-dose people were given evenly over these dates (unless the config
  /// dates them by the record, CampaignConfig::prior_first_doses_by); their second doses fall
  /// due by the product's return interval.
  sim::Date first_doses_from;
  sim::Date first_doses_to;
  /// Split of the one-dose people among products (by product index); empty: the first product.
  std::vector<double> product_shares;
};

struct CampaignConfig {
  std::string name;
  sim::Date start;  // first day simulated
  sim::Date end;    // last day simulated (inclusive)

  std::vector<Product> products;
  std::vector<PopulationGroup> groups;  // booking order: first listed, first booked
  std::vector<City> cities;
  std::vector<SiteSpec> sites;
  Demand demand;
  std::vector<DosePolicy> policies;  // sorted by date; none: the DosePolicy defaults
  supply::SupplyPlan supply;
  Targets targets;
  /// Per city (same order as `cities`); empty: nobody vaccinated before the start.
  std::vector<PriorVaccinations> prior;
  /// The record's cumulative count of people in the province with at least one dose, by date
  /// (linear between points, dates strictly increasing and before `start`, counts not
  /// decreasing). When it has points, it dates the prior one-dose people's first doses instead
  /// of each city's first_doses_from..to: they are its most recent first doses, its last (all
  /// cities' one_dose) people, and they had them as the curve rose; every city's on the same
  /// days, in proportion. The curve must rise by at least that many people after its first
  /// point (which dates nobody). See lib/model/prior_first_doses.hpp.
  DatedCurve prior_first_doses_by;
  Uncertainty uncertainty;
};

/// One inconsistency: the field (a path such as "sites[3].hours[0].close") and what is wrong.
/// The same type as supply's (supply/config_problem.hpp): there is one.
using supply::ConfigProblem;

/// The book of the campaign's semantic rules: checks the config for everything the model relies
/// on, supply's own checks included (supply::validate of the cold chain, its fields prefixed
/// "supply.cold_chain."); empty when it can run. The scenario loader runs it too, and places its
/// problems in the file.
std::vector<ConfigProblem> validate(const CampaignConfig& config);

}  // namespace vaxsim::model
