// YAML syntax errors in a planner's words (yaml_words.hpp).

#include "yaml_words.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vaxsim/io/scenario_error.hpp"

namespace vaxsim::io::detail {
namespace {

struct Place {
  int line = 0;
  int column = 0;
};

// The lines of the text up to and including line `last` (1-based), without their ends.
std::vector<std::string_view> lines_up_to(std::string_view text, int last) {
  std::vector<std::string_view> lines;
  while (static_cast<int>(lines.size()) < last && !text.empty()) {
    const std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// The first line whose indentation holds a tab: YAML indents with spaces only.
std::optional<Place> tab_in_indentation(const std::vector<std::string_view>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view l = lines[i];
    const std::size_t first = l.find_first_not_of(" \t");
    const std::size_t tab = l.substr(0, first).find('\t');
    if (tab != std::string_view::npos)
      return Place{static_cast<int>(i) + 1, static_cast<int>(tab) + 1};
  }
  return std::nullopt;
}

// Quotes and brackets of one line, outside comments: the first quote left open on its line, or
// the brackets left open at the end of the text scanned.
struct Scan {
  std::optional<Place> open_quote;
  std::vector<std::pair<char, Place>> brackets;  // still open, innermost last
};

Scan scan(const std::vector<std::string_view>& lines) {
  Scan s;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view l = lines[i];
    char quote = 0;
    Place quote_at;
    for (std::size_t k = 0; k < l.size(); ++k) {
      const char ch = l[k];
      const Place here{static_cast<int>(i) + 1, static_cast<int>(k) + 1};
      if (quote == '"') {
        if (ch == '\\') {
          ++k;
        } else if (ch == '"') {
          quote = 0;
        }
        continue;
      }
      if (quote == '\'') {
        if (ch == '\'') quote = 0;
        continue;
      }
      const bool starts_value =
          k == 0 || l[k - 1] == ' ' || l[k - 1] == '[' || l[k - 1] == '{' || l[k - 1] == ',';
      if (ch == '#' && (k == 0 || l[k - 1] == ' ')) break;
      if (ch == '"' || (ch == '\'' && starts_value)) {
        quote = ch;
        quote_at = here;
      } else if (ch == '[' || ch == '{') {
        s.brackets.emplace_back(ch, here);
      } else if ((ch == ']' || ch == '}') && !s.brackets.empty()) {
        s.brackets.pop_back();
      }
    }
    if (quote != 0 && !s.open_quote) s.open_quote = quote_at;
  }
  return s;
}

// yaml-cpp 0.7 loops without end, taking memory, on a ',' in a document's root context: as the
// document's first token, or after the [list], {map} or quoted text that makes the whole
// document (found by fuzzing). Such a document is refused before yaml-cpp parses it. A document
// starts the text or follows a `---` or `...` line; blank, comment and directive lines, anchors
// (&a) and tags (!t) may come first. A root that is a block map or list (every scenario) or plain
// text is left to yaml-cpp.
void check_document_roots(std::string_view yaml, const std::string& file_name) {
  enum class State { start, block, flow_root, after_root };
  State state = State::start;
  int depth = 0;   // of brackets in a flow root
  char quote = 0;  // the quote a flow root is in, if any
  const auto refuse = [&](int line, std::size_t k, const std::string& message) {
    throw ScenarioError(file_name, line, static_cast<int>(k) + 1, "", message);
  };
  int line = 0;
  while (!yaml.empty()) {
    ++line;
    const std::size_t end = yaml.find('\n');
    const std::string_view l = yaml.substr(0, end);
    yaml.remove_prefix(end == std::string_view::npos ? yaml.size() : end + 1);
    std::size_t k = 0;
    if (l.starts_with("---") || l.starts_with("...")) {
      state = State::start;
      depth = 0;
      quote = 0;
      k = 3;
    } else if (state == State::start && l.starts_with('%')) {
      continue;
    }
    for (; k < l.size() && state != State::block; ++k) {
      const char ch = l[k];
      const bool blank = ch == ' ' || ch == '\t' || ch == '\r';
      const bool comment = ch == '#' && (k == 0 || l[k - 1] == ' ' || l[k - 1] == '\t');
      if (state == State::flow_root) {
        if (quote == '"') {
          if (ch == '\\') {
            ++k;
          } else if (ch == '"') {
            quote = 0;
          }
        } else if (quote == '\'') {
          if (ch == '\'' && k + 1 < l.size() && l[k + 1] == '\'') {
            ++k;  // '' is a quote inside single quotes
          } else if (ch == '\'') {
            quote = 0;
          }
        } else if (comment) {
          break;
        } else if (ch == '"' || ch == '\'') {
          quote = ch;
        } else if (ch == '[' || ch == '{') {
          ++depth;
        } else if (ch == ']' || ch == '}') {
          --depth;
        }
        if (quote == 0 && depth <= 0) state = State::after_root;
        continue;
      }
      if (blank) continue;
      if (comment) break;
      if (state == State::after_root) {
        refuse(line, k,
               "more after the list, map or quoted text that is the whole document: a scenario "
               "is a map of keys, one per line");
      }
      if (ch == '&' || ch == '!') {  // an anchor or a tag: the content follows it
        k = std::min(l.find_first_of(" \t", k), l.size());
        continue;
      }
      if (ch == ',') {
        refuse(line, k,
               "a ',' where the scenario starts: a comma only separates the entries of a [list] "
               "or a {map}");
      }
      if (ch == '[' || ch == '{') {
        state = State::flow_root;
        depth = 1;
      } else if (ch == '"' || ch == '\'') {
        state = State::flow_root;
        quote = ch;
      } else {
        state = State::block;
      }
    }
  }
}

}  // namespace

void refuse_what_yaml_cpp_cannot_take(std::string_view yaml, const std::string& file_name) {
  // YAML is text: control bytes other than tab and line ends are not allowed in it, and
  // yaml-cpp 0.7 can loop without end on some of them (NUL, found by fuzzing). Refused first.
  int line = 1;
  int column = 1;
  for (const char ch : yaml) {
    const auto byte = static_cast<unsigned char>(ch);
    if ((byte < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || byte == 0x7f) {
      throw ScenarioError(file_name, line, column, "",
                          "a control byte (" + ScenarioError::printable(std::string(1, ch)) +
                              ") where text is expected: is this a scenario file?");
    }
    if (ch == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  check_document_roots(yaml, file_name);
}

YamlFault explain_yaml_error(std::string_view text, const YAML::Exception& e) {
  const int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
  const int column = e.mark.column >= 0 ? e.mark.column + 1 : 0;
  const std::string& msg = e.msg;
  const std::vector<std::string_view> lines = lines_up_to(text, line > 0 ? line : 1 << 30);

  if (const auto tab = tab_in_indentation(lines)) {
    return {tab->line, tab->column,
            "a tab in the indentation: YAML indents with spaces only (replace the tab by spaces)"};
  }
  const Scan s = scan(lines);
  if (s.open_quote) {
    return {s.open_quote->line, s.open_quote->column,
            "this quote is not closed on its line (a text in quotes ends with the same quote)"};
  }
  const bool flow_list = msg == "end of sequence flow not found";
  const bool flow_map = msg == "end of map flow not found";
  if ((flow_list || flow_map) && !s.brackets.empty()) {
    const auto& [bracket, at] = s.brackets.back();
    return {at.line, at.column,
            bracket == '[' ? "this '[' is not closed with ']' (a list in brackets ends on ']')"
                           : "this '{' is not closed with '}' (a map in braces ends on '}')"};
  }
  if (msg == "bad file") {  // yaml-cpp's word for a document nested beyond its depth limit
    return {line, column, "nested too deeply (hundreds of levels of brackets or indentation)"};
  }
  if (msg == "end of map not found" || msg == "end of sequence not found") {
    return {line, column,
            "the indentation does not line up here: this line is not a key or list item ('- ') "
            "at the level of the lines around it"};
  }
  if (msg == "illegal map value") {
    return {line, column,
            "unexpected ':' here: a line indented more than a key's value allows, or a text "
            "holding ': ' (quote it)"};
  }
  if (msg == "illegal EOF in scalar" || msg == "illegal EOF in quoted scalar") {
    return {line, column, "the file ends inside a text in quotes: a quote is not closed"};
  }
  if (msg.rfind("unknown escape character: ", 0) == 0) {
    return {line, column,
            "unknown escape '\\" + msg.substr(26) +
                "' in a text in double quotes (write '\\\\' for a backslash, or use single "
                "quotes)"};
  }
  if (msg == "the referenced anchor is not defined") {
    return {line, column, "'*' refers to an anchor ('&name') that is not defined before it"};
  }
  return {line, column, "malformed YAML: " + msg};
}

}  // namespace vaxsim::io::detail
