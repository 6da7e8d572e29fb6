// The files of one output appear together or not at all (report::write_files_atomically), and
// an output directory is checked before a long run (report::check_output_dir).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/files.hpp"
#include "vaxsim/report/atomic_file.hpp"

namespace {

namespace fs = std::filesystem;
using vaxsim::report::check_output_dir;
using vaxsim::report::OutputFile;
using vaxsim::report::write_files_atomically;

TEST(OutputGroup, WritesEveryFileOfTheGroup) {
  vaxsim::test::TempFolder dir;
  const OutputFile files[] = {{dir.path() / "a.csv", "a\n"}, {dir.path() / "b.json", "{}\n"}};
  write_files_atomically(files);
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"a.csv", "b.json"}));
  EXPECT_EQ(vaxsim::test::read_file(dir.path() / "b.json"), "{}\n");
}

TEST(OutputGroup, ADirectoryInTheWayOfOneFileLeavesNoneWritten) {
  vaxsim::test::TempFolder dir;
  fs::create_directory(dir.path() / "summary.json");
  const OutputFile files[] = {{dir.path() / "city_days.csv", "x\n"},
                              {dir.path() / "summary.json", "{}\n"}};
  EXPECT_THROW(write_files_atomically(files), std::runtime_error);
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"summary.json"})) << "no temporary left";
}

TEST(OutputDirCheck, AcceptsADirectoryToBeCreatedInAWritableOne) {
  vaxsim::test::TempFolder dir;
  const std::vector<std::string> names = {"summary.json"};
  EXPECT_NO_THROW(check_output_dir(dir.path() / "new" / "deeper", names));
  EXPECT_TRUE(dir.entries().empty()) << "the check creates nothing";
}

TEST(OutputDirCheck, RefusesADirectoryUnderAFile) {
  vaxsim::test::TempFolder dir;
  std::ofstream(dir.path() / "file") << "x";
  const std::vector<std::string> names = {"summary.json"};
  try {
    check_output_dir(dir.path() / "file" / "out", names);
    ADD_FAILURE() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("file is a file, not a directory"), std::string::npos)
        << e.what();
  }
}

TEST(OutputDirCheck, RefusesAnOutputNameTakenByADirectory) {
  vaxsim::test::TempFolder dir;
  fs::create_directory(dir.path() / "summary.json");
  const std::vector<std::string> names = {"city_days.csv", "summary.json"};
  EXPECT_THROW(check_output_dir(dir.path(), names), std::runtime_error);
}

}  // namespace
