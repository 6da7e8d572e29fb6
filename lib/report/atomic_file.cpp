#include "vaxsim/report/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <system_error>

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

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
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
  TempFile temp(temp_path, fd);

  const char* data = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    const ::ssize_t written = ::write(temp.fd(), data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      fail(path, "write failed", errno);
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  if (::fsync(temp.fd()) != 0) fail(path, "flush to disk failed", errno);
  if (const int error = temp.close(); error != 0) fail(path, "close failed", error);

  std::error_code ec;
  std::filesystem::rename(temp_path, path, ec);
  if (ec) {
    throw std::runtime_error("cannot write " + path.string() + ": rename from " +
                             temp_path.string() + " failed: " + ec.message());
  }
  temp.release();
}

}  // namespace vaxsim::report
