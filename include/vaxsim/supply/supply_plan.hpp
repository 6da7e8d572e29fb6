#pragma once
// The supply side of a campaign: deliveries, allocation, dispatch to sites, wastage.
//
// First version: province -> city with a fixed lead time, city -> site each morning. The
// cold-chain network (capacities, trucks, max-flow) replaces the transport step later; the
// seam is Campaign's transport stage, which only sees this struct.

#include <cstdint>
#include <memory>
#include <vector>

#include "vaxsim/supply/allocation.hpp"
#include "vaxsim/supply/delivery.hpp"

namespace vaxsim::supply {

struct SupplyPlan {
  std::vector<Delivery> deliveries;
  /// Doses in the province store at campaign start, per product.
  std::vector<std::int64_t> initial_stock;
  /// The province allocates every this many days, from the campaign's first day.
  int allocation_every_days = 7;
  /// Days from the province store to a city store.
  int lead_days = 1;
  /// Each morning a city tops its sites up to this many days of their booking capacity.
  int site_cover_days = 2;
  /// Share of doses lost in use (opened vials, breakage): wasted = rate x doses given.
  double wastage_rate = 0.0;
  /// Null: ByPopulation.
  std::shared_ptr<const AllocationPolicy> allocation;
};

}  // namespace vaxsim::supply
