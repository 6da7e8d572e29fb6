#include "vaxsim/report/sweep_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "aligned_table.hpp"
#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/verdict_text.hpp"

namespace vaxsim::report {
namespace {

/// Keys in first-seen order over the points.
template <typename Get>
std::vector<std::string> keys_of(std::span<const run::Odds> odds, Get&& items) {
  std::vector<std::string> keys;
  for (const run::Odds& o : odds) {
    for (const auto& item : items(o)) {
      if (std::find(keys.begin(), keys.end(), item.key) == keys.end()) keys.push_back(item.key);
    }
  }
  return keys;
}

template <typename Items>
const auto* find(const Items& items, const std::string& key) {
  for (const auto& item : items) {
    if (item.key == key) return &item;
  }
  return static_cast<decltype(&items.front())>(nullptr);
}

std::string date_cell(const std::optional<sim::Date>& d) {
  return d ? sim::format_date(*d) : std::string();
}

bool any_missed(std::span<const run::Odds> odds) {
  return std::any_of(odds.begin(), odds.end(),
                     [](const run::Odds& o) { return o.missed_second_doses.has_value(); });
}

std::string chance_with_interval(const run::Proportion& p) {
  return fmt::format("{} ({:.0f}-{:.0f})", chance_text(p.p, p.successes, p.trials), 100.0 * p.lo,
                     100.0 * p.hi);
}

}  // namespace

std::string sweep_csv(std::span<const run::Axis> axes,
                      std::span<const std::vector<run::Setting>> points,
                      std::span<const run::Odds> odds) {
  const auto targets = keys_of(odds, [](const run::Odds& o) { return o.targets; });
  const auto dates = keys_of(odds, [](const run::Odds& o) { return o.dates; });
  const auto numbers = keys_of(odds, [](const run::Odds& o) { return o.numbers; });
  std::ostringstream out;
  out << "point";
  for (const run::Axis& a : axes) out << ',' << csv_field(a.key);
  out << ",replications";
  for (const auto& k : targets)
    out << ',' << csv_field(k + ".p") << ',' << csv_field(k + ".lo") << ',' << csv_field(k + ".hi");
  for (const auto& k : dates) {
    out << ',' << csv_field(k + ".q05") << ',' << csv_field(k + ".q50") << ','
        << csv_field(k + ".q95");
  }
  for (const auto& k : numbers) {
    out << ',' << csv_field(k + ".mean") << ',' << csv_field(k + ".q05") << ','
        << csv_field(k + ".q50") << ',' << csv_field(k + ".q95");
  }
  const bool missed = any_missed(odds);
  if (missed) {
    out << ",missed_second_doses.mean,missed_second_doses.q05,missed_second_doses.q50,"
           "missed_second_doses.q95";
  }
  out << '\n';
  for (std::size_t i = 0; i < points.size() && i < odds.size(); ++i) {
    const run::Odds& o = odds[i];
    out << i + 1;
    for (const run::Setting& s : points[i]) out << ',' << csv_field(s.value);
    out << ',' << o.replications;
    for (const auto& k : targets) {
      if (const auto* t = find(o.targets, k)) {
        out << ',' << format_number(t->odds.p) << ',' << format_number(t->odds.lo) << ','
            << format_number(t->odds.hi);
      } else {
        out << ",,,";
      }
    }
    for (const auto& k : dates) {
      if (const auto* d = find(o.dates, k)) {
        out << ',' << date_cell(d->q05) << ',' << date_cell(d->q50) << ',' << date_cell(d->q95);
      } else {
        out << ",,,";
      }
    }
    for (const auto& k : numbers) {
      if (const auto* n = find(o.numbers, k)) {
        out << ',' << format_number(n->mean) << ',' << format_number(n->q05) << ','
            << format_number(n->q50) << ',' << format_number(n->q95);
      } else {
        out << ",,,,";
      }
    }
    if (missed && o.missed_second_doses) {
      const run::KeyNumber& n = *o.missed_second_doses;
      out << ',' << format_number(n.mean) << ',' << format_number(n.q05) << ','
          << format_number(n.q50) << ',' << format_number(n.q95);
    } else if (missed) {
      out << ",,,,";
    }
    out << '\n';
  }
  return std::move(out).str();
}

std::string sweep_text(const std::string& title, std::span<const run::Axis> axes,
                       std::span<const std::vector<run::Setting>> points,
                       std::span<const run::Odds> odds) {
  // Columns: the province-wide targets (not the cities one by one: their expected count), then
  // the median key dates.
  std::vector<std::string> targets;
  std::vector<std::string> labels;
  bool any_city = false;
  for (const run::Odds& o : odds) {
    for (const run::TargetOdds& t : o.targets) {
      if (t.kind == run::TargetKind::city) {
        any_city = true;
      } else if (std::find(targets.begin(), targets.end(), t.key) == targets.end()) {
        targets.push_back(t.key);
      }
    }
  }
  const auto dates = keys_of(odds, [](const run::Odds& o) { return o.dates; });

  std::vector<bool> right(axes.size(), false);
  std::vector<std::string> header;
  for (const run::Axis& a : axes) header.push_back(a.key);
  for (const auto& k : targets) {
    header.push_back(k);
    right.push_back(true);
  }
  if (any_city) {
    header.push_back("cities met (of n)");
    right.push_back(true);
  }
  for (const auto& k : dates) {
    header.push_back(k + " (median)");
    right.push_back(false);
  }
  const bool missed = any_missed(odds);
  if (missed) {
    header.push_back("missed 2nd doses (median)");
    right.push_back(true);
  }
  detail::AlignedTable table(right);
  table.add(header);
  for (std::size_t i = 0; i < points.size() && i < odds.size(); ++i) {
    const run::Odds& o = odds[i];
    std::vector<std::string> row;
    for (const run::Setting& s : points[i]) row.push_back(s.value);
    for (const auto& k : targets) {
      const auto* t = find(o.targets, k);
      row.push_back(t != nullptr ? chance_with_interval(t->odds) : std::string("-"));
    }
    if (any_city) {
      double expected = 0;
      int cities = 0;
      for (const run::TargetOdds& t : o.targets) {
        if (t.kind != run::TargetKind::city) continue;
        expected += t.odds.p;
        ++cities;
      }
      row.push_back(fmt::format("{:.1f} of {}", expected, cities));
    }
    for (const auto& k : dates) {
      const auto* d = find(o.dates, k);
      row.push_back(d != nullptr && d->q50 ? sim::format_date(*d->q50) : std::string("-"));
    }
    if (missed) {
      row.push_back(o.missed_second_doses ? with_thousands(o.missed_second_doses->q50)
                                          : std::string("-"));
    }
    table.add(std::move(row));
  }
  const int replications = odds.empty() ? 0 : odds.front().replications;
  std::string out = fmt::format(
      "{}: {} grid points, {} replications each (the same random "
      "numbers at every point).\n",
      title, points.size(), replications);
  out +=
      "Chance of each target, % (95% interval); cities: expected number meeting their "
      "target; dates: the median over replications";
  out += missed ? "; missed 2nd doses: second doses never given although their window closed, "
                  "median over replications.\n"
                : ".\n";
  return out + table.render("  ");
}

}  // namespace vaxsim::report
