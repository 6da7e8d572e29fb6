#pragma once
// `vaxsim compare DIR_A DIR_B`: two runs side by side, read from the summary.json each wrote (one
// run, or replications: any mix). The same questions are asked of both:
//
//   first day at the daily target, sustained from, days at it, the best day,
//   people fully vaccinated and doses by the deadline, each coverage level's date,
//   city-days short of target by reason, and (replicated runs) the chance of each target.
//
// A replicated run answers with its medians (key_dates and key_numbers at 50%), and its city-days
// by reason are its typical replication's; the text says so. The difference column is B - A: days
// for dates, counts for numbers, percentage points for chances.
//
// compare.html draws both runs on the same charts (doses a day, people with both doses; a
// replicated run as its median with the 5-95% band), with the targets, then the table.
#include <string>

namespace vaxsim::report {

/// One run's outputs as compare reads them.
struct ComparedRun {
  std::string label;         // what to call it: the directory as given
  std::string summary_json;  // the text of its summary.json
};

/// The comparison in plain words, a table with a column per run and one for B - A. Throws
/// std::invalid_argument naming the run's label when its summary.json is not a vaxsim summary
/// (not JSON, no or a newer schema_version, fields missing).
std::string compare_text(const ComparedRun& a, const ComparedRun& b);

/// compare.html: one self-contained page (no scripts, no network), both runs on the same SVG
/// charts, then the table of compare_text. Throws as compare_text.
std::string compare_html(const ComparedRun& a, const ComparedRun& b);

}  // namespace vaxsim::report
