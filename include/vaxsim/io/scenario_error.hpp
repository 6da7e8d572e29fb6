#pragma once
// The one error a scenario file can cause: where it is, which field, and what is wrong.

#include <stdexcept>
#include <string>

namespace vaxsim::io {

class ScenarioError : public std::runtime_error {
 public:
  /// line and column are 1-based; 0 when unknown (a missing file has neither).
  ScenarioError(std::string file, int line, int column, std::string field, std::string message)
      : std::runtime_error(format(file, line, column, field, message)),
        file_(std::move(file)),
        line_(line),
        column_(column),
        field_(std::move(field)),
        message_(std::move(message)) {}

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  /// A path such as "sites[2].hours[0].close"; empty for the file as a whole.
  const std::string& field() const { return field_; }
  const std::string& message() const { return message_; }

  /// "file:line:col: field: message", leaving out the parts that are unknown.
  static std::string format(const std::string& file, int line, int column, const std::string& field,
                            const std::string& message) {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
    out += ": ";
    if (!field.empty()) out += printable(field) + ": ";
    return out + printable(message);
  }

  /// `text` with control bytes written as \xNN: a message quoting a binary file's junk must not
  /// echo raw bytes to the terminal.
  static std::string printable(const std::string& text) {
    std::string out;
    for (const char ch : text) {
      const auto byte = static_cast<unsigned char>(ch);
      if (byte < 0x20 || byte == 0x7f) {
        constexpr char kHex[] = "0123456789abcdef";
        out += {'\\', 'x', kHex[byte >> 4], kHex[byte & 15]};
      } else {
        out += ch;
      }
    }
    return out;
  }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string field_;
  std::string message_;
};

}  // namespace vaxsim::io
