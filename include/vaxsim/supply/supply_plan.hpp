#pragma once
// The supply side of a campaign: deliveries, allocation, dispatch to sites, wastage.
//
// Without a cold chain: province -> city with a fixed lead time, city -> site each morning. With
// one, what the province allocates waits at the province until trucks can carry it: each day the
// network's max-flow (trucks and cold-store room) decides what leaves for each city, and the
// path's lead time when it arrives.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "vaxsim/supply/allocation.hpp"
#include "vaxsim/supply/cold_chain.hpp"
#include "vaxsim/supply/delivery.hpp"

namespace vaxsim::supply {

struct SupplyPlan {
  std::vector<Delivery> deliveries;
  /// Doses in the province store at campaign start, per product.
  std::vector<std::int64_t> initial_stock;
  /// The province allocates every this many days, from the campaign's first day.
  int allocation_every_days = 7;
  /// Days from the province store to a city store (without a cold chain).
  int lead_days = 1;
  /// Each morning a city tops its sites up to this many days of their booking capacity.
  int site_cover_days = 2;
  /// Share of doses lost in use (opened vials, breakage): wasted = rate x doses given.
  double wastage_rate = 0.0;
  /// Null: ByPopulation.
  std::shared_ptr<const AllocationPolicy> allocation;
  /// The province -> city network; each city is the node of the same name. None: unlimited
  /// transport with `lead_days`.
  std::optional<ColdChainConfig> cold_chain;
};

}  // namespace vaxsim::supply
