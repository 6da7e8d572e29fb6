#pragma once
// Writing an output file so that a reader sees either the old file or the complete new one,
// never a half-written file, even if the program is killed or the disk fills up mid-write.

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace vaxsim::report {

/// Writes `contents` to `path` atomically: the bytes go to a new temporary file in the same
/// directory (".<name>.tmp-<pid>-<n>"), which is flushed to disk and closed, every step checked,
/// and then renamed over `path` (replacing an existing file). On any failure the temporary file
/// is removed, `path` is left as it was, and std::runtime_error is thrown naming `path` and the
/// reason. The directory must exist; this function does not create it.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

/// One file of a group of outputs.
struct OutputFile {
  std::filesystem::path path;
  std::string_view contents;
};

/// The files of one output (a run's four) as a group: each is written to its temporary file
/// first, and only when all are on disk are they renamed into place, so that they appear
/// together or not at all. A target that is a directory is refused before anything is written;
/// if a rename still fails, the new files already renamed are removed. Throws
/// std::runtime_error as write_file_atomically does.
void write_files_atomically(std::span<const OutputFile> files);

/// Checks, before a long run, that `dir` can take the files `names`: it is a writable
/// directory, or it can be created (the nearest part of its path that exists is a writable
/// directory), and none of `names` is a directory there. Creates nothing; throws
/// std::runtime_error ("cannot write to DIR: why").
void check_output_dir(const std::filesystem::path& dir, std::span<const std::string> names);

}  // namespace vaxsim::report
