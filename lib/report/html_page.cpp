// The HTML report's page helpers (html_page.hpp).

#include "html_page.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/verdict_text.hpp"
#include "vaxsim/report/xml_text.hpp"

namespace vaxsim::report::html {
namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

std::string id_attr(std::string_view id) {
  return id.empty() ? std::string() : fmt::format(" id=\"{}\"", esc(id));
}

}  // namespace

std::string esc(std::string_view text) { return xml_escape(text); }

std::string long_date(sim::Date d) {
  return fmt::format("{} {} {}", static_cast<unsigned>(d.day()),
                     kMonthNames[(static_cast<unsigned>(d.month()) - 1) % 12],
                     static_cast<int>(d.year()));
}

int day_index(sim::Date start, sim::Date d) {
  return static_cast<int>((std::chrono::sys_days{d} - std::chrono::sys_days{start}).count());
}

std::string mark_num(std::string_view json, double value, std::string_view id) {
  return fmt::format("<span{} class=\"n\" data-json=\"{}\" data-value=\"{}\">{}</span>",
                     id_attr(id), esc(json), format_number(value), with_thousands(value));
}

std::string mark_plain(std::string_view json, std::uint64_t value, std::string_view id) {
  return fmt::format(
      "<span{} class=\"n\" data-json=\"{}\" data-value=\"{}\" data-format=\"plain\">{}</span>",
      id_attr(id), esc(json), value, value);
}

std::string mark_percent(std::string_view json, double share, std::string_view id) {
  return fmt::format(
      "<span{} class=\"n\" data-json=\"{}\" data-value=\"{}\" data-format=\"percent\">{:.4g}%"
      "</span>",
      id_attr(id), esc(json), format_number(share), 100.0 * share);
}

std::string mark_whole_percent(std::string_view json, double share, std::string_view id) {
  return fmt::format(
      "<span{} class=\"n\" data-json=\"{}\" data-value=\"{}\" data-format=\"whole-percent\">"
      "{:.0f}%</span>",
      id_attr(id), esc(json), format_number(share), std::round(100.0 * share));
}

std::string mark_chance(std::string_view json, const run::Proportion& p, std::string_view id) {
  return fmt::format(
      "<span{} class=\"n\" data-json=\"{}\" data-value=\"{}\" data-format=\"chance\">{}</span>",
      id_attr(id), esc(json), format_number(p.p), esc(chance_text(p.p, p.successes, p.trials)));
}

std::string mark_date(std::string_view json, const std::optional<sim::Date>& d,
                      std::string_view missing, std::string_view id) {
  if (!d) {
    return fmt::format("<span{} class=\"missing\" data-json=\"{}\" data-value=\"null\">{}</span>",
                       id_attr(id), esc(json), esc(missing));
  }
  const std::string iso = sim::format_date(*d);
  return fmt::format("<time{} data-json=\"{}\" data-value=\"{}\" datetime=\"{}\">{}</time>",
                     id_attr(id), esc(json), iso, iso, long_date(*d));
}

std::string mark_optional(std::string_view json, const std::optional<double>& value,
                          std::string_view missing, std::string_view id) {
  if (!value) {
    return fmt::format("<span{} class=\"missing\" data-json=\"{}\" data-value=\"null\">{}</span>",
                       id_attr(id), esc(json), esc(missing));
  }
  return mark_num(json, *value, id);
}

std::string mark_text(std::string_view json, std::string_view value, std::string_view id) {
  return fmt::format("<span{} data-json=\"{}\" data-value=\"{}\">{}</span>", id_attr(id), esc(json),
                     esc(value), esc(value));
}

std::string share(double part, double whole) {
  return whole > 0 ? fmt::format("{:.1f}%", 100.0 * part / whole) : std::string("-");
}

int count_of(const std::array<int, model::kBottleneckKinds>& counts, Bottleneck b) {
  return counts[static_cast<std::size_t>(b)];
}

Bottleneck most_frequent(const std::array<int, model::kBottleneckKinds>& counts) {
  Bottleneck best = Bottleneck::none;
  for (const Bottleneck b : kReasons) {
    if (count_of(counts, b) > (best == Bottleneck::none ? 0 : count_of(counts, best))) best = b;
  }
  return best;
}

std::string answer(std::string_view kind, std::string_view words) {
  std::string_view mark = "\u2717";       // ✗
  if (kind == "yes") mark = "\u2713";     // ✓
  if (kind == "partly") mark = "\u25D0";  // ◐
  if (kind == "none") mark = "\u2013";
  return fmt::format(
      "<p class=\"answer\"><span class=\"mark\" aria-hidden=\"true\">{}</span> {}</p>\n", mark,
      words);
}

}  // namespace vaxsim::report::html
