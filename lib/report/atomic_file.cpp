#include "vaxsim/report/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace vaxsim::report {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what, int error) {
  throw std::runtime_error("cannot write " + path.string() + ": " + what + ": " +
                           std::generic_category().message(error));
}

// A name no other writer in this or another process uses at the same time: the pid tells
// processes apart, the counter threads and calls; O_EXCL below catches anything left over.
std::filesystem::path temporary_name(const std::filesystem::path& path) {
  static std::atomic<unsigned long> counter{0};
  std::filesystem::path temp = path;
  temp.replace_filename("." + path.filename().string() + ".tmp-" +
                        std::to_string(static_cast<long>(::getpid())) + "-" +
                        std::to_string(counter.fetch_add(1)));
  return temp;
}

// Closes the file descriptor and removes the temporary file unless released.
class TempFile {
 public:
  TempFile(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!released_) {
      std::error_code ignored;
      std::filesystem::remove(path_, ignored);
    }
  }

  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }
  /// Closes the descriptor; returns 0 or the errno of a failed close.
  int close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }
  void release() { released_ = true; }

 private:
  std::filesystem::path path_;
  int fd_;
  bool released_ = false;
};

}  // namespace

namespace {

// The contents on disk under a temporary name beside `path`, flushed and closed; removed again
// unless released.
std::unique_ptr<TempFile> write_temporary(const std::filesystem::path& path,
                                          std::string_view contents) {
  if (path.filename().empty()) fail(path, "not a file name", EINVAL);

  std::filesystem::path temp_path;
  int fd = -1;
  for (int attempt = 0; fd < 0; ++attempt) {
    temp_path = temporary_name(path);
    // 0666 less the umask: the same permissions a plain ofstream would give the file.
    fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt >= 100)) {
      fail(path, "cannot create temporary file " + temp_path.string(), errno);
    }
  }
  auto temp = std::make_unique<TempFile>(temp_path, fd);

  const char* data = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    const ::ssize_t written = ::write(temp->fd(), data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      fail(path, "write failed", errno);
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  if (::fsync(temp->fd()) != 0) fail(path, "flush to disk failed", errno);
  if (const int error = temp->close(); error != 0) fail(path, "close failed", error);
  return temp;
}

void rename_into_place(const TempFile& temp, const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::rename(temp.path(), path, ec);
  if (ec) {
    throw std::runtime_error("cannot write " + path.string() + ": rename from " +
                             temp.path().string() + " failed: " + ec.message());
  }
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  const std::unique_ptr<TempFile> temp = write_temporary(path, contents);
  rename_into_place(*temp, path);
  temp->release();
}

void write_files_atomically(std::span<const OutputFile> files) {
  for (const OutputFile& f : files) {
    std::error_code ec;
    if (std::filesystem::is_directory(f.path, ec)) {
      throw std::runtime_error("cannot write " + f.path.string() +
                               ": a directory of that name is in the way");
    }
  }
  std::vector<std::unique_ptr<TempFile>> temps;
  for (const OutputFile& f : files) temps.push_back(write_temporary(f.path, f.contents));
  for (std::size_t i = 0; i < files.size(); ++i) {
    try {
      rename_into_place(*temps[i], files[i].path);
    } catch (...) {
      // Those already renamed go too: a group is whole or absent, never partly new.
      for (std::size_t j = 0; j < i; ++j) {
        std::error_code ignored;
        std::filesystem::remove(files[j].path, ignored);
      }
      throw;
    }
    temps[i]->release();
  }
}

void check_output_dir(const std::filesystem::path& dir, std::span<const std::string> names) {
  namespace fs = std::filesystem;
  const auto refuse = [&](const std::string& why) {
    throw std::runtime_error("cannot write to " + dir.string() + ": " + why);
  };
  if (dir.empty()) refuse("no directory named");
  std::error_code ec;
  // The directory itself, or the nearest part of its path that exists: the one to write into.
  fs::path existing = dir;
  while (!fs::exists(existing, ec)) {
    const fs::path parent = existing.parent_path();
    if (parent.empty() || parent == existing) {
      existing = ".";
      break;
    }
    existing = parent;
  }
  if (!fs::is_directory(existing, ec)) {
    refuse(existing == dir ? "it is a file, not a directory"
                           : existing.string() + " is a file, not a directory");
  }
  if (::access(existing.c_str(), W_OK | X_OK) != 0) {
    refuse((existing == dir ? std::string("it") : existing.string()) +
           " is not writable: " + std::generic_category().message(errno));
  }
  if (existing != dir) return;
  for (const std::string& name : names) {
    if (fs::is_directory(dir / name, ec)) {
      refuse((dir / name).string() + " is a directory, where a file is to be written");
    }
  }
}

}  // namespace vaxsim::report
