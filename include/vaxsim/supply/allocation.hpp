#pragma once
// Allocation: how the province splits the doses it has among the cities.
//
// A policy is a small type: derive from AllocationPolicy and give it to the campaign. The engine
// calls it on every allocation day with what each city looks like; the built-in policies below
// are the ones the 2021 plan and the scenario files name.

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace vaxsim::supply {

/// What a city looks like to the province on allocation day.
struct CityNeeds {
  std::int64_t residents = 0;
  /// Eligible, registered people still waiting for a first dose.
  std::int64_t first_dose_backlog = 0;
  /// Second doses due (or overdue) before the next allocation arrives.
  std::int64_t second_doses_due = 0;
  /// Doses the city's open desks can give before the next allocation arrives.
  std::int64_t desk_capacity = 0;
  /// Doses the city already holds (store and sites).
  std::int64_t stock = 0;
};

class AllocationPolicy {
 public:
  virtual ~AllocationPolicy() = default;
  virtual std::string_view name() const = 0;
  /// Splits `available` doses among the cities; the shares must add up to at most `available`.
  virtual std::vector<std::int64_t> split(std::int64_t available,
                                          std::span<const CityNeeds> cities) const = 0;
};

/// Splits `total` in proportion to `weights` (non-negative), exactly: the parts add up to
/// `total` (largest remainders, ties to the lower index). All-zero weights split evenly.
std::vector<std::int64_t> split_in_proportion(std::int64_t total, std::span<const double> weights);

/// By residents.
class ByPopulation final : public AllocationPolicy {
 public:
  std::string_view name() const override { return "population"; }
  std::vector<std::int64_t> split(std::int64_t available,
                                  std::span<const CityNeeds> cities) const override;
};

/// By need: second doses due plus first-dose backlog, less the stock already held.
class ByBacklog final : public AllocationPolicy {
 public:
  std::string_view name() const override { return "backlog"; }
  std::vector<std::int64_t> split(std::int64_t available,
                                  std::span<const CityNeeds> cities) const override;
};

/// By what the desks can give, less the stock already held.
class ByDeskCapacity final : public AllocationPolicy {
 public:
  std::string_view name() const override { return "capacity"; }
  std::vector<std::int64_t> split(std::int64_t available,
                                  std::span<const CityNeeds> cities) const override;
};

/// Covers every city's second doses due first, then the rest by backlog.
class SecondDosesFirst final : public AllocationPolicy {
 public:
  std::string_view name() const override { return "second_doses_first"; }
  std::vector<std::int64_t> split(std::int64_t available,
                                  std::span<const CityNeeds> cities) const override;
};

/// The built-in policy of a name ("population", "backlog", "capacity", "second_doses_first"),
/// or null.
std::shared_ptr<const AllocationPolicy> make_allocation_policy(std::string_view name);

}  // namespace vaxsim::supply
