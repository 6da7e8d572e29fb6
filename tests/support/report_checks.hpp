#pragma once
// Checks shared by the report tests (tests/report) and the end-to-end report tests
// (tests/browser): is a text well-formed XML, by a real parser (libxml2); and do the numbers
// marked in report.html (data-json, data-value; see html_report.hpp) equal summary.json.
//
// Built with libxml2 when VAXSIM_HAVE_LIBXML2 is defined (tests/CMakeLists.txt); without it,
// kHaveXmlParser is false and the tests that need a parser skip.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "vaxsim/report/verdict_text.hpp"

#ifdef VAXSIM_HAVE_LIBXML2
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#endif

namespace vaxsim::test {

#ifdef VAXSIM_HAVE_LIBXML2
inline constexpr bool kHaveXmlParser = true;
#else
inline constexpr bool kHaveXmlParser = false;
#endif

/// An element of the report that shows a number (or date, or name) from summary.json.
struct Marked {
  std::string id;
  std::string json;      // data-json: the dotted path
  std::string value;     // data-value
  std::string format;    // data-format: "", "percent" or "plain"
  std::string datetime;  // the datetime attribute of a <time>
  std::string text;      // the text shown
};

struct ParsedXml {
  bool well_formed = false;
  std::string errors;          // the parser's messages, one a line
  std::vector<Marked> marked;  // every element with a data-json attribute, in document order
  int elements = 0;            // elements in the document
};

#ifdef VAXSIM_HAVE_LIBXML2
namespace detail {

inline void collect_error(void* context, xmlErrorPtr error) {
  auto* errors = static_cast<std::string*>(context);
  if (error == nullptr) return;
  *errors += "line " + std::to_string(error->line) + ": " +
             (error->message != nullptr ? std::string(error->message) : std::string("?"));
  if (!errors->empty() && errors->back() != '\n') *errors += '\n';
}

inline std::string attribute(xmlNodePtr node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

inline int count_elements(xmlNodePtr node) {
  int n = 0;
  for (xmlNodePtr child = node; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) n += 1 + count_elements(child->children);
  }
  return n;
}

}  // namespace detail
#endif

/// Parses `text` as XML (strict: no recovery, no network, no entity loading beyond XML's own).
inline ParsedXml parse_xml(std::string_view text) {
  ParsedXml out;
#ifdef VAXSIM_HAVE_LIBXML2
  xmlSetStructuredErrorFunc(&out.errors, detail::collect_error);
  xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "report.xml", "UTF-8",
                                XML_PARSE_NONET);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (doc == nullptr) return out;
  out.well_formed = out.errors.empty();
  out.elements = detail::count_elements(xmlDocGetRootElement(doc));
  xmlXPathContextPtr xpath = xmlXPathNewContext(doc);
  xmlXPathObjectPtr found =
      xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>("//*[@data-json]"), xpath);
  if (found != nullptr && found->nodesetval != nullptr) {
    for (int i = 0; i < found->nodesetval->nodeNr; ++i) {
      xmlNodePtr node = found->nodesetval->nodeTab[i];
      Marked m;
      m.id = detail::attribute(node, "id");
      m.json = detail::attribute(node, "data-json");
      m.value = detail::attribute(node, "data-value");
      m.format = detail::attribute(node, "data-format");
      m.datetime = detail::attribute(node, "datetime");
      xmlChar* content = xmlNodeGetContent(node);
      if (content != nullptr) {
        m.text = reinterpret_cast<const char*>(content);
        xmlFree(content);
      }
      out.marked.push_back(std::move(m));
    }
  }
  xmlXPathFreeObject(found);
  xmlXPathFreeContext(xpath);
  xmlFreeDoc(doc);
#else
  (void)text;
  out.errors = "no XML parser: built without libxml2";
#endif
  return out;
}

/// The <svg>...</svg> elements of a page, each as its own text.
inline std::vector<std::string> svg_elements(const std::string& html) {
  std::vector<std::string> out;
  for (std::size_t from = html.find("<svg"); from != std::string::npos;
       from = html.find("<svg", from + 1)) {
    const std::size_t end = html.find("</svg>", from);
    if (end == std::string::npos) break;
    out.push_back(html.substr(from, end + 6 - from));
  }
  return out;
}

/// The value at a dotted path ("verdict.cities.3.target") of a JSON document, or null.
inline const nlohmann::json* json_at(const nlohmann::json& doc, const std::string& path) {
  const nlohmann::json* at = &doc;
  std::size_t from = 0;
  while (from <= path.size()) {
    const std::size_t dot = std::min(path.find('.', from), path.size());
    const std::string key = path.substr(from, dot - from);
    if (at->is_array()) {
      char* end = nullptr;
      const unsigned long index = std::strtoul(key.c_str(), &end, 10);
      if (key.empty() || *end != '\0' || index >= at->size()) return nullptr;
      at = &(*at)[index];
    } else if (at->is_object() && at->contains(key)) {
      at = &(*at)[key];
    } else {
      return nullptr;
    }
    from = dot + 1;
  }
  return at;
}

/// A chance as the report shows it (data-format="chance"): 0% and 100% only when it is so, "<1%"
/// and ">99%" near them, else the whole percentage. Written here from the rule, not from the
/// report's code, so that the check is independent of it.
inline std::string expected_chance(double p) {
  if (p == 0) return "0%";
  if (p == 1) return "100%";
  const double percent = std::round(100.0 * p);
  if (percent < 1) return "<1%";
  if (percent > 99) return ">99%";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", percent);
  return buffer;
}

/// Every disagreement between the marked elements and the JSON, one a line; empty: they agree.
/// A number must equal the JSON number exactly and be shown with thousands separators (rounded),
/// as a percentage ("percent", 4 significant digits; "whole-percent", rounded half away from
/// zero), as a chance ("chance", see expected_chance) or as it is ("plain"); a date must be in
/// data-value and datetime; a name must be shown as it is; a JSON null is data-value "null".
inline std::string compare_with_json(const std::vector<Marked>& marked,
                                     const nlohmann::json& summary) {
  std::string problems;
  const auto problem = [&](const Marked& m, const std::string& what) {
    problems += m.json + (m.id.empty() ? "" : " (#" + m.id + ")") + ": " + what + "\n";
  };
  for (const Marked& m : marked) {
    const nlohmann::json* value = json_at(summary, m.json);
    if (value == nullptr) {
      problem(m, "no such field in summary.json");
      continue;
    }
    if (value->is_null()) {
      if (m.value != "null") problem(m, "JSON is null, data-value is '" + m.value + "'");
    } else if (value->is_number()) {
      const double json_number = value->get<double>();
      char* end = nullptr;
      const double shown = std::strtod(m.value.c_str(), &end);
      if (m.value.empty() || *end != '\0' || shown != json_number) {
        problem(m, "JSON " + value->dump() + ", data-value '" + m.value + "'");
        continue;
      }
      std::string expected;
      if (m.format == "percent") {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.4g%%", 100.0 * json_number);
        expected = buffer;
      } else if (m.format == "whole-percent") {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.0f%%", std::round(100.0 * json_number));
        expected = buffer;
      } else if (m.format == "chance") {
        expected = expected_chance(json_number);
      } else if (m.format == "plain") {
        expected = value->dump();
      } else {
        expected = vaxsim::report::with_thousands(json_number);
      }
      if (m.text != expected) problem(m, "shown as '" + m.text + "', expected '" + expected + "'");
    } else if (value->is_string()) {
      const std::string s = value->get<std::string>();
      if (m.value != s) problem(m, "JSON \"" + s + "\", data-value '" + m.value + "'");
      if (!m.datetime.empty() && m.datetime != s) problem(m, "datetime '" + m.datetime + "'");
      if (m.datetime.empty() && m.text != s) problem(m, "shown as '" + m.text + "'");
    } else if (value->is_boolean()) {
      if (m.value != (value->get<bool>() ? "true" : "false")) problem(m, "boolean differs");
    } else {
      problem(m, "points at an object or array, not a value");
    }
  }
  return problems;
}

}  // namespace vaxsim::test
