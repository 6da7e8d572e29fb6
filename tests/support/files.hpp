#pragma once
// Files for the tests: the repository's own (scenarios/, tests/support/two-towns.yaml, ...),
// whole files read back, and a fresh temporary folder for each test.

#include <filesystem>
#include <string>
#include <vector>

namespace vaxsim::test {

/// The repository's root: $VAXSIM_SOURCE_DIR if set, else the folder the tests were built from.
std::filesystem::path source_dir();

/// A file of the repository, by its path from the root ("scenarios/shanxi-2021-june.yaml").
std::filesystem::path source_file(const std::string& relative);

/// The whole file, byte for byte; empty if it cannot be read.
std::string read_file(const std::filesystem::path& path);

/// A fresh empty folder for the running test, in the system's temporary folder and named after
/// the test and this process; removed with everything in it when the TempFolder goes, unless
/// keep() was called.
class TempFolder {
 public:
  TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  ~TempFolder();

  const std::filesystem::path& path() const { return path_; }
  /// The names of what is in it, sorted.
  std::vector<std::string> entries() const;
  /// Leaves the folder in place, for a look after a failure.
  void keep() { keep_ = true; }

 private:
  std::filesystem::path path_;
  bool keep_ = false;
};

}  // namespace vaxsim::test
