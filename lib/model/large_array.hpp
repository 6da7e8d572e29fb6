#pragma once
// Memory for the campaign's largest structure, the lists of people due for a second dose (an
// entry per person): backed by 2 MiB pages where the system allows it (Linux, transparent huge
// pages in `madvise` mode, Debian's default). They hold a hundred megabytes or more; with 4 KiB
// pages every first touch is a page fault and many reads a TLB miss as well.

#include <cstddef>
#include <cstdlib>
#include <memory_resource>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace vaxsim::model::detail {

inline constexpr std::size_t kHugePage = std::size_t{2} << 20;

/// `bytes` of memory, on huge pages when it is at least one huge page.
inline void* allocate_large(std::size_t bytes) {
  if (bytes < kHugePage) return ::operator new(bytes);
  const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (p == nullptr) throw std::bad_alloc{};
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  ::madvise(p, rounded, MADV_HUGEPAGE);  // a hint: without it, ordinary pages
#endif
  return p;
}

inline void deallocate_large(void* p, std::size_t bytes) noexcept {
  if (bytes < kHugePage) {
    ::operator delete(p);
  } else {
    std::free(p);
  }
}

/// Memory for a pool of blocks: the chunks a std::pmr pool takes from it, on huge pages.
class LargeChunkResource final : public std::pmr::memory_resource {
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    if (bytes >= kHugePage && alignment <= kHugePage) return allocate_large(bytes);
    return ::operator new (bytes, std::align_val_t{alignment});
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    if (bytes >= kHugePage && alignment <= kHugePage) {
      deallocate_large(p, bytes);
    } else {
      ::operator delete (p, bytes, std::align_val_t{alignment});
    }
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }
};

}  // namespace vaxsim::model::detail
