// The HTML report's last sections (html_writer.hpp): what the numbers rest on (the scenario's
// assumptions) and how to read the report.

#include <fmt/format.h>

#include <cstdint>
#include <string>

#include "html_writer.hpp"

namespace vaxsim::report::html {

std::string Writer::assumptions_section() const {
  std::string out =
      "<section id=\"assumptions\" aria-labelledby=\"assumptions-h\">\n<h2 "
      "id=\"assumptions-h\">What the numbers rest on</h2>\n";
  if (run_.assumptions.empty()) {
    return out + "<p>The scenario states no assumptions.</p>\n</section>\n";
  }
  out +=
      "<p>The scenario's main assumptions, as stated in its file. The results are only as good "
      "as these.</p>\n<table id=\"assumption-table\">\n<thead><tr><th>What</th><th>Value</th>"
      "<th>Source</th></tr></thead>\n<tbody>\n";
  for (const auto& a : run_.assumptions) {
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", esc(a.what), esc(a.value),
                       esc(a.source));
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string Writer::reading_section() const {
  std::string out =
      "<section id=\"reading\" aria-labelledby=\"reading-h\">\n<h2 id=\"reading-h\">How to read "
      "this report</h2>\n<dl>\n";
  if (rep_ != nullptr) {
    const int r = rep_->odds->replications;
    out += fmt::format(
        "<dt>The simulation</dt><dd>Every dose is one person's visit: booking, arrival within "
        "opening hours, the queue, the desk, observation, and the second dose of the same "
        "product in its interval window. {} replications with seed {}, numbers {} to {}: each "
        "is one possible campaign, with its own draws of arrivals, no-shows, service times and "
        "what the scenario leaves uncertain. The chance of a target is the share of "
        "replications that met it.</dd>\n",
        r, run_.seed, run_.replication, run_.replication + static_cast<std::uint64_t>(r) - 1);
  } else {
    out += fmt::format(
        "<dt>The simulation</dt><dd>Every dose is one person's visit: booking, arrival within "
        "opening hours, the queue, the desk, observation, and the second dose of the same "
        "product {}. One run with seed {} and replication {}; another seed gives slightly "
        "different numbers.</dd>\n",
        "in its interval window", run_.seed, run_.replication);
  }
  out +=
      "<dt>Why a city-day fell short</dt><dd>Each morning a city books the smallest of what its "
      "desks can take (capacity), the doses it may use (stock) and the people ready to come "
      "(demand). A day below target is put down to <strong>no stock</strong> if stock was the "
      "smallest and would have been with every dose the sites held, to <strong>held "
      "back</strong> if stock was the smallest only because doses were kept for coming second "
      "doses or paced until the next delivery, to <strong>hours</strong> if capacity was and sites "
      "were open fewer hours than "
      "planned, to <strong>desks</strong> if capacity was although the hours were full, and to "
      "<strong>demand</strong> if too few people were ready.</dd>\n";
  if (rep_ != nullptr) {
    out +=
        "<dt>The files next to this report</dt><dd><code>city_days_quantiles.csv</code>: every "
        "city and day, each measure's mean and 5%, 50% and 95% over the replications, with a "
        "PROVINCE row per day. <code>summary.json</code>: what was run, the odds, key dates and "
        "numbers, the province's daily spread, and the typical replication's verdict; every key "
        "number in this report is taken from it. Both are described column by column in "
        "vaxsim's README.</dd>\n";
  } else {
    out +=
        "<dt>The files next to this report</dt><dd><code>city_days.csv</code>: every city and "
        "day (doses, stock, desks, waits, the reason for a shortfall), with a PROVINCE row per "
        "day. <code>summary.json</code>: what was run and every number of the verdict; every "
        "key number in this report is taken from it. Both are described column by column in "
        "vaxsim's README.</dd>\n";
  }
  return out + "</dl>\n</section>\n";
}

}  // namespace vaxsim::report::html
