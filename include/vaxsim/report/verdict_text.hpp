#pragma once
// The verdict in plain words for a terminal: one headline per planner's question, the numbers
// behind it, and a table of cities. Numbers have thousands separators (14,910,000), dates are ISO.
//
//   Is 800,000 doses a day reachable? Yes, first on 2021-05-12.
//     Met on 41 of 61 days from 2021-05-01 to 2021-06-30; sustained from 2021-06-02 to the
//     deadline.
//   Will the deadline, 2021-06-30, be met? No.
//     People fully vaccinated: 12,345,678 of 14,910,000 (82.8%), short by 2,564,322.
//   Coverage ...
//   Cities, doses a day from 2021-05-01 to 2021-06-30:
//     City  Target  Mean/day  Best day  Days met  Main reason  Short: supply  desks  hours  demand
//
// Also how every text of the report writes a count (with_thousands) and a chance (chance_text).

#include <cstdint>
#include <string>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/verdict.hpp"

namespace vaxsim::report {

/// The verdict as text, several lines, each ending in '\n'. `config` gives the campaign's name,
/// dates and targets; `result` the date of the best day.
std::string verdict_text(const model::CampaignConfig& config, const model::CampaignResult& result,
                         const model::Verdict& verdict);

/// 14910000 -> "14,910,000", -1234 -> "-1,234"; independent of the locale.
std::string with_thousands(std::int64_t n);

/// Rounds to the nearest whole number, then as above; "nan" / "inf" / "-inf" if not finite.
std::string with_thousands(double x);

/// "83%", "<1%", ">99%", "0%", "100%": a probability as the tables print it.
std::string chance_text(double p, int successes, int trials);

/// Columns a UTF-8 string takes in a terminal: wide (East Asian) characters count 2, combining
/// marks 0, everything else 1.
int display_width(std::string_view text);

}  // namespace vaxsim::report
