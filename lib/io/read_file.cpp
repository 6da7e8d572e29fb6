// Reading an input file whole (read_file.hpp): one set of messages for every file vaxsim reads.

#include "read_file.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include "vaxsim/io/scenario_error.hpp"

namespace vaxsim::io::detail {

std::string read_whole_file(const std::filesystem::path& file, std::string_view what) {
  const std::string name = file.string();
  const std::string cannot = "cannot read " + std::string(what) + ": ";
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (!std::filesystem::exists(status))
    throw ScenarioError(name, 0, 0, "", cannot + "no such file");
  if (std::filesystem::is_directory(status)) {
    throw ScenarioError(name, 0, 0, "", cannot + "it is a directory");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError(name, 0, 0, "", cannot + "cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ScenarioError(name, 0, 0, "", cannot + "read error");
  return text.str();
}

}  // namespace vaxsim::io::detail
