#include "vaxsim/supply/cold_chain.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#include <boost/property_map/property_map.hpp>
#include <cmath>
#include <deque>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace vaxsim::supply {

namespace {

std::string at(std::string_view list, std::size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

bool is_root_kind(const ColdChainNode& n) { return n.kind == NodeKind::province; }

}  // namespace

std::int64_t ColdChainLink::daily_capacity() const {
  if (trucks <= 0 || doses_per_truck <= 0 || !(trips_per_day > 0)) return 0;
  // In long double so that 64-bit dose counts survive the product; saturates at `unlimited`.
  const long double exact = static_cast<long double>(trucks) *
                            static_cast<long double>(doses_per_truck) *
                            static_cast<long double>(trips_per_day);
  if (!(exact < static_cast<long double>(unlimited))) return unlimited;
  return static_cast<std::int64_t>(std::floor(exact));
}

std::vector<ConfigProblem> validate(const ColdChainConfig& config) {
  std::vector<ConfigProblem> problems;
  const auto problem = [&](std::string field, std::string message) {
    problems.push_back({std::move(field), std::move(message)});
  };
  const std::size_t n = config.nodes.size();
  if (n == 0) {
    problem("nodes", "no nodes: the network needs a province node");
    return problems;
  }

  std::size_t root = n;
  for (std::size_t i = 0; i < n; ++i) {
    const ColdChainNode& node = config.nodes[i];
    if (node.name.empty()) problem(at("nodes", i) + ".name", "must not be empty");
    for (std::size_t j = 0; j < i && !node.name.empty(); ++j) {
      if (config.nodes[j].name == node.name) {
        problem(at("nodes", i) + ".name", "'" + node.name + "' repeats " + at("nodes", j));
        break;
      }
    }
    if (node.storage_capacity < 0) problem(at("nodes", i) + ".storage_capacity", "must be >= 0");
    if (is_root_kind(node)) {
      if (root == n) {
        root = i;
      } else {
        problem(at("nodes", i) + ".kind",
                "a second province node (the root is " + at("nodes", root) + ")");
      }
    }
  }
  if (root == n) problem("nodes", "no province node: the network must be rooted at one");

  std::vector<std::size_t> incoming(n, config.links.size());  // first incoming link per node
  std::vector<std::vector<std::size_t>> children(n);
  for (std::size_t k = 0; k < config.links.size(); ++k) {
    const ColdChainLink& link = config.links[k];
    const std::string path = at("links", k);
    bool ends_ok = true;
    if (link.from >= n) {
      problem(path + ".from", "no such node");
      ends_ok = false;
    }
    if (link.to >= n) {
      problem(path + ".to", "no such node");
      ends_ok = false;
    }
    if (ends_ok && link.from == link.to) {
      problem(path + ".to", "a link from a node to itself");
      ends_ok = false;
    }
    if (ends_ok && link.to == root) {
      problem(path + ".to", "the province node takes no incoming link");
      ends_ok = false;
    }
    if (ends_ok && incoming[link.to] != config.links.size()) {
      problem(path + ".to", "a second incoming link for " + at("nodes", link.to) +
                                " (the first is " + at("links", incoming[link.to]) + ")");
      ends_ok = false;
    }
    if (ends_ok) {
      incoming[link.to] = k;
      children[link.from].push_back(link.to);
    }
    if (link.lead_days < 0) problem(path + ".lead_days", "must be >= 0");
    if (link.trucks < 0) problem(path + ".trucks", "must be >= 0");
    if (link.doses_per_truck < 0) problem(path + ".doses_per_truck", "must be >= 0");
    if (!(link.trips_per_day >= 0) || !std::isfinite(link.trips_per_day)) {
      problem(path + ".trips_per_day", "must be finite and >= 0");
    }
  }
  if (root == n) return problems;

  // With one incoming link per non-root node, a node the province cannot reach lies on a cycle
  // (or hangs below one).
  std::vector<bool> reached(n, false);
  std::deque<std::size_t> queue{root};
  reached[root] = true;
  while (!queue.empty()) {
    const std::size_t u = queue.front();
    queue.pop_front();
    for (const std::size_t v : children[u]) {
      if (!reached[v]) {
        reached[v] = true;
        queue.push_back(v);
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (i == root || reached[i]) continue;
    if (incoming[i] == config.links.size()) {
      problem(at("nodes", i), "no incoming link: every node but the province needs exactly one");
    } else {
      problem(at("nodes", i), "on or below a cycle of links: not reachable from the province");
    }
  }
  return problems;
}

// ---- The topology, as a Boost.Graph -----------------------------------------------------------

namespace {

struct NodeProps {
  std::size_t index = 0;
};
struct LinkProps {
  std::size_t index = 0;
  int lead_days = 0;
};
using Topology =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, NodeProps, LinkProps>;

// The flow network of one day: node v is split into in(v) = 2v and out(v) = 2v + 1 joined by its
// storage room; link u -> v runs out(u) -> in(v); a demand node's out(v) runs to the super-sink.
using FlowTraits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
struct FlowEdge {
  std::int64_t capacity = 0;
  std::int64_t residual = 0;
  FlowTraits::edge_descriptor reverse;
};
using FlowGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, FlowEdge>;
using FlowVertex = FlowGraph::vertex_descriptor;
using FlowEdgeDesc = FlowGraph::edge_descriptor;

FlowEdgeDesc add_flow_edge(FlowGraph& g, FlowVertex u, FlowVertex v, std::int64_t capacity) {
  const FlowEdgeDesc forward = boost::add_edge(u, v, g).first;
  const FlowEdgeDesc backward = boost::add_edge(v, u, g).first;
  g[forward].capacity = capacity;
  g[forward].reverse = backward;
  g[backward].capacity = 0;
  g[backward].reverse = forward;
  return forward;
}

}  // namespace

struct ColdChain::Graph {
  Topology topology;
};

ColdChain::ColdChain(ColdChainConfig config) : config_(std::move(config)) {
  const std::vector<ConfigProblem> problems = validate(config_);
  if (!problems.empty()) {
    std::string what = "invalid cold-chain network:";
    for (const ConfigProblem& p : problems) what += "\n  " + p.field + ": " + p.message;
    throw std::invalid_argument(what);
  }
  const std::size_t n = config_.nodes.size();
  root_ = static_cast<std::size_t>(
      std::find_if(config_.nodes.begin(), config_.nodes.end(), is_root_kind) -
      config_.nodes.begin());

  graph_ = std::make_unique<Graph>(Graph{Topology(n)});
  Topology& g = graph_->topology;
  // Sized up front: add_vertex(property, g) trips GCC 12's -Wmaybe-uninitialized in Boost 1.74.
  for (std::size_t i = 0; i < n; ++i) g[i].index = i;
  incoming_link_.assign(n, config_.links.size());
  for (std::size_t k = 0; k < config_.links.size(); ++k) {
    const ColdChainLink& link = config_.links[k];
    boost::add_edge(link.from, link.to, LinkProps{k, link.lead_days}, g);
    incoming_link_[link.to] = k;
  }

  std::vector<int> distance(n, 0);
  boost::dijkstra_shortest_paths(g, root_,
                                 boost::weight_map(boost::get(&LinkProps::lead_days, g))
                                     .distance_map(boost::make_iterator_property_map(
                                         distance.begin(), boost::get(boost::vertex_index, g))));
  lead_days_ = std::move(distance);
}

ColdChain::~ColdChain() = default;
ColdChain::ColdChain(ColdChain&&) noexcept = default;
ColdChain& ColdChain::operator=(ColdChain&&) noexcept = default;

int ColdChain::lead_days(std::size_t node) const {
  if (node >= node_count()) throw std::out_of_range("ColdChain::lead_days: no such node");
  return lead_days_[node];
}

std::vector<std::size_t> ColdChain::path_to(std::size_t node) const {
  if (node >= node_count()) throw std::out_of_range("ColdChain::path_to: no such node");
  std::vector<std::size_t> path;
  for (std::size_t v = node; v != root_; v = config_.links[incoming_link_[v]].from) {
    path.push_back(incoming_link_[v]);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

DailyBound ColdChain::max_flow(std::span<const std::int64_t> room_at_node,
                               std::span<const std::int64_t> demand_at_node,
                               std::size_t source) const {
  const std::size_t n = node_count();
  if (source >= n) throw std::out_of_range("ColdChain::max_flow: no such source node");
  if (room_at_node.size() != n || demand_at_node.size() != n) {
    throw std::invalid_argument("ColdChain::max_flow: room and demand need one entry per node");
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (room_at_node[i] < 0 || demand_at_node[i] < 0) {
      throw std::invalid_argument("ColdChain::max_flow: negative room or demand at " +
                                  at("nodes", i));
    }
  }

  // Capacities at or above `bound` count as unlimited and are clamped to it, so that no sum the
  // algorithm forms (at most every edge's capacity) can overflow. A finite minimum cut is below
  // `bound` and so contains no clamped edge: the clamped network has the same maximum flow.
  const std::size_t edges = 2 * (n + link_count() + n) + 4;
  const std::int64_t bound = unlimited / static_cast<std::int64_t>(edges);
  const auto clamp = [bound](std::int64_t c) { return std::min(c, bound); };

  FlowGraph g(2 * n + 1);
  const auto in = [](std::size_t v) { return static_cast<FlowVertex>(2 * v); };
  const auto out = [](std::size_t v) { return static_cast<FlowVertex>(2 * v + 1); };
  const FlowVertex sink = static_cast<FlowVertex>(2 * n);

  std::vector<FlowEdgeDesc> storage_edge(n);
  for (std::size_t v = 0; v < n; ++v) {
    storage_edge[v] = add_flow_edge(g, in(v), out(v), clamp(room_at_node[v]));
  }
  std::vector<FlowEdgeDesc> link_edge(link_count());
  const Topology& topo = graph_->topology;
  for (const auto e : boost::make_iterator_range(boost::edges(topo))) {
    const std::size_t k = topo[e].index;
    const std::size_t from = topo[boost::source(e, topo)].index;
    const std::size_t to = topo[boost::target(e, topo)].index;
    link_edge[k] = add_flow_edge(g, out(from), in(to), clamp(config_.links[k].daily_capacity()));
  }
  std::vector<std::pair<std::size_t, FlowEdgeDesc>> demand_edge;
  for (std::size_t v = 0; v < n; ++v) {
    if (demand_at_node[v] > 0) {
      demand_edge.emplace_back(v, add_flow_edge(g, out(v), sink, clamp(demand_at_node[v])));
    }
  }

  const std::int64_t flow = boost::push_relabel_max_flow(
      g, in(source), sink, boost::get(&FlowEdge::capacity, g), boost::get(&FlowEdge::residual, g),
      boost::get(&FlowEdge::reverse, g), boost::get(boost::vertex_index, g));

  const auto carried = [&g](FlowEdgeDesc e) { return g[e].capacity - g[e].residual; };
  DailyBound result;
  result.max_doses = flow;
  result.flow_on_link.resize(link_count());
  for (std::size_t k = 0; k < link_count(); ++k) result.flow_on_link[k] = carried(link_edge[k]);
  result.flow_to_demand.assign(n, 0);
  for (const auto& [v, e] : demand_edge) result.flow_to_demand[v] = carried(e);

  if (flow >= bound) {  // an unbounded path: no finite cut
    result.max_doses = unlimited;
    return result;
  }

  // The source side of the minimum cut: what the source still reaches in the residual network.
  std::vector<bool> reachable(boost::num_vertices(g), false);
  std::deque<FlowVertex> queue{in(source)};
  reachable[in(source)] = true;
  while (!queue.empty()) {
    const FlowVertex u = queue.front();
    queue.pop_front();
    for (const auto e : boost::make_iterator_range(boost::out_edges(u, g))) {
      const FlowVertex v = boost::target(e, g);
      if (g[e].residual > 0 && !reachable[v]) {
        reachable[v] = true;
        queue.push_back(v);
      }
    }
  }
  const auto crosses = [&](FlowEdgeDesc e) {
    return reachable[boost::source(e, g)] && !reachable[boost::target(e, g)];
  };
  for (std::size_t k = 0; k < link_count(); ++k) {
    if (crosses(link_edge[k])) result.cut_links.push_back(k);
  }
  for (std::size_t v = 0; v < n; ++v) {
    if (crosses(storage_edge[v])) result.cut_storage_nodes.push_back(v);
  }
  for (const auto& [v, e] : demand_edge) {
    if (crosses(e)) result.cut_demand_nodes.push_back(v);
  }
  return result;
}

ColdChainConfig star_network(std::string province, std::span<const std::string> cities,
                             int lead_days, int trucks_per_city, std::int64_t doses_per_truck,
                             double trips_per_day, std::int64_t province_storage,
                             std::int64_t city_storage) {
  ColdChainConfig config;
  config.nodes.push_back({std::move(province), NodeKind::province, province_storage});
  for (std::size_t i = 0; i < cities.size(); ++i) {
    config.nodes.push_back({cities[i], NodeKind::city, city_storage});
    config.links.push_back({0, i + 1, lead_days, trucks_per_city, doses_per_truck, trips_per_day});
  }
  return config;
}

}  // namespace vaxsim::supply
