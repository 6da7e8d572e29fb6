#pragma once
// The cold-chain network: the province store, city (and county) stores and sites, joined by
// refrigerated-truck links. A tree rooted at the single province node.
//
// What it answers, for the engine's transport step (it knows nothing of the engine):
//   - lead_days(node): days from the province store to a node (sum of link lead times on the
//     path, found with Boost.Graph's Dijkstra);
//   - path_to(node): the links a shipment to that node travels, from the province;
//   - max_flow(room, demand[, source]): the most doses that can move from the province (or from
//     any store, over the links below it) to the demand nodes in one day under each link's truck
//     capacity and each node's free cold-storage room, with the minimum cut that binds
//     (Boost.Graph's push-relabel max-flow on a node-split network).
//
// Capacities are doses (int64). `unlimited` (= the int64 maximum) is "no bound" wherever a
// capacity or a demand is taken.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "vaxsim/supply/config_problem.hpp"

namespace vaxsim::supply {

/// "No bound" for a storage room, a link capacity or a demand.
inline constexpr std::int64_t unlimited = std::numeric_limits<std::int64_t>::max();

enum class NodeKind { province, city, county, site };

struct ColdChainNode {
  std::string name;
  NodeKind kind = NodeKind::city;
  /// Doses the node's cold store holds; `unlimited` for no bound.
  std::int64_t storage_capacity = unlimited;
};

struct ColdChainLink {
  std::size_t from = 0;  // index into ColdChainConfig::nodes (the upstream store)
  std::size_t to = 0;    // the downstream store or site
  int lead_days = 0;     // days from loading at `from` to stock at `to`
  int trucks = 0;
  std::int64_t doses_per_truck = 0;
  double trips_per_day = 0.0;  // per truck
  /// floor(trucks x doses_per_truck x trips_per_day); 0 if any is <= 0; saturates at `unlimited`.
  std::int64_t daily_capacity() const;
};

struct ColdChainConfig {
  std::vector<ColdChainNode> nodes;
  std::vector<ColdChainLink> links;
};

/// Checks that the config is a tree rooted at the single province node: exactly one province;
/// every link's ends exist and differ; the province has no incoming link; every other node has
/// exactly one; no cycles (every node reachable from the province); names non-empty and unique;
/// capacities, lead times, trucks, doses per truck and trips non-negative (trips finite).
/// Empty when the network can be built. Fields are paths such as "links[3].to".
std::vector<ConfigProblem> validate(const ColdChainConfig& config);

/// One day's transport bound, from max_flow().
///
/// The minimum cut reported is the one closest to the source: the vertices reachable from the
/// province in the residual network are the source side, and every link, store or demand that
/// crosses from that side to the other is in the cut (it is saturated; a zero-capacity element is
/// trivially so). Its capacity equals max_doses (max-flow = min-cut):
///   max_doses = sum of daily_capacity() over cut_links
///             + sum of room_at_node over cut_storage_nodes
///             + sum of demand_at_node over cut_demand_nodes.
/// The cut is in three parts because a day can be bound by trucks (cut_links), by cold-store room
/// (cut_storage_nodes) or by the demand itself (cut_demand_nodes: the sink side of the cut, i.e.
/// the network could carry more than was asked). A day may mix all three across branches.
struct DailyBound {
  /// Doses that can reach the demand nodes today. `unlimited` when some path from the province
  /// to a demand node is unbounded throughout (then the cut lists are empty).
  std::int64_t max_doses = 0;
  /// Per link (config order): doses carried in one maximum flow (not unique when ties exist).
  std::vector<std::int64_t> flow_on_link;
  /// Per node (config order): doses that end the day at that node's demand.
  std::vector<std::int64_t> flow_to_demand;
  /// Links (config order, ascending) whose truck capacity binds.
  std::vector<std::size_t> cut_links;
  /// Nodes (ascending) whose free cold-storage room binds.
  std::vector<std::size_t> cut_storage_nodes;
  /// Demand nodes (ascending) whose whole demand is met and would take more if asked.
  std::vector<std::size_t> cut_demand_nodes;
};

class ColdChain {
 public:
  /// Throws std::invalid_argument (listing the problems) if validate(config) is not empty.
  explicit ColdChain(ColdChainConfig config);
  ~ColdChain();
  ColdChain(ColdChain&&) noexcept;
  ColdChain& operator=(ColdChain&&) noexcept;
  ColdChain(const ColdChain&) = delete;
  ColdChain& operator=(const ColdChain&) = delete;

  const ColdChainConfig& config() const { return config_; }
  std::size_t node_count() const { return config_.nodes.size(); }
  std::size_t link_count() const { return config_.links.size(); }
  /// The province node.
  std::size_t root() const { return root_; }

  /// Days from the province store to `node` (0 for the province). Throws std::out_of_range.
  int lead_days(std::size_t node) const;
  /// The links from the province to `node`, in travel order (empty for the province).
  /// Throws std::out_of_range.
  std::vector<std::size_t> path_to(std::size_t node) const;

  /// The most doses that can move today from `source` (the province by default) to the demand
  /// nodes below it.
  ///
  /// room_at_node[i]: the free cold-storage room at node i today, which every dose passing through
  /// or ending at i must fit in; for the source, the doses it can send out today (its stock on
  /// hand, or `unlimited`). demand_at_node[i]: doses wanted at node i today (0: not a demand node;
  /// typically cities, or sites once the network reaches them; `unlimited` for "as many as fit").
  /// Both sized node_count(), values >= 0; otherwise std::invalid_argument. Only the links below
  /// `source` carry anything: a city's flow to its counties leaves the province's links alone.
  DailyBound max_flow(std::span<const std::int64_t> room_at_node,
                      std::span<const std::int64_t> demand_at_node) const {
    return max_flow(room_at_node, demand_at_node, root_);
  }
  DailyBound max_flow(std::span<const std::int64_t> room_at_node,
                      std::span<const std::int64_t> demand_at_node, std::size_t source) const;

 private:
  struct Graph;
  ColdChainConfig config_;
  std::size_t root_ = 0;
  std::vector<int> lead_days_;
  std::vector<std::size_t> incoming_link_;  // per node; unused for the root
  std::unique_ptr<Graph> graph_;            // the Boost.Graph topology
};

/// The province -> cities star the Shanxi scenarios use: node 0 is the province, node 1 + i is
/// cities[i], link i runs province -> cities[i]; every link has the same lead time and trucks.
ColdChainConfig star_network(std::string province, std::span<const std::string> cities,
                             int lead_days, int trucks_per_city, std::int64_t doses_per_truck,
                             double trips_per_day, std::int64_t province_storage,
                             std::int64_t city_storage);

}  // namespace vaxsim::supply
