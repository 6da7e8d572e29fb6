#include "vaxsim/run/result_codec.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace vaxsim::run {
namespace {

// --- Every field is coded ---------------------------------------------------------------------
// A field added to one of these structs without a line in encode and decode below would be lost
// on the way between processes, silently. The field counts (of the aggregates) and the size (of
// CityDayTable, whose members are private) stop the build instead: when one fails, code the new
// field in both directions, add it to the round-trip test (tests/run/test_result_codec.cpp),
// then update the number here.

// Converts to any field type: T{AnyField{}, ...} compiles for at most as many fields as T has.
struct AnyField {
  template <class T>
  operator T() const;  // declared only: used in unevaluated operands
};

template <class T, class... Fields>
consteval std::size_t field_count() {
  if constexpr (requires { T{Fields{}..., AnyField{}}; }) {
    return field_count<T, Fields..., AnyField>();
  } else {
    return sizeof...(Fields);
  }
}

static_assert(field_count<model::CampaignResult>() == 11, "code the new CampaignResult field");
static_assert(field_count<model::ProductDoses>() == 3, "code the new ProductDoses field");
static_assert(field_count<model::NetworkRecord>() == 6, "code the new NetworkRecord field");
static_assert(field_count<model::SupplyRecord>() == 9, "code the new SupplyRecord field");
static_assert(field_count<model::Verdict>() == 20, "code the new Verdict field");
static_assert(field_count<model::InheritedBacklog>() == 4, "code the new InheritedBacklog field");
static_assert(field_count<model::BestDeskDay>() == 3, "code the new BestDeskDay field");
static_assert(field_count<model::Warning>() == 6, "code the new Warning field");
static_assert(field_count<model::CityVerdict>() == 8, "code the new CityVerdict field");
static_assert(field_count<model::BindingLink>() == 2, "code the new BindingLink field");
static_assert(field_count<model::CoverageDate>() == 3, "code the new CoverageDate field");
// start_, days_, city_names_, columns_ (one per Measure, coded for any kMeasureCount),
// bottlenecks_: nothing else, and no padding on the platforms vaxsim builds on.
static_assert(sizeof(model::CityDayTable) ==
                  sizeof(sim::Date) + sizeof(int) + sizeof(std::vector<std::string>) +
                      sizeof(std::array<sim::Matrix, model::kMeasureCount>) +
                      sizeof(std::vector<model::Bottleneck>),
              "CityDayTable has a new member: code it");

// Buffers start with a tag, so that a verdict is never read as a result or an older layout as
// this one. Bump the last byte when the layout changes.
constexpr std::array<std::byte, 4> kResultTag = {std::byte{'v'}, std::byte{'x'}, std::byte{'R'},
                                                 std::byte{2}};
constexpr std::array<std::byte, 4> kVerdictTag = {std::byte{'v'}, std::byte{'x'}, std::byte{'V'},
                                                  std::byte{3}};

// --- Writing ----------------------------------------------------------------------------------

class Writer {
 public:
  void bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const std::byte*>(data);
    out_.insert(out_.end(), p, p + size);
  }
  template <class T>
  requires std::is_arithmetic_v<T>
  void raw(T value) { bytes(&value, sizeof value); }
  void count(std::size_t n) { raw(static_cast<std::uint64_t>(n)); }
  void text(const std::string& s) {
    count(s.size());
    bytes(s.data(), s.size());
  }
  void date(sim::Date d) {
    raw(static_cast<std::int32_t>(static_cast<int>(d.year())));
    raw(static_cast<std::uint8_t>(static_cast<unsigned>(d.month())));
    raw(static_cast<std::uint8_t>(static_cast<unsigned>(d.day())));
  }
  void date(const std::optional<sim::Date>& d) {
    raw(static_cast<std::uint8_t>(d.has_value()));
    if (d) date(*d);
  }
  void matrix(const sim::Matrix& m) {
    raw(static_cast<std::int64_t>(m.rows()));
    raw(static_cast<std::int64_t>(m.cols()));
    bytes(m.data(), sizeof(double) * static_cast<std::size_t>(m.size()));
  }
  void vector(const sim::Vector& v) {
    raw(static_cast<std::int64_t>(v.size()));
    bytes(v.data(), sizeof(double) * static_cast<std::size_t>(v.size()));
  }
  template <std::size_t N>
  void ints(const std::array<int, N>& a) {
    count(N);
    for (const int x : a) raw(static_cast<std::int32_t>(x));
  }
  std::vector<std::byte> take() { return std::move(out_); }

 private:
  std::vector<std::byte> out_;
};

// --- Reading ----------------------------------------------------------------------------------

[[noreturn]] void corrupt(const std::string& what) {
  throw std::invalid_argument("result_codec: " + what);
}

class Reader {
 public:
  explicit Reader(std::span<const std::byte> bytes) : rest_{bytes} {}

  void bytes(void* out, std::size_t size) {
    if (size > rest_.size()) {
      corrupt("the buffer ends early (" + std::to_string(size) + " bytes wanted, " +
              std::to_string(rest_.size()) + " left)");
    }
    if (size > 0) std::memcpy(out, rest_.data(), size);
    rest_ = rest_.subspan(size);
  }
  template <class T>
  requires std::is_arithmetic_v<T> T raw() {
    T value{};
    bytes(&value, sizeof value);
    return value;
  }
  void tag(const std::array<std::byte, 4>& expected, const char* what) {
    std::array<std::byte, 4> got{};
    bytes(got.data(), got.size());
    if (got != expected) corrupt(std::string("not an encoded ") + what + " of this vaxsim build");
  }
  /// A count of elements that take at least `min_bytes` each: never more than the buffer holds,
  /// so a corrupt count cannot ask for a huge allocation.
  std::size_t count(std::size_t min_bytes) {
    const auto n = raw<std::uint64_t>();
    if (n > rest_.size() / std::max<std::size_t>(min_bytes, 1)) {
      corrupt("a count of " + std::to_string(n) + " does not fit in the " +
              std::to_string(rest_.size()) + " bytes left");
    }
    return static_cast<std::size_t>(n);
  }
  std::string text() {
    std::string s(count(1), '\0');
    bytes(s.data(), s.size());
    return s;
  }
  int whole_int() {
    const auto v = raw<std::int32_t>();
    return static_cast<int>(v);
  }
  sim::Date date() {
    const auto y = raw<std::int32_t>();
    const auto m = raw<std::uint8_t>();
    const auto d = raw<std::uint8_t>();
    return sim::Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  }
  std::optional<sim::Date> optional_date() {
    const auto has = raw<std::uint8_t>();
    if (has > 1) corrupt("an optional date flag of " + std::to_string(has));
    if (has == 0) return std::nullopt;
    return date();
  }
  sim::Index dimension() {
    const auto n = raw<std::int64_t>();
    if (n < 0) corrupt("a negative matrix dimension");
    return static_cast<sim::Index>(n);
  }
  sim::Matrix matrix() {
    const sim::Index rows = dimension();
    const sim::Index cols = dimension();
    const std::size_t fits = rest_.size() / sizeof(double);
    if (cols != 0 && static_cast<std::size_t>(rows) > fits / static_cast<std::size_t>(cols)) {
      corrupt("a " + std::to_string(rows) + " x " + std::to_string(cols) +
              " matrix does not fit in the " + std::to_string(rest_.size()) + " bytes left");
    }
    sim::Matrix m(rows, cols);
    bytes(m.data(), sizeof(double) * static_cast<std::size_t>(m.size()));
    return m;
  }
  sim::Vector vector() {
    const sim::Index n = dimension();
    if (static_cast<std::size_t>(n) > rest_.size() / sizeof(double)) {
      corrupt("a vector of " + std::to_string(n) + " does not fit in the " +
              std::to_string(rest_.size()) + " bytes left");
    }
    sim::Vector v(n);
    bytes(v.data(), sizeof(double) * static_cast<std::size_t>(n));
    return v;
  }
  template <std::size_t N>
  std::array<int, N> ints() {
    if (count(sizeof(std::int32_t)) != N) corrupt("an array of another length");
    std::array<int, N> a{};
    for (int& x : a) x = whole_int();
    return a;
  }
  model::Bottleneck bottleneck() {
    const auto b = raw<std::uint8_t>();
    if (b >= model::kBottleneckKinds) corrupt("a bottleneck of " + std::to_string(b));
    return static_cast<model::Bottleneck>(b);
  }
  std::size_t left() const { return rest_.size(); }
  void finish() const {
    if (!rest_.empty()) corrupt(std::to_string(rest_.size()) + " bytes after the end");
  }

 private:
  std::span<const std::byte> rest_;
};

// --- CampaignResult ---------------------------------------------------------------------------

void write_table(Writer& w, const model::CityDayTable& t) {
  w.date(t.start());
  w.raw(static_cast<std::int32_t>(t.days()));
  w.count(t.city_names().size());
  for (const std::string& name : t.city_names()) w.text(name);
  w.count(static_cast<std::size_t>(model::kMeasureCount));
  for (int m = 0; m < model::kMeasureCount; ++m) w.matrix(t.column(static_cast<model::Measure>(m)));
  for (int d = 0; d < t.days(); ++d) {
    for (int c = 0; c < t.cities(); ++c) w.raw(static_cast<std::uint8_t>(t.bottleneck(d, c)));
  }
}

model::CityDayTable read_table(Reader& r) {
  const sim::Date start = r.date();
  const int days = r.whole_int();
  if (days < 0) corrupt("a table of " + std::to_string(days) + " days");
  std::vector<std::string> names(r.count(sizeof(std::uint64_t)));
  for (std::string& name : names) name = r.text();
  const std::size_t cities = names.size();
  // Every city-day takes a double per measure and a bottleneck byte: check before allocating.
  const std::size_t per_day =
      cities * (sizeof(double) * static_cast<std::size_t>(model::kMeasureCount) + 1);
  if (per_day > 0 && static_cast<std::size_t>(days) > r.left() / per_day) {
    corrupt("a table of " + std::to_string(days) + " days x " + std::to_string(cities) +
            " cities does not fit in the " + std::to_string(r.left()) + " bytes left");
  }
  model::CityDayTable t(start, days, std::move(names));
  if (r.count(2 * sizeof(std::int64_t)) != static_cast<std::size_t>(model::kMeasureCount)) {
    corrupt("a table with another number of measures than this build's");
  }
  for (int m = 0; m < model::kMeasureCount; ++m)
    t.column(static_cast<model::Measure>(m)) = r.matrix();
  const int n_cities = static_cast<int>(cities);
  for (int d = 0; d < days; ++d) {
    for (int c = 0; c < n_cities; ++c) t.bottleneck(d, c) = r.bottleneck();
  }
  return t;
}

}  // namespace

std::vector<std::byte> encode(const model::CampaignResult& result) {
  Writer w;
  w.bytes(kResultTag.data(), kResultTag.size());
  write_table(w, result.table);
  w.count(result.by_product.size());
  for (const model::ProductDoses& p : result.by_product) {
    w.text(p.product);
    w.vector(p.first);
    w.vector(p.second);
  }
  const model::NetworkRecord& n = result.network;
  w.count(n.links.size());
  for (const std::string& link : n.links) w.text(link);
  w.count(n.link_city.size());
  for (const int city : n.link_city) w.raw(static_cast<std::int32_t>(city));
  w.vector(n.bound);
  w.vector(n.shipped);
  w.matrix(n.link_flow);
  w.count(n.binding_links.size());
  for (const std::vector<std::uint32_t>& day : n.binding_links) {
    w.count(day.size());
    for (const std::uint32_t link : day) w.raw(link);
  }
  const model::SupplyRecord& s = result.supply;
  w.count(s.nodes.size());
  for (const std::string& node : s.nodes) w.text(node);
  w.count(s.kinds.size());
  for (const model::SupplyNodeKind kind : s.kinds) w.raw(static_cast<std::uint8_t>(kind));
  for (const sim::Matrix* m :
       {&s.received, &s.sent, &s.stock, &s.wasted, &s.expired, &s.overflow, &s.stock_out}) {
    w.matrix(*m);
  }
  w.raw(result.prior_doses);
  w.raw(result.province_received);
  w.raw(result.province_stock_end);
  w.raw(result.in_transit_end);
  w.raw(result.missed_second_doses);
  w.raw(result.overdue_at_start);
  w.raw(result.events);
  return w.take();
}

model::CampaignResult decode_result(std::span<const std::byte> bytes) {
  Reader r(bytes);
  r.tag(kResultTag, "campaign result");
  model::CampaignResult result;
  result.table = read_table(r);
  result.by_product.resize(r.count(3 * sizeof(std::uint64_t)));
  for (model::ProductDoses& p : result.by_product) {
    p.product = r.text();
    p.first = r.vector();
    p.second = r.vector();
  }
  model::NetworkRecord& n = result.network;
  n.links.resize(r.count(sizeof(std::uint64_t)));
  for (std::string& link : n.links) link = r.text();
  n.link_city.resize(r.count(sizeof(std::int32_t)));
  for (int& city : n.link_city) city = r.whole_int();
  n.bound = r.vector();
  n.shipped = r.vector();
  n.link_flow = r.matrix();
  n.binding_links.resize(r.count(sizeof(std::uint64_t)));
  for (std::vector<std::uint32_t>& day : n.binding_links) {
    day.resize(r.count(sizeof(std::uint32_t)));
    for (std::uint32_t& link : day) link = r.raw<std::uint32_t>();
  }
  model::SupplyRecord& s = result.supply;
  s.nodes.resize(r.count(sizeof(std::uint64_t)));
  for (std::string& node : s.nodes) node = r.text();
  s.kinds.resize(r.count(sizeof(std::uint8_t)));
  for (model::SupplyNodeKind& kind : s.kinds) {
    const auto k = r.raw<std::uint8_t>();
    if (k > static_cast<std::uint8_t>(model::SupplyNodeKind::county)) {
      corrupt("a supply node kind of " + std::to_string(k));
    }
    kind = static_cast<model::SupplyNodeKind>(k);
  }
  for (sim::Matrix* m :
       {&s.received, &s.sent, &s.stock, &s.wasted, &s.expired, &s.overflow, &s.stock_out}) {
    *m = r.matrix();
  }
  result.prior_doses = r.raw<std::int64_t>();
  result.province_received = r.raw<std::int64_t>();
  result.province_stock_end = r.raw<std::int64_t>();
  result.in_transit_end = r.raw<std::int64_t>();
  result.missed_second_doses = r.raw<std::int64_t>();
  result.overdue_at_start = r.raw<std::int64_t>();
  result.events = r.raw<std::uint64_t>();
  r.finish();
  return result;
}

// --- Verdict ----------------------------------------------------------------------------------

std::vector<std::byte> encode(const model::Verdict& v) {
  Writer w;
  w.bytes(kVerdictTag.data(), kVerdictTag.size());
  w.raw(v.daily_target);
  w.date(v.daily_first_reached);
  w.date(v.daily_sustained_from);
  w.raw(static_cast<std::int32_t>(v.daily_days_met));
  w.raw(static_cast<std::int32_t>(v.daily_days_in_window));
  w.raw(v.daily_best);
  w.raw(v.daily_mean);
  w.count(v.cities.size());
  for (const model::CityVerdict& c : v.cities) {
    w.text(c.city);
    w.raw(c.target);
    w.raw(static_cast<std::int32_t>(c.days_met));
    w.raw(static_cast<std::int32_t>(c.days_in_window));
    w.raw(c.mean_daily);
    w.raw(c.best_day);
    w.ints(c.short_days_by);
    w.raw(static_cast<std::uint8_t>(c.main_bottleneck));
  }
  w.date(v.deadline);
  w.raw(v.people_fully_target);
  w.raw(v.people_fully_by_deadline);
  w.raw(v.people_one_dose_by_deadline);
  w.raw(v.doses_target);
  w.raw(v.doses_by_deadline);
  w.count(v.coverage.size());
  for (const model::CoverageDate& c : v.coverage) {
    w.raw(c.level);
    w.raw(c.people);
    w.date(c.reached);
  }
  w.ints(v.short_city_days_by);
  w.count(v.binding_links.size());
  for (const model::BindingLink& b : v.binding_links) {
    w.text(b.link);
    w.raw(static_cast<std::int32_t>(b.days));
  }
  const model::InheritedBacklog& backlog = v.inherited_backlog;
  w.raw(backlog.people);
  w.raw(backlog.on_first_day);
  w.raw(backlog.first_day_doses);
  w.date(backlog.cleared);
  w.raw(v.best_desk_day.doses_per_desk);
  w.date(v.best_desk_day.date);
  w.raw(v.best_desk_day.reference);
  w.count(v.warnings.size());
  for (const model::Warning& warning : v.warnings) {
    w.text(warning.code);
    w.text(warning.message);
    w.text(warning.file);
    w.raw(static_cast<std::int32_t>(warning.line));
    w.raw(static_cast<std::int32_t>(warning.column));
    w.text(warning.field);
  }
  return w.take();
}

model::Verdict decode_verdict(std::span<const std::byte> bytes) {
  Reader r(bytes);
  r.tag(kVerdictTag, "verdict");
  model::Verdict v;
  v.daily_target = r.raw<std::int64_t>();
  v.daily_first_reached = r.optional_date();
  v.daily_sustained_from = r.optional_date();
  v.daily_days_met = r.whole_int();
  v.daily_days_in_window = r.whole_int();
  v.daily_best = r.raw<double>();
  v.daily_mean = r.raw<double>();
  v.cities.resize(r.count(sizeof(std::uint64_t)));
  for (model::CityVerdict& c : v.cities) {
    c.city = r.text();
    c.target = r.raw<std::int64_t>();
    c.days_met = r.whole_int();
    c.days_in_window = r.whole_int();
    c.mean_daily = r.raw<double>();
    c.best_day = r.raw<double>();
    c.short_days_by = r.ints<model::kBottleneckKinds>();
    c.main_bottleneck = r.bottleneck();
  }
  v.deadline = r.date();
  v.people_fully_target = r.raw<std::int64_t>();
  v.people_fully_by_deadline = r.raw<std::int64_t>();
  v.people_one_dose_by_deadline = r.raw<std::int64_t>();
  v.doses_target = r.raw<std::int64_t>();
  v.doses_by_deadline = r.raw<std::int64_t>();
  v.coverage.resize(r.count(sizeof(double) + sizeof(std::int64_t) + 1));
  for (model::CoverageDate& c : v.coverage) {
    c.level = r.raw<double>();
    c.people = r.raw<std::int64_t>();
    c.reached = r.optional_date();
  }
  v.short_city_days_by = r.ints<model::kBottleneckKinds>();
  v.binding_links.resize(r.count(sizeof(std::uint64_t) + sizeof(std::int32_t)));
  for (model::BindingLink& b : v.binding_links) {
    b.link = r.text();
    b.days = r.whole_int();
  }
  model::InheritedBacklog& backlog = v.inherited_backlog;
  backlog.people = r.raw<std::int64_t>();
  backlog.on_first_day = r.raw<std::int64_t>();
  backlog.first_day_doses = r.raw<std::int64_t>();
  backlog.cleared = r.optional_date();
  v.best_desk_day.doses_per_desk = r.raw<double>();
  v.best_desk_day.date = r.optional_date();
  v.best_desk_day.reference = r.raw<double>();
  v.warnings.resize(r.count(4 * sizeof(std::uint64_t) + 2 * sizeof(std::int32_t)));
  for (model::Warning& warning : v.warnings) {
    warning.code = r.text();
    warning.message = r.text();
    warning.file = r.text();
    warning.line = r.whole_int();
    warning.column = r.whole_int();
    warning.field = r.text();
  }
  r.finish();
  return v;
}

}  // namespace vaxsim::run
