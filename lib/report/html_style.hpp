#pragma once
// Private to vaxsim_report: the HTML report's styles, written into its <head> (no external
// style sheet: the report is one self-contained file).

#include <string_view>

namespace vaxsim::report::html {

inline constexpr std::string_view kStyle = R"css(
:root { color-scheme: light; }
body { margin: 0; background: #ffffff; color: #222222; line-height: 1.45;
  font-family: 'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 15px; }
main { max-width: 1060px; margin: 0 auto; padding: 20px 28px 40px; }
h1 { font-size: 1.65em; margin: 0 0 0.2em; }
h2 { font-size: 1.25em; margin: 1.6em 0 0.5em; padding-bottom: 0.15em; border-bottom: 2px solid #222222; }
h3 { font-size: 1.02em; margin: 0 0 0.3em; }
p { margin: 0.35em 0; }
.meta, figcaption, .note { color: #444444; font-size: 0.92em; }
.cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px; }
.card { border: 1px solid #bbbbbb; border-left: 8px solid #999999; border-radius: 4px;
  padding: 8px 14px 10px; }
.card.yes { border-left-color: #0072B2; }
.card.no { border-left-color: #D55E00; }
.warnings { border: 1px solid #D55E00; border-left: 8px solid #D55E00; border-radius: 4px;
  padding: 0.2em 0.9em; margin: 0.6em 0; }
.warnings h3 { margin: 0.3em 0; font-size: 1em; }
.card.partly { border-left-color: #E69F00; }
.answer { font-size: 1.2em; font-weight: bold; margin: 0.1em 0 0.3em; }
.mark { display: inline-block; min-width: 1.1em; }
.card ul { margin: 0.2em 0; padding-left: 1.2em; }
figure { margin: 1em 0 1.4em; }
figure > h3 { margin-top: 0.4em; }
svg.chart { display: block; width: 100%; height: auto; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
  gap: 10px 18px; }
.multiples figure { margin: 0; }
.multiples p { font-size: 0.85em; color: #444444; margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border-bottom: 1px solid #dddddd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #999999; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 2px solid #999999; }
code { font-size: 0.92em; }
dt { font-weight: bold; }
dd { margin: 0 0 0.4em 1.2em; }
@media (max-width: 700px) { .cards { grid-template-columns: 1fr; } }
@media print {
  @page { size: A4; margin: 12mm; }
  body { font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure, .card, tr, .multiples figure { break-inside: avoid; }
  .multiples { grid-template-columns: repeat(3, minmax(0, 1fr)); }
}
)css";

// Only in the report of many replications: the chance bars of the odds table.
inline constexpr std::string_view kOddsStyle = R"css(
.lead { font-size: 1.2em; font-weight: bold; margin: 0.2em 0 0.5em; }
.odds-block { margin-bottom: 1.2em; }
.bar { display: block; position: relative; width: 160px; height: 12px; background: #eeeeee;
  border: 1px solid #999999; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar .ci { position: absolute; top: 3px; height: 6px; background: #56B4E9; }
.bar .p { position: absolute; top: -3px; width: 3px; height: 18px; margin-left: -1px;
  background: #000000; }
h3.typical { margin-top: 1.2em; }
)css";

}  // namespace vaxsim::report::html
