#pragma once
// Private to vaxsim_io: a whole input file as text, or a ScenarioError without a position that
// says what was being read and why it could not be (no such file, a directory, unreadable).

#include <filesystem>
#include <string>
#include <string_view>

namespace vaxsim::io::detail {

/// The bytes of `file`; `what` names it in messages ("the scenario", "the observed progress").
std::string read_whole_file(const std::filesystem::path& file, std::string_view what);

}  // namespace vaxsim::io::detail
