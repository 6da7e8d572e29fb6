// The HTML report (html_report.hpp): the page, its head and header and its sections in order,
// written by html::Writer (html_writer.hpp); and the entry points.

#include "vaxsim/report/html_report.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "html_style.hpp"
#include "html_writer.hpp"

namespace vaxsim::report {
namespace html {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string Writer::write() {
  std::string out =
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
      "<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      "<meta name=\"generator\" content=\"vaxsim\"/>\n";
  out += fmt::format("<title>{}: vaxsim report</title>\n", esc(config_.name));
  out += fmt::format("<style>{}{}</style>\n</head>\n<body>\n<main>\n", kStyle,
                     rep_ != nullptr ? kOddsStyle : std::string_view());
  out += header();
  out += verdict_section();
  out += record_section();
  out += charts_section();
  out += cold_chain_section();
  out += cities_section();
  out += assumptions_section();
  out += reading_section();
  out += "</main>\n</body>\n</html>\n";
  return out;
}

std::string Writer::header() const {
  std::string out = fmt::format("<header>\n<h1 id=\"title\">{}</h1>\n", esc(config_.name));
  out +=
      fmt::format("<p class=\"meta\">Simulated {} to {} ({} days), {} cities. ",
                  date("campaign.start", config_.start, ""), date("campaign.end", config_.end, ""),
                  num("campaign.days", table_.days()), table_.cities());
  if (!run_.scenario_file.empty()) {
    out += fmt::format("Scenario <code>{}</code>, ", esc(run_.scenario_file));
  }
  if (rep_ != nullptr) {
    const int r = rep_->odds->replications;
    out += fmt::format(
        "seed {}, {} replications, numbers {} to {}; charts and answers below the odds: "
        "replication {}.</p>\n",
        plain("seed", run_.seed), mark_plain("replications", static_cast<std::uint64_t>(r), ""),
        mark_plain("first_replication", run_.replication, ""),
        run_.replication + static_cast<std::uint64_t>(r) - 1,
        mark_plain("typical.replication", rep_->typical_replication, ""));
  } else {
    out += fmt::format("seed {}, replication {}.</p>\n", plain("seed", run_.seed),
                       plain("replication", run_.replication));
  }
  if (!run_.description.empty()) {
    out += fmt::format("<p class=\"description\">{}</p>\n", esc(trimmed(run_.description)));
  }
  return out + "</header>\n";
}

}  // namespace html

std::string html_report(const RunInfo& run, const model::CampaignConfig& config,
                        const model::CampaignResult& result, const model::Verdict& verdict,
                        const ReportBands* bands) {
  return html::Writer(run, config, result, verdict, bands).write();
}

std::string html_report(const RunInfo& run, const model::CampaignConfig& config,
                        const model::CampaignResult& result, const model::Verdict& verdict,
                        const ReplicatedView& replicated) {
  if (replicated.odds == nullptr) throw std::invalid_argument("html_report: no odds given");
  return html::Writer(run, config, result, verdict, &replicated.bands, &replicated).write();
}

}  // namespace vaxsim::report
