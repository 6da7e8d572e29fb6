#pragma once
// Private to vaxsim_report: the parts of summary.json that the one-run summary and the
// replicated one share (the replicated summary embeds its typical replication's verdict, run and
// network exactly as a one-run summary writes them, so the report's data-json paths hold in both).

#include <nlohmann/json.hpp>
#include <optional>

#include "vaxsim/fit/compare.hpp"
#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::report::detail {

// Keys in the order written, so that a reader sees what was run before the numbers.
using json = nlohmann::ordered_json;

/// A table cell: whole numbers as JSON integers (counts read as counts), NaN and infinities null.
json number(double value);

json date_or_null(const std::optional<sim::Date>& date);

/// "observed": the record's file and every figure beside the run's value, the error, and (over
/// replications) the 5-95% band; see docs/output-format.md.
json observed_json(const std::string& file, const std::vector<fit::ComparedFigure>& figures,
                   bool replicated);

/// "verdict": model::Verdict field by field.
json verdict_json(const model::Verdict& v);

/// "warnings": [{"code", "message"}, ...] and, for a value of the scenario, "file", "line",
/// "column", "field": those about the run first (RunInfo::warnings: the scenario's, then how it
/// was run), then the verdict's; an empty list when nothing is in doubt.
json warnings_json(const std::vector<model::Warning>& run,
                   const std::vector<model::Warning>& verdict);

/// "run": the run's totals (model::CampaignResult).
json run_json(const model::CampaignResult& result);

/// Each place's doses over the run (SupplyRecord totals), in the record's node order.
json supply_json(const model::SupplyRecord& supply);

/// Whether the result has a cold-chain record, i.e. whether "network" is written.
bool has_network(const model::CampaignResult& result);

/// Days of the cold-chain record that can be shown: those of the table, the bound, the shipping
/// and the link flows alike (all the same for a record the engine made).
int record_days(const model::CampaignResult& result);

/// A link's daily truck capacity from the config (doses a day); none when unlimited or when the
/// config's links do not match the record's.
std::optional<double> link_capacity(const model::CampaignConfig& config,
                                    const model::CampaignResult& result, std::size_t link);

/// A day's network bound, none when unbounded (supply::unlimited).
std::optional<double> network_bound(const model::NetworkRecord& network, int day);

/// Days on which a link was in the minimum cut of the day's shipping (the whole run).
int days_in_cut(const model::NetworkRecord& network, std::size_t link);

/// "network": the cold chain's links and daily bound, shipping and cut (has_network only).
json network_json(const model::CampaignConfig& config, const model::CampaignResult& result);

}  // namespace vaxsim::report::detail
