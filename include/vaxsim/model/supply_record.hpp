#pragma once
// Where the doses were, day by day: the province store, each city's store, each city's sites
// taken together, and the county stores sites draw from. Part of every CampaignResult, with or
// without a cold chain.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vaxsim/sim/matrix.hpp"

namespace vaxsim::model {

/// The kind of place a node of the record is.
enum class SupplyNodeKind : std::uint8_t {
  province,  // the province store (with a cold chain: allocated doses waiting for trucks too)
  store,     // a city's store (its CDC)
  sites,     // all the vaccination sites of a city
  county,    // a county's store (its CDC), for the sites that draw from it
};

std::string_view to_string(SupplyNodeKind kind);

/// Rows are days, columns nodes: the province (column 0), then for each city its store and its
/// sites, then each county store some site draws from (in the cold chain's node order). Doses,
/// except stock_out (people). At every node, every day:
///
///   stock = yesterday's stock + received - sent - wasted - expired - overflow
///
/// and what the province sends is what the city stores receive, once on the road (lead times);
/// likewise what a city store loads for its counties.
struct SupplyRecord {
  /// Per node: the province's name (the cold chain's province node, or "province"), then each
  /// city's name twice (store, sites), then each county node's name.
  std::vector<std::string> nodes;
  std::vector<SupplyNodeKind> kinds;

  /// Doses that arrived: deliveries, and the initial stock on the first day (province);
  /// shipments (store, county); the morning top-up (sites).
  sim::Matrix received;
  /// Doses that left for the next place: allocated (province, without a cold chain) or loaded on
  /// trucks (with one); the top-up of its sites and the loads for its counties (store); the
  /// top-up of its sites (county); doses given (sites).
  sim::Matrix sent;
  /// End of day.
  sim::Matrix stock;
  /// Lost in use: opened vials, breakage (sites).
  sim::Matrix wasted;
  /// Removed on the morning of their expiry day, or on arrival when already expired.
  sim::Matrix expired;
  /// Arrived at a full cold store: not kept (turned back or spoilt), so lost to the campaign.
  sim::Matrix overflow;
  /// People turned away for lack of a dose while this node had none to give. Sites: everyone
  /// turned away for no dose (Measure::no_stock). Store: those of the sites the city's store
  /// supplies itself, on a day the store was empty after the morning top-up. County: those of
  /// its sites, on a day it was empty after the morning top-up. Province: on a day it held
  /// nothing either, those of the empty city stores and of the empty counties below an empty
  /// city store. Read top-down, it stops where the doses ran out.
  sim::Matrix stock_out;

  static constexpr int province() { return 0; }
  static constexpr int store(int city) { return 1 + 2 * city; }
  static constexpr int sites(int city) { return 2 + 2 * city; }
  /// The county stores follow the cities' nodes.
  static constexpr int first_county(int cities) { return 1 + 2 * cities; }
  int node_count() const { return static_cast<int>(nodes.size()); }
  int days() const { return static_cast<int>(received.rows()); }
};

}  // namespace vaxsim::model
