#include "crypto/locked_bytes.h"

#include <sodium.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "crypto/internal/sodium_init.h"

namespace tb::crypto {
namespace {

std::atomic<LockedBytes::WipeObserver> wipe_observer{nullptr};

}  // namespace

LockedBytes::LockedBytes(std::size_t size) {
  if (size == 0) return;
  internal::EnsureSodium();
  // sodium_malloc puts guard pages around the buffer and mlocks it (an mlock refused by
  // RLIMIT_MEMLOCK is not an error there); it fails only when the pages cannot be had.
  void* memory = sodium_malloc(size);
  if (memory == nullptr) {
    std::fputs("fatal: no memory for a locked secret buffer\n", stderr);
    std::abort();
  }
  data_ = static_cast<std::uint8_t*>(memory);
  size_ = size;
  sodium_memzero(data_, size_);
}

LockedBytes::~LockedBytes() { Wipe(); }

LockedBytes::LockedBytes(LockedBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

LockedBytes& LockedBytes::operator=(LockedBytes&& other) noexcept {
  if (this != &other) {
    Wipe();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void LockedBytes::Wipe() {
  if (data_ == nullptr) return;
  // sodium_free zeroes too; wiping here first keeps the guarantee visible to the test hook
  // and independent of the allocator.
  sodium_memzero(data_, size_);
  if (WipeObserver observer = wipe_observer.load(std::memory_order_acquire)) {
    observer(data_, size_);
  }
  sodium_free(data_);
  data_ = nullptr;
  size_ = 0;
}

void LockedBytes::SetWipeObserverForTesting(WipeObserver observer) {
  wipe_observer.store(observer, std::memory_order_release);
}

}  // namespace tb::crypto
