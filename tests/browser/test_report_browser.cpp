// The report end to end: the real program writes report.html; the page and every SVG in it parse
// as XML (libxml2), the numbers it shows equal summary.json, and headless Chromium opens it from
// disk: the screenshot is not blank and shows the charts' colours, and the rendered page has every
// chart.
//
// Chromium comes from Debian's `chromium` package (scripts/setup.sh --with-browser, which
// scripts/run-tests.sh uses); without it the browser tests skip with a message.

#include <gtest/gtest.h>
#include <png.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/files.hpp"
#include "support/program.hpp"
#include "support/report_checks.hpp"
#include "support/towns.hpp"

namespace {

namespace fs = std::filesystem;
using vaxsim::test::read_file;
using vaxsim::test::shell;
using vaxsim::test::shell_quoted;

constexpr int kWidth = 1280;
constexpr int kHeight = 2000;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The first of the usual names of Chromium on the PATH; empty if none.
std::string find_chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    if (shell(std::string("command -v ") + name + " >/dev/null 2>&1") == 0) return name;
  }
  return "";
}

struct Image {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgba;
};

std::optional<Image> read_png(const fs::path& path) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&image, path.c_str()) == 0) return std::nullopt;
  image.format = PNG_FORMAT_RGBA;
  Image out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.rgba.resize(static_cast<std::size_t>(image.width) * image.height * 4);
  if (png_image_finish_read(&image, nullptr, out.rgba.data(), 0, nullptr) == 0) {
    png_image_free(&image);
    return std::nullopt;
  }
  return out;
}

struct PixelStats {
  std::size_t colours = 0;     // distinct colours
  double not_white = 0;        // share of pixels that are not (near) white
  std::size_t light_blue = 0;  // pixels of the first-dose bars (#56B4E9)
  std::size_t dark_blue = 0;   // pixels of the second-dose bars (#0072B2)
};

PixelStats stats_of(const Image& image) {
  PixelStats s;
  std::vector<bool> seen(1u << 24, false);
  std::size_t not_white = 0;
  const auto near = [](const unsigned char* p, int r, int g, int b) {
    return std::abs(p[0] - r) <= 6 && std::abs(p[1] - g) <= 6 && std::abs(p[2] - b) <= 6;
  };
  for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4) {
    const unsigned char* p = &image.rgba[i];
    const std::size_t colour = (std::size_t{p[0]} << 16) | (std::size_t{p[1]} << 8) | p[2];
    if (!seen[colour]) {
      seen[colour] = true;
      ++s.colours;
    }
    if (p[0] < 240 || p[1] < 240 || p[2] < 240) ++not_white;
    if (near(p, 0x56, 0xB4, 0xE9)) ++s.light_blue;
    if (near(p, 0x00, 0x72, 0xB2)) ++s.dark_blue;
  }
  s.not_white = static_cast<double>(not_white) / static_cast<double>(image.rgba.size() / 4);
  return s;
}

// The program's folder is kept for a look when a test failed (support/program.hpp).
class ReportEndToEnd : public vaxsim::test::ProgramTest {
 protected:
  /// Runs `vaxsim run <scenario> --out <folder>/out --quiet [more]`; true if it exited 0 and
  /// wrote report.html.
  bool make_report(const fs::path& scenario, const std::string& more = "") const {
    const int status = run("run " + shell_quoted(scenario.string()) + " --quiet --threads 2 " +
                           more + " --out " + shell_quoted(out().string()))
                           .status;
    return status == 0 && fs::exists(out() / "report.html");
  }

  fs::path out() const { return folder() / "out"; }
  std::string html() const { return read_file(out() / "report.html"); }
  std::string run_errors() const { return std_err(); }

  void expect_well_formed() const {
    const std::string page = html();
    const auto parsed = vaxsim::test::parse_xml(page);
    EXPECT_TRUE(parsed.well_formed) << parsed.errors;
    EXPECT_GT(parsed.elements, 500);
    const auto svgs = vaxsim::test::svg_elements(page);
    EXPECT_GE(svgs.size(), 6u);
    for (const std::string& svg : svgs) {
      const auto one = vaxsim::test::parse_xml(svg);
      EXPECT_TRUE(one.well_formed) << one.errors << svg.substr(0, 200);
    }
  }

  void expect_numbers_equal_json() const {
    const auto parsed = vaxsim::test::parse_xml(html());
    ASSERT_TRUE(parsed.well_formed) << parsed.errors;
    const auto summary = nlohmann::json::parse(read_file(out() / "summary.json"));
    EXPECT_EQ(vaxsim::test::compare_with_json(parsed.marked, summary), "");
    EXPECT_GE(parsed.marked.size(), 30u);
    // Key numbers a reader looks for first.
    for (const char* id : {"daily-target", "daily-best", "people-fully", "people-fully-target",
                           "doses-by-deadline", "deadline"}) {
      bool found = false;
      for (const auto& m : parsed.marked) found = found || m.id == id;
      EXPECT_TRUE(found) << id;
    }
  }

  /// Opens the report in headless Chromium; checks the screenshot and the rendered page, which
  /// has the four province charts, one a city, and the cold chain's two with a cold chain.
  /// `first_doses`: whether the run gives first doses (their light blue bars are on screen).
  void expect_renders(std::size_t cities, bool cold_chain = false,
                      const std::vector<std::string>& more_ids = {},
                      bool first_doses = true) const {
    const std::string chromium = find_chromium();
    if (chromium.empty()) {
      GTEST_SKIP() << "Chromium is not installed: run scripts/setup.sh --with-browser (as root) "
                      "to install Debian's chromium package for this test";
    }
    const fs::path png = folder() / "screenshot.png";
    const fs::path dom = folder() / "dom.html";
    const std::string command =
        "timeout 90 " + chromium +
        " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic "
        "--no-first-run --disable-background-networking --disable-component-update "
        "--disable-sync --hide-scrollbars --user-data-dir=" +
        shell_quoted((folder() / "profile").string()) + " --window-size=" + std::to_string(kWidth) +
        "," + std::to_string(kHeight) + " --screenshot=" + shell_quoted(png.string()) +
        " --dump-dom " + shell_quoted("file://" + fs::absolute(out() / "report.html").string()) +
        " >" + shell_quoted(dom.string()) + " 2>" +
        shell_quoted((folder() / "chromium.log").string());
    const int status = shell(command);
    ASSERT_EQ(status, 0) << command << "\n" << read_file(folder() / "chromium.log");

    const auto image = read_png(png);
    ASSERT_TRUE(image.has_value()) << "no readable screenshot at " << png;
    EXPECT_EQ(image->width, kWidth);
    EXPECT_EQ(image->height, kHeight);
    const PixelStats s = stats_of(*image);
    EXPECT_GT(s.colours, 200u) << "the screenshot has almost no colours: blank?";
    EXPECT_GT(s.not_white, 0.05) << "the screenshot is nearly all white";
    if (first_doses) {
      EXPECT_GT(s.light_blue, 2000u) << "no first-dose bars on screen";
    }
    EXPECT_GT(s.dark_blue, 2000u) << "no second-dose bars (or blue marks) on screen";

    // The page as Chromium built it: every chart and the answers are there.
    const std::string rendered = read_file(dom);
    EXPECT_EQ(count(rendered, "<svg"), 4 + cities + (cold_chain ? 2 : 0));
    std::vector<std::string> ids = {
        "svg-province-daily", "svg-people",    "svg-bottleneck",  "svg-stock",   "svg-city-0",
        "answer-daily",       "answer-cities", "answer-deadline", "assumptions", "city-table"};
    if (cold_chain)
      ids.insert(ids.end(), {"cold-chain", "svg-cold-chain", "svg-links", "link-table"});
    ids.insert(ids.end(), more_ids.begin(), more_ids.end());
    for (const std::string& id : ids) {
      EXPECT_NE(rendered.find("id=\"" + id + "\""), std::string::npos) << id;
    }
    EXPECT_EQ(rendered.find("id=\"cold-chain\"") != std::string::npos, cold_chain);
    EXPECT_GE(count(rendered, "<path"), 4 + 2 * cities);  // bars and lines of every chart
  }
};

// Two towns, 42 days: quick under every preset.
TEST_F(ReportEndToEnd, PageAndEverySvgAreWellFormedXml) {
  ASSERT_TRUE(make_report(vaxsim::test::two_towns_yaml())) << run_errors();
  expect_well_formed();
}

TEST_F(ReportEndToEnd, NumbersShownEqualSummaryJson) {
  ASSERT_TRUE(make_report(vaxsim::test::two_towns_yaml())) << run_errors();
  expect_numbers_equal_json();
}

TEST_F(ReportEndToEnd, OpensInHeadlessChromiumWithItsCharts) {
  ASSERT_TRUE(make_report(vaxsim::test::two_towns_yaml())) << run_errors();
  expect_renders(2);
}

// The real province: 11 cities, as a planner would run it. Several minutes under the
// sanitizers, so only in optimised builds without them.
TEST_F(ReportEndToEnd, TheShanxiJuneReport) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "the full-size June scenario is too slow under sanitizers";
#endif
  ASSERT_TRUE(make_report(vaxsim::test::source_file("scenarios/shanxi-2021-june.yaml")))
      << run_errors();
  expect_well_formed();
  expect_numbers_equal_json();
  // June gives second doses only (the progress report's June): no first-dose bars.
  expect_renders(11, /*cold_chain=*/true, {}, /*first_doses=*/false);
}

// Replications: the odds first, a typical replication with bands; its numbers point into the
// replicated summary.json written beside it.
TEST_F(ReportEndToEnd, TheReplicatedReportShowsTheOddsAndAgreesWithItsSummary) {
  ASSERT_TRUE(make_report(vaxsim::test::two_towns_yaml(), "--replications 3")) << run_errors();
  ASSERT_TRUE(fs::exists(out() / "city_days_quantiles.csv"));
  expect_well_formed();
  expect_numbers_equal_json();
  const auto parsed = vaxsim::test::parse_xml(html());
  std::size_t odds = 0;
  for (const auto& m : parsed.marked) odds += m.json.rfind("odds.", 0) == 0;
  EXPECT_GE(odds, 5u * 6u);  // what, chance, interval, met in: every target
  EXPECT_GE(count(html(), "class=\"band\""), 4u);
  expect_renders(2, /*cold_chain=*/false, {"answer-odds", "odds-table", "key-dates-table"});
}

}  // namespace
