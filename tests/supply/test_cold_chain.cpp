// The cold-chain network: daily capacities, lead times and paths on a hand tree, validate()'s
// field paths for each structural mistake, the daily max-flow bound and its minimum cut on small
// hand-computed networks, an invariant over random trees (flow conservation, capacities,
// max-flow = min-cut), and the Shanxi 2021 province -> 11 cities star at 3.9 M doses per day.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "vaxsim/supply/cold_chain.hpp"

using namespace vaxsim::supply;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

using Doses = std::vector<std::int64_t>;

ColdChainNode node(std::string name, NodeKind kind, std::int64_t storage = unlimited) {
  return {std::move(name), kind, storage};
}

/// A link carrying exactly `capacity` doses a day: one truck, one trip.
ColdChainLink link(std::size_t from, std::size_t to, std::int64_t capacity, int lead_days = 1) {
  return {from, to, lead_days, 1, capacity, 1.0};
}

std::vector<std::string> fields(const ColdChainConfig& config) {
  std::vector<std::string> out;
  for (const ConfigProblem& p : validate(config)) out.push_back(p.field);
  return out;
}

/// The capacity of the cut a bound reports.
std::int64_t cut_capacity(const ColdChain& chain, const DailyBound& b, const Doses& room,
                          const Doses& demand) {
  std::int64_t c = 0;
  for (const std::size_t k : b.cut_links) c += chain.config().links[k].daily_capacity();
  for (const std::size_t v : b.cut_storage_nodes) c += room[v];
  for (const std::size_t v : b.cut_demand_nodes) c += demand[v];
  return c;
}

const std::int64_t U = unlimited;

}  // namespace

// --- Links ------------------------------------------------------------------------------------

TEST(ColdChainLink, DailyCapacityIsTrucksTimesDosesTimesTrips) {
  // 3 trucks x 1000 doses x 2 trips = 6000.
  EXPECT_EQ((ColdChainLink{0, 1, 1, 3, 1000, 2.0}.daily_capacity()), 6000);
  // 3 x 1001 x 1.5 = 4504.5 -> 4504 (whole doses only).
  EXPECT_EQ((ColdChainLink{0, 1, 1, 3, 1001, 1.5}.daily_capacity()), 4504);
  // Any zero factor gives nothing.
  EXPECT_EQ((ColdChainLink{0, 1, 1, 0, 1000, 2.0}.daily_capacity()), 0);
  EXPECT_EQ((ColdChainLink{0, 1, 1, 3, 0, 2.0}.daily_capacity()), 0);
  EXPECT_EQ((ColdChainLink{0, 1, 1, 3, 1000, 0.0}.daily_capacity()), 0);
  // Saturates instead of overflowing.
  EXPECT_EQ((ColdChainLink{0, 1, 1, 1000, U / 10, 1.0}.daily_capacity()), U);
}

// --- Lead times and paths ---------------------------------------------------------------------

namespace {

// nodes: 0 P (province), 1 C1, 2 K1 (county), 3 S1 (site), 4 S2, 5 C2.
// links (deliberately not in tree order):
//   0: K1 -> S1, 3 days     1: P -> C1, 2 days     2: C1 -> K1, 1 day
//   3: C1 -> S2, 0 days     4: P -> C2, 4 days
ColdChainConfig hand_tree() {
  ColdChainConfig c;
  c.nodes = {node("P", NodeKind::province), node("C1", NodeKind::city),
             node("K1", NodeKind::county),  node("S1", NodeKind::site),
             node("S2", NodeKind::site),    node("C2", NodeKind::city)};
  c.links = {link(2, 3, 10, 3), link(0, 1, 10, 2), link(1, 2, 10, 1), link(1, 4, 10, 0),
             link(0, 5, 10, 4)};
  return c;
}

}  // namespace

TEST(ColdChain, LeadDaysAreSumsAlongThePath) {
  const ColdChain chain(hand_tree());
  EXPECT_EQ(chain.root(), 0u);
  EXPECT_EQ(chain.lead_days(0), 0);          // the province itself
  EXPECT_EQ(chain.lead_days(1), 2);          // P->C1 = 2
  EXPECT_EQ(chain.lead_days(2), 2 + 1);      // + C1->K1 = 3
  EXPECT_EQ(chain.lead_days(3), 2 + 1 + 3);  // + K1->S1 = 6
  EXPECT_EQ(chain.lead_days(4), 2 + 0);      // P->C1, C1->S2 = 2
  EXPECT_EQ(chain.lead_days(5), 4);          // P->C2 = 4
  EXPECT_THROW((void)chain.lead_days(6), std::out_of_range);
}

TEST(ColdChain, PathsListTheLinksFromTheProvince) {
  const ColdChain chain(hand_tree());
  EXPECT_THAT(chain.path_to(0), IsEmpty());
  EXPECT_THAT(chain.path_to(1), ElementsAre(1u));
  EXPECT_THAT(chain.path_to(3), ElementsAre(1u, 2u, 0u));
  EXPECT_THAT(chain.path_to(4), ElementsAre(1u, 3u));
  EXPECT_THAT(chain.path_to(5), ElementsAre(4u));
  EXPECT_THROW((void)chain.path_to(99), std::out_of_range);
}

TEST(ColdChain, TheRootNeedNotBeNodeZero) {
  ColdChainConfig c;
  c.nodes = {node("A", NodeKind::city), node("P", NodeKind::province)};
  c.links = {link(1, 0, 50, 3)};
  const ColdChain chain(c);
  EXPECT_EQ(chain.root(), 1u);
  EXPECT_EQ(chain.lead_days(0), 3);
  // 50 doses over the one link; A wants 80: the link binds.
  const DailyBound b = chain.max_flow(Doses{U, U}, Doses{80, 0});
  EXPECT_EQ(b.max_doses, 50);
  EXPECT_THAT(b.cut_links, ElementsAre(0u));
}

// --- validate() -------------------------------------------------------------------------------

TEST(ColdChainValidate, AHandTreeIsValid) { EXPECT_THAT(validate(hand_tree()), IsEmpty()); }

TEST(ColdChainValidate, LinkEndsMustExist) {
  ColdChainConfig c = hand_tree();
  c.links[3].to = 17;
  c.links[4].from = 6;
  // S2 has lost its link too: reported at the node.
  EXPECT_THAT(fields(c), ElementsAre("links[3].to", "links[4].from", "nodes[4]", "nodes[5]"));
  const auto problems = validate(c);
  EXPECT_EQ(problems[0].message, "no such node");
}

TEST(ColdChainValidate, ExactlyOneProvince) {
  ColdChainConfig none = hand_tree();
  none.nodes[0].kind = NodeKind::city;
  EXPECT_THAT(fields(none), ElementsAre("nodes"));

  ColdChainConfig two = hand_tree();
  two.nodes[5].kind = NodeKind::province;
  // The second province also has an incoming link (links[4].to): the root takes none.
  EXPECT_THAT(fields(two), ElementsAre("nodes[5].kind"));

  EXPECT_THAT(fields(ColdChainConfig{}), ElementsAre("nodes"));
}

TEST(ColdChainValidate, TheProvinceTakesNoIncomingLink) {
  ColdChainConfig c = hand_tree();
  c.links.push_back(link(5, 0, 10));
  EXPECT_THAT(fields(c), ElementsAre("links[5].to"));
}

TEST(ColdChainValidate, EveryOtherNodeHasExactlyOneIncomingLink) {
  ColdChainConfig two_parents = hand_tree();
  two_parents.links.push_back(link(5, 3, 10));  // S1 from C2 as well as from K1
  EXPECT_THAT(fields(two_parents), ElementsAre("links[5].to"));
  EXPECT_THAT(validate(two_parents)[0].message, ::testing::HasSubstr("links[0]"));

  ColdChainConfig orphan = hand_tree();
  orphan.nodes.push_back(node("C3", NodeKind::city));
  EXPECT_THAT(fields(orphan), ElementsAre("nodes[6]"));
}

TEST(ColdChainValidate, NoCyclesOrSelfLinks) {
  // K1 <-> S1 with no path from P: each has one incoming link, neither is reachable.
  ColdChainConfig cycle = hand_tree();
  cycle.links[2] = link(3, 2, 10);  // S1 -> K1 instead of C1 -> K1
  EXPECT_THAT(fields(cycle), ElementsAre("nodes[2]", "nodes[3]"));
  EXPECT_THAT(validate(cycle)[0].message, ::testing::HasSubstr("cycle"));

  ColdChainConfig self = hand_tree();
  self.links[4] = link(5, 5, 10);
  EXPECT_THAT(fields(self), ElementsAre("links[4].to", "nodes[5]"));
}

TEST(ColdChainValidate, NamesAndNumbers) {
  ColdChainConfig c = hand_tree();
  c.nodes[1].name = "";
  c.nodes[4].name = "S1";
  c.nodes[2].storage_capacity = -1;
  c.links[0].lead_days = -1;
  c.links[1].trucks = -2;
  c.links[2].doses_per_truck = -3;
  c.links[3].trips_per_day = -0.5;
  c.links[4].trips_per_day = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THAT(fields(c),
              ElementsAre("nodes[1].name", "nodes[2].storage_capacity", "nodes[4].name",
                          "links[0].lead_days", "links[1].trucks", "links[2].doses_per_truck",
                          "links[3].trips_per_day", "links[4].trips_per_day"));
}

TEST(ColdChainValidate, TheConstructorRefusesAnInvalidNetwork) {
  ColdChainConfig c = hand_tree();
  c.links[0].to = 42;
  try {
    const ColdChain chain(c);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("links[0].to: no such node"));
  }
}

// --- max_flow on hand networks ----------------------------------------------------------------

TEST(ColdChainMaxFlow, AChainWhereOneLinkBinds) {
  // P -(100)-> A -(40)-> B; B wants 1000, storage unlimited.
  // Paths: one, P->A->B: min(100, 40, 1000) = 40. The residual network still reaches A (60 left
  // on P->A) but not B: the cut is link 1 (A->B), capacity 40 = the flow.
  ColdChainConfig c;
  c.nodes = {node("P", NodeKind::province), node("A", NodeKind::city), node("B", NodeKind::site)};
  c.links = {{0, 1, 1, 1, 50, 2.0}, {1, 2, 1, 2, 20, 1.0}};  // 1x50x2 = 100, 2x20x1 = 40
  const ColdChain chain(c);
  const Doses room{U, U, U}, demand{0, 0, 1000};
  const DailyBound b = chain.max_flow(room, demand);
  EXPECT_EQ(b.max_doses, 40);
  EXPECT_THAT(b.flow_on_link, ElementsAre(40, 40));
  EXPECT_THAT(b.flow_to_demand, ElementsAre(0, 0, 40));
  EXPECT_THAT(b.cut_links, ElementsAre(1u));
  EXPECT_THAT(b.cut_storage_nodes, IsEmpty());
  EXPECT_THAT(b.cut_demand_nodes, IsEmpty());
}

TEST(ColdChainMaxFlow, ATreeWhereStorageBindsAtAMiddleNode) {
  // P -(500)-> C; C -(200)-> S1, C -(200)-> S2; room at C 300; S1, S2 want 1000 each.
  // Everything to the sites passes C's store: min(500, 300, 200 + 200) = 300. The residual
  // network reaches C's inbound side (200 left on P->C) but not past the full store: the cut is
  // C's storage, 300 = the flow.
  ColdChainConfig c;
  c.nodes = {node("P", NodeKind::province), node("C", NodeKind::city), node("S1", NodeKind::site),
             node("S2", NodeKind::site)};
  c.links = {link(0, 1, 500), link(1, 2, 200), link(1, 3, 200)};
  const ColdChain chain(c);
  const Doses room{U, 300, U, U}, demand{0, 0, 1000, 1000};
  const DailyBound b = chain.max_flow(room, demand);
  EXPECT_EQ(b.max_doses, 300);
  EXPECT_EQ(b.flow_on_link[0], 300);
  EXPECT_EQ(b.flow_on_link[1] + b.flow_on_link[2], 300);  // the split is not unique
  EXPECT_THAT(b.cut_links, IsEmpty());
  EXPECT_THAT(b.cut_storage_nodes, ElementsAre(1u));
  EXPECT_THAT(b.cut_demand_nodes, IsEmpty());
  EXPECT_EQ(cut_capacity(chain, b, room, demand), 300);

  // The province's entry is its stock on hand: with 250 doses in the province store the province
  // binds first: min(250, 500, 300, 400) = 250, cut at P's storage.
  const Doses low_stock{250, 300, U, U};
  const DailyBound p = chain.max_flow(low_stock, demand);
  EXPECT_EQ(p.max_doses, 250);
  EXPECT_THAT(p.cut_storage_nodes, ElementsAre(0u));
  EXPECT_THAT(p.cut_links, IsEmpty());
}

TEST(ColdChainMaxFlow, AStarWhereDemandBinds) {
  // P -(100)-> A, P -(100)-> B; A wants 30, B wants 50. Trucks could carry 200; demand is 80.
  // Max flow = 30 + 50 = 80. Every link and store keeps residual room, so the residual network
  // reaches every node: the only crossing edges are the demand edges to the super-sink. Reported
  // as cut_demand_nodes = {A, B} with no links or stores: the sink side binds, 30 + 50 = 80.
  ColdChainConfig c;
  c.nodes = {node("P", NodeKind::province), node("A", NodeKind::city), node("B", NodeKind::city)};
  c.links = {link(0, 1, 100), link(0, 2, 100)};
  const ColdChain chain(c);
  const Doses room{U, U, U}, demand{0, 30, 50};
  const DailyBound b = chain.max_flow(room, demand);
  EXPECT_EQ(b.max_doses, 80);
  EXPECT_THAT(b.flow_on_link, ElementsAre(30, 50));
  EXPECT_THAT(b.flow_to_demand, ElementsAre(0, 30, 50));
  EXPECT_THAT(b.cut_links, IsEmpty());
  EXPECT_THAT(b.cut_storage_nodes, IsEmpty());
  EXPECT_THAT(b.cut_demand_nodes, ElementsAre(1u, 2u));
}

TEST(ColdChainMaxFlow, ZeroCapacityLinks) {
  // P -(0: no trucks)-> A -(50)-> A1; P -(0: no doses per truck)-> B; P -(0: no trips)-> D;
  // P -(70)-> C. A1, B, C and D want 100 each.
  // Only C can be served: min(70, 100) = 70. The residual network from P reaches nothing past a
  // zero link, nor C past its full link: the cut is links 0, 2, 3 (zero, trivially saturated) and
  // 4 (70): 0 + 0 + 0 + 70 = 70. A->A1 (link 1) is beyond the cut and not in it.
  ColdChainConfig c;
  c.nodes = {node("P", NodeKind::province), node("A", NodeKind::city), node("A1", NodeKind::site),
             node("B", NodeKind::city),     node("C", NodeKind::city), node("D", NodeKind::city)};
  c.links = {{0, 1, 1, 0, 1000, 1.0},
             link(1, 2, 50),
             {0, 3, 1, 5, 0, 1.0},
             {0, 5, 1, 5, 1000, 0.0},
             link(0, 4, 70)};
  const ColdChain chain(c);
  const Doses room(6, U), demand{0, 0, 100, 100, 100, 100};
  const DailyBound b = chain.max_flow(room, demand);
  EXPECT_EQ(b.max_doses, 70);
  EXPECT_THAT(b.flow_on_link, ElementsAre(0, 0, 0, 0, 70));
  EXPECT_THAT(b.cut_links, ElementsAre(0u, 2u, 3u, 4u));
  EXPECT_THAT(b.cut_storage_nodes, IsEmpty());
  EXPECT_THAT(b.cut_demand_nodes, IsEmpty());

  // Nothing moves at all when every link is empty: max 0, cut = the province's three zero links.
  ColdChainConfig dead = c;
  dead.links.pop_back();
  dead.links.push_back({0, 4, 1, 0, 0, 0.0});
  const DailyBound z = ColdChain(dead).max_flow(room, demand);
  EXPECT_EQ(z.max_doses, 0);
  EXPECT_THAT(z.cut_links, ElementsAre(0u, 2u, 3u, 4u));
}

TEST(ColdChainMaxFlow, ParallelDemandWhereTwoDifferentLinksBind) {
  // P -(60)-> A -(1000)-> A1 and P -(500)-> B -(40)-> B1; A1 and B1 want 100 each.
  // Branch A: min(60, 1000, 100) = 60, bound by P->A (link 0).
  // Branch B: min(500, 40, 100) = 40, bound by B->B1 (link 3).
  // Max = 60 + 40 = 100; cut = links {0, 3}: 60 + 40 = 100. (The residual network reaches B, with
  // 460 left on P->B, but not A.)
  ColdChainConfig c;
  c.nodes = {node("P", NodeKind::province), node("A", NodeKind::city), node("A1", NodeKind::site),
             node("B", NodeKind::city), node("B1", NodeKind::site)};
  c.links = {link(0, 1, 60), link(1, 2, 1000), link(0, 3, 500), link(3, 4, 40)};
  const ColdChain chain(c);
  const Doses room(5, U), demand{0, 0, 100, 0, 100};
  const DailyBound b = chain.max_flow(room, demand);
  EXPECT_EQ(b.max_doses, 100);
  EXPECT_THAT(b.flow_on_link, ElementsAre(60, 60, 40, 40));
  EXPECT_THAT(b.flow_to_demand, ElementsAre(0, 0, 60, 0, 40));
  EXPECT_THAT(b.cut_links, ElementsAre(0u, 3u));
  EXPECT_THAT(b.cut_storage_nodes, IsEmpty());
  EXPECT_THAT(b.cut_demand_nodes, IsEmpty());
}

TEST(ColdChainMaxFlow, MixedCutAcrossBranches) {
  // P -(100)-> C1 (room 70) -(100)-> S1 (wants 500); P -(100)-> C2 -(100)-> S2 (wants 20).
  // Branch 1: min(100, 70, 100, 500) = 70, C1's store binds. Branch 2: 20, demand binds.
  // Max = 90; cut: storage {C1} + demand {S2} = 70 + 20 = 90.
  ColdChainConfig c;
  c.nodes = {node("P", NodeKind::province), node("C1", NodeKind::city), node("S1", NodeKind::site),
             node("C2", NodeKind::city), node("S2", NodeKind::site)};
  c.links = {link(0, 1, 100), link(1, 2, 100), link(0, 3, 100), link(3, 4, 100)};
  const ColdChain chain(c);
  const Doses room{U, 70, U, U, U}, demand{0, 0, 500, 0, 20};
  const DailyBound b = chain.max_flow(room, demand);
  EXPECT_EQ(b.max_doses, 90);
  EXPECT_THAT(b.cut_links, IsEmpty());
  EXPECT_THAT(b.cut_storage_nodes, ElementsAre(1u));
  EXPECT_THAT(b.cut_demand_nodes, ElementsAre(4u));
}

TEST(ColdChainMaxFlow, DemandAtAnInnerNodeAndStorageShared) {
  // P -(100)-> C (room 80, wants 50 itself) -(100)-> S (wants 50).
  // Doses for C and for S both pass C's store: min(100, 80, 50 + 50) = 80; cut = C's storage.
  ColdChainConfig c;
  c.nodes = {node("P", NodeKind::province), node("C", NodeKind::city), node("S", NodeKind::site)};
  c.links = {link(0, 1, 100), link(1, 2, 100)};
  const ColdChain chain(c);
  const DailyBound b = chain.max_flow(Doses{U, 80, U}, Doses{0, 50, 50});
  EXPECT_EQ(b.max_doses, 80);
  EXPECT_EQ(b.flow_to_demand[1] + b.flow_to_demand[2], 80);
  EXPECT_EQ(b.flow_on_link[0], 80);
  EXPECT_THAT(b.cut_storage_nodes, ElementsAre(1u));
}

TEST(ColdChainMaxFlow, FromACityOverItsCountyLinksOnly) {
  // P -(100)-> C, C -(30)-> A (wants 40), C -(50)-> B (room 20, wants all it can take).
  // From C with its stock unbounded: A gets its truck's 30, B its room's 20; P's link carries
  // nothing; the cut is A's link and B's store.
  ColdChainConfig c;
  c.nodes = {node("P", NodeKind::province), node("C", NodeKind::city), node("A", NodeKind::county),
             node("B", NodeKind::county)};
  c.links = {link(0, 1, 100), link(1, 2, 30), link(1, 3, 50)};
  const ColdChain chain(c);
  const Doses room{0, U, U, 20}, demand{0, 0, 40, U};
  const DailyBound b = chain.max_flow(room, demand, 1);
  EXPECT_EQ(b.max_doses, 50);
  EXPECT_THAT(b.flow_to_demand, ElementsAre(0, 0, 30, 20));
  EXPECT_THAT(b.flow_on_link, ElementsAre(0, 30, 20));
  EXPECT_THAT(b.cut_links, ElementsAre(1u));
  EXPECT_THAT(b.cut_storage_nodes, ElementsAre(3u));
  EXPECT_EQ(cut_capacity(chain, b, room, demand), b.max_doses);
  // C's stock of 35 binds first: the cut is C's own store.
  const DailyBound short_of_stock = chain.max_flow(Doses{0, 35, U, 20}, demand, 1);
  EXPECT_EQ(short_of_stock.max_doses, 35);
  EXPECT_THAT(short_of_stock.cut_storage_nodes, ElementsAre(1u));
  EXPECT_THAT(short_of_stock.cut_links, IsEmpty());
  // A county cannot send to its city: nothing flows upward.
  EXPECT_EQ(chain.max_flow(Doses{U, U, U, U}, Doses{0, U, 0, 0}, 2).max_doses, 0);
  EXPECT_THROW((void)chain.max_flow(room, demand, 4), std::out_of_range);
}

TEST(ColdChainMaxFlow, AnUnboundedPathIsReportedAsUnlimited) {
  // One truck whose capacity saturates at `unlimited`, unlimited storage and demand: no bound.
  ColdChainConfig c;
  c.nodes = {node("P", NodeKind::province), node("A", NodeKind::city)};
  c.links = {{0, 1, 1, 10, U / 2, 1.0}};
  const ColdChain chain(c);
  const DailyBound b = chain.max_flow(Doses{U, U}, Doses{0, U});
  EXPECT_EQ(b.max_doses, U);
  EXPECT_THAT(b.cut_links, IsEmpty());
  // No demand anywhere: nothing moves.
  EXPECT_EQ(chain.max_flow(Doses{U, U}, Doses{0, 0}).max_doses, 0);
}

TEST(ColdChainMaxFlow, RejectsBadInputs) {
  const ColdChain chain(hand_tree());
  const Doses six(6, 0);
  EXPECT_THROW((void)chain.max_flow(Doses(5, 0), six), std::invalid_argument);
  EXPECT_THROW((void)chain.max_flow(six, Doses(7, 0)), std::invalid_argument);
  EXPECT_THROW((void)chain.max_flow(Doses{0, 0, -1, 0, 0, 0}, six), std::invalid_argument);
  EXPECT_THROW((void)chain.max_flow(six, Doses{0, 0, 0, -5, 0, 0}), std::invalid_argument);
}

// --- An invariant over random trees -----------------------------------------------------------

TEST(ColdChainMaxFlow, RandomTreesConserveFlowAndMaxFlowEqualsMinCut) {
  boost::random::mt19937 rng(20210603u);
  const auto uniform = [&rng](int lo, int hi) {
    return boost::random::uniform_int_distribution<int>(lo, hi)(rng);
  };
  // How often each kind of cut turns up, so that the invariant is known to cover them all.
  int by_links = 0, by_storage = 0, by_demand = 0, mixed = 0, zero = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const auto n = static_cast<std::size_t>(uniform(1, 14));
    // A random labelling, so that the root is not always node 0 nor links in tree order.
    std::vector<std::size_t> label(n);
    std::iota(label.begin(), label.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) {
      std::swap(label[i - 1], label[static_cast<std::size_t>(uniform(0, static_cast<int>(i) - 1))]);
    }
    ColdChainConfig c;
    c.nodes.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      c.nodes[label[i]] =
          node("n" + std::to_string(i), i == 0 ? NodeKind::province : NodeKind::site);
    }
    for (std::size_t i = 1; i < n; ++i) {
      const auto parent = static_cast<std::size_t>(uniform(0, static_cast<int>(i) - 1));
      c.links.push_back({label[parent], label[i], uniform(0, 3), uniform(0, 4), uniform(0, 60),
                         uniform(0, 4) * 0.5});
    }
    for (std::size_t i = c.links.size(); i > 1; --i) {  // Fisher-Yates, as for the labels
      std::swap(c.links[i - 1],
                c.links[static_cast<std::size_t>(uniform(0, static_cast<int>(i) - 1))]);
    }
    const ColdChain chain(c);

    Doses room(n), demand(n);
    for (std::size_t v = 0; v < n; ++v) {
      room[v] = uniform(0, 4) == 0 ? U : uniform(0, 300);
      const int d = uniform(0, 5);
      demand[v] = d == 0 ? U : d <= 2 ? 0 : uniform(0, 200);
    }
    // The province's own demand needs no link: keep it finite, or the day has no bound at all.
    if (demand[chain.root()] == U) demand[chain.root()] = uniform(0, 200);
    const DailyBound b = chain.max_flow(room, demand);
    SCOPED_TRACE("trial " + std::to_string(trial));

    ASSERT_LT(b.max_doses, U);  // links are finite, so every path is bounded
    ASSERT_EQ(b.flow_on_link.size(), chain.link_count());
    ASSERT_EQ(b.flow_to_demand.size(), n);

    // Bounded by the demand, the province's room and its outgoing links (plus its own demand).
    std::int64_t total_demand = 0;  // saturating
    for (const std::int64_t d : demand)
      total_demand = d == U || total_demand == U ? U : total_demand + d;
    EXPECT_LE(b.max_doses, total_demand);
    EXPECT_LE(b.max_doses, room[chain.root()]);
    std::int64_t root_out = demand[chain.root()];
    for (const ColdChainLink& l : c.links) {
      if (l.from == chain.root() && root_out != U) root_out += l.daily_capacity();
    }
    EXPECT_LE(b.max_doses, root_out);
    EXPECT_EQ(std::accumulate(b.flow_to_demand.begin(), b.flow_to_demand.end(), std::int64_t{0}),
              b.max_doses);

    // Each link within its capacity; each node: in = out + its demand, within its room.
    std::vector<std::int64_t> inflow(n, 0), outflow(n, 0);
    inflow[chain.root()] = b.max_doses;
    for (std::size_t k = 0; k < c.links.size(); ++k) {
      EXPECT_GE(b.flow_on_link[k], 0);
      EXPECT_LE(b.flow_on_link[k], c.links[k].daily_capacity());
      inflow[c.links[k].to] += b.flow_on_link[k];
      outflow[c.links[k].from] += b.flow_on_link[k];
    }
    for (std::size_t v = 0; v < n; ++v) {
      EXPECT_GE(b.flow_to_demand[v], 0);
      EXPECT_LE(b.flow_to_demand[v], demand[v]);
      EXPECT_EQ(inflow[v], outflow[v] + b.flow_to_demand[v]) << "node " << v;
      EXPECT_LE(inflow[v], room[v]) << "node " << v;
      // Every link on the way to v carries at least what ends at v.
      for (const std::size_t k : chain.path_to(v))
        EXPECT_GE(b.flow_on_link[k], b.flow_to_demand[v]);
    }

    const int kinds = int{!b.cut_links.empty()} + int{!b.cut_storage_nodes.empty()} +
                      int{!b.cut_demand_nodes.empty()};
    by_links += int{!b.cut_links.empty()};
    by_storage += int{!b.cut_storage_nodes.empty()};
    by_demand += int{!b.cut_demand_nodes.empty()};
    mixed += int{kinds >= 2};
    zero += int{b.max_doses == 0};

    // Max-flow = min-cut: the reported cut's capacity is the flow...
    EXPECT_EQ(cut_capacity(chain, b, room, demand), b.max_doses);
    // ...and it is a cut: every province -> demand route crosses one of its elements.
    for (std::size_t v = 0; v < n; ++v) {
      if (demand[v] == 0) continue;
      bool cut =
          std::binary_search(b.cut_demand_nodes.begin(), b.cut_demand_nodes.end(), v) ||
          std::binary_search(b.cut_storage_nodes.begin(), b.cut_storage_nodes.end(), chain.root());
      for (const std::size_t k : chain.path_to(v)) {
        cut = cut || std::binary_search(b.cut_links.begin(), b.cut_links.end(), k) ||
              std::binary_search(b.cut_storage_nodes.begin(), b.cut_storage_nodes.end(),
                                 c.links[k].to);
      }
      EXPECT_TRUE(cut) << "demand node " << v << " has an uncut route";
    }
  }
  std::printf("cuts by links %d, storage %d, demand %d, mixed %d, zero flow %d of 400\n", by_links,
              by_storage, by_demand, mixed, zero);
  EXPECT_GT(by_links, 40);
  EXPECT_GT(by_storage, 40);
  EXPECT_GT(by_demand, 40);
  EXPECT_GT(mixed, 40);
}

// --- Shanxi 2021 ------------------------------------------------------------------------------

TEST(ColdChainShanxi, TwoHundredSixtyTrucksCarryThreePointNineMillionDosesADay) {
  // Progress report, 3 June 2021: 260+ refrigerated vehicles, delivery capacity 3.9 M doses/day.
  // 3,900,000 / 260 = 15,000 doses per truck per day, e.g. 7,500 doses a load, 2 trips a day.
  // 260 trucks over 11 city links: 260 = 7 x 24 + 4 x 23. Per link: 24 x 7,500 x 2 = 360,000 or
  // 23 x 7,500 x 2 = 345,000; 7 x 360,000 + 4 x 345,000 = 2,520,000 + 1,380,000 = 3,900,000.
  const std::vector<std::string> cities{"Taiyuan",  "Datong",   "Yangquan", "Changzhi",
                                        "Jincheng", "Shuozhou", "Jinzhong", "Yuncheng",
                                        "Xinzhou",  "Linfen",   "Luliang"};
  ColdChainConfig c = star_network("Shanxi", cities, 1, 24, 7'500, 2.0, U, U);
  ASSERT_EQ(c.nodes.size(), 12u);
  ASSERT_EQ(c.links.size(), 11u);
  EXPECT_EQ(c.nodes[0].kind, NodeKind::province);
  EXPECT_EQ(c.nodes[1].name, "Taiyuan");
  // The four smallest cities (census 2020) get 23 trucks.
  for (const std::size_t smallest : {2u, 4u, 5u, 8u}) {  // Yangquan, Jincheng, Shuozhou, Xinzhou
    c.links[smallest].trucks = 23;
  }
  int trucks = 0;
  for (const ColdChainLink& l : c.links) trucks += l.trucks;
  EXPECT_EQ(trucks, 260);

  const ColdChain chain(c);
  for (std::size_t v = 1; v < 12; ++v) EXPECT_EQ(chain.lead_days(v), 1);
  // Unlimited demand and ample storage: the trucks bind, every link is in the cut.
  const Doses room(12, U), demand{0, U, U, U, U, U, U, U, U, U, U, U};
  const DailyBound b = chain.max_flow(room, demand);
  EXPECT_EQ(b.max_doses, 3'900'000);
  EXPECT_EQ(b.cut_links.size(), 11u);
  EXPECT_EQ(b.flow_on_link[0], 360'000);
  EXPECT_EQ(b.flow_on_link[2], 345'000);

  // With the 2021 plan's floor of 800,000 doses a day spread over the cities the trucks are far
  // from binding: demand binds (the sink side of the cut).
  Doses floor_demand(12, 800'000 / 11);  // 72,727 per city
  floor_demand[0] = 0;
  const DailyBound f = chain.max_flow(room, floor_demand);
  EXPECT_EQ(f.max_doses, 11 * (800'000 / 11));
  EXPECT_THAT(f.cut_links, IsEmpty());
  EXPECT_EQ(f.cut_demand_nodes.size(), 11u);
}
