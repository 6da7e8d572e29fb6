#pragma once
// Writing an output file so that a reader sees either the old file or the complete new one,
// never a half-written file, even if the program is killed or the disk fills up mid-write.

#include <filesystem>
#include <string_view>

namespace vaxsim::report {

/// Writes `contents` to `path` atomically: the bytes go to a new temporary file in the same
/// directory (".<name>.tmp-<pid>-<n>"), which is flushed to disk and closed, every step checked,
/// and then renamed over `path` (replacing an existing file). On any failure the temporary file
/// is removed, `path` is left as it was, and std::runtime_error is thrown naming `path` and the
/// reason. The directory must exist; this function does not create it.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace vaxsim::report
