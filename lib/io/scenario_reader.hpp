#pragma once
// Private to vaxsim_io: the scenario schema, read with the YAML kit (yaml_reader.hpp) into a
// model::CampaignConfig. The schema is documented key by key in docs/scenario-format.md.
//
// The rules are model::validate()'s, one book for files and configs built in code. The reader
// checks shapes and types, and many rules as it reads, to quote the value read (with a few
// plausibility checks of its own for files); then it runs model::validate() and maps a problem
// only that finds back to the nearest YAML node recorded while reading (note()), or to the key
// below it that the problem names.
//
// One class, its sections defined in one file each, in the order a scenario is read:
//   load_scenario.cpp                 the top level, the campaign dates, assumptions, the net
//   read_products_groups_cities.cpp   products, population groups, cities and their staff
//   read_sites.cpp                    sites: hours, closed days, mobile stops
//   read_demand.cpp                   demand, dose policies, uncertainty
//   read_supply.cpp                   supply: deliveries and the cold chain
//   read_targets.cpp                  targets and prior vaccinations

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vaxsim/io/scenario.hpp"
#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/sim/calendar.hpp"
#include "yaml_reader.hpp"

namespace vaxsim::io::detail {

/// Rounding slack when shares are added up (0.1 + 0.2 + 0.7 is not exactly 1 in binary).
inline constexpr double kShareTolerance = 1e-9;

inline std::string date_text(Date d) { return sim::format_date(d); }

/// Where a part of the config came from, to place problems model::validate() finds.
struct Origin {
  std::string config_path;  // e.g. "sites[57]"
  std::string yaml_path;    // e.g. "sites[2]"
  YAML::Node node;
};

class ScenarioReader : public Reader {
 public:
  using Reader::Reader;

  Scenario read(const YAML::Node& root);

 private:
  // ---- Campaign dates (load_scenario.cpp) ----

  void read_dates(const MapView& m);
  std::string campaign_text() const;
  Date date_in_campaign(const Field& f) const;
  /// Checks that `d` comes strictly after `previous` in a dated list.
  void check_increasing(const Field& f, std::optional<Date> previous, Date d) const;

  /// [[date, value], ...] with strictly increasing dates (any dates: the curve is flat beyond
  /// its ends). `value` reads one number.
  template <typename Value>
  model::DatedCurve dated_curve(const Field& f, Value&& value) const {
    model::DatedCurve curve;
    std::optional<Date> previous;
    for (const Field& item : list(f)) {
      const auto [date_field, value_field] = two_items(item, "a [date, value] pair");
      const Date d = date(date_field);
      check_increasing(date_field, previous, d);
      previous = d;
      curve.points.emplace_back(d, value(value_field));
    }
    return curve;
  }

  // ---- Products, groups, cities (read_products_groups_cities.cpp) ----

  void read_products(const Field& f);
  /// Rejects a name already in `known`, the names of the list at `list_path` so far.
  void check_unique(const Field& name_field, const std::string& name,
                    const std::vector<std::string>& known, std::string_view what,
                    const std::string& list_path) const;
  void read_groups(const Field& f);
  /// A date no later than the campaign's end, or `never` (none).
  std::optional<Date> eligibility(const Field& f) const;
  void read_cities(const Field& f);
  std::vector<double> resident_weights() const;
  std::vector<std::int64_t> split_by_residents(std::int64_t total) const;
  void read_province_staff(const Field& f);

  // ---- Sites (read_sites.cpp) ----

  void read_sites(const Field& f);
  model::SiteKind site_kind(const Field& f) const;
  std::vector<model::OpeningHours> opening_hours(const Field& f) const;
  std::vector<Date> closed_days(const Field& f) const;
  std::vector<model::MobileStop> mobile_stops(const Field& f) const;

  // ---- Demand, dose policies, uncertainty (read_demand.cpp) ----

  void read_demand(const Field& f);
  void read_policies(const Field& f);
  void read_uncertainty(const Field& f);

  // ---- Supply (read_supply.cpp) ----

  void read_supply(const Field& f);
  void read_cold_chain(const Field& f);
  /// Doses of cold storage: a count, or `unlimited`.
  std::int64_t storage(const Field& f) const;
  /// Doses of a delivery, a store or a truck, within their plausible range.
  std::int64_t doses(const Field& f) const;
  int lead_days(const Field& f) const;
  void never_supplied(const Field& f, std::optional<int> trucks,
                      std::optional<std::int64_t> doses_per_truck, double trips_per_day,
                      std::int64_t storage, const std::string& place) const;
  void read_deliveries(const Field& f);

  // ---- Targets and prior vaccinations (read_targets.cpp) ----

  void read_targets(const std::optional<Field>& f);
  void read_prior(const Field& f);
  void read_prior_record(const Field& f, std::int64_t one_dose_total);
  Date before_start(const Field& f) const;
  void check_prior_fits(const Field& f, std::size_t c, const model::PriorVaccinations& p) const;

  // ---- Assumptions and the safety net (load_scenario.cpp) ----

  std::vector<Assumption> read_assumptions(const Field& f) const;

  void note(std::string config_path, const Field& f) {
    origins_.push_back({std::move(config_path), f.path, f.node});
  }

  /// Runs model::validate() and reports its first problem at the nearest recorded node.
  void run_model_validation() const;

  model::CampaignConfig config_;
  std::vector<std::string> product_names_;
  std::vector<std::string> group_names_;
  std::vector<std::string> city_names_;
  bool city_has_staff_ = false;
  std::vector<std::pair<Field, std::string>> store_fields_;  // sites' `store`, for did-you-mean
  std::vector<Origin> origins_;
};

}  // namespace vaxsim::io::detail
