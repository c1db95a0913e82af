#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tb::crypto {

// Secret bytes in memory that is locked against swapping (sodium_malloc: guard pages,
// mlock) and wiped with sodium_memzero when released (SECURITY.md CR-03). Move-only.
class LockedBytes {
 public:
  LockedBytes() = default;
  // `size` zero bytes. Aborts when locked memory cannot be had (secrets never go to the
  // ordinary heap instead).
  explicit LockedBytes(std::size_t size);
  ~LockedBytes();
  LockedBytes(LockedBytes&& other) noexcept;
  LockedBytes& operator=(LockedBytes&& other) noexcept;
  LockedBytes(const LockedBytes&) = delete;
  LockedBytes& operator=(const LockedBytes&) = delete;

  std::uint8_t* data() { return data_; }
  const std::uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }
  std::span<const std::uint8_t> span() const { return {data_, size_}; }
  std::span<std::uint8_t> mutable_span() { return {data_, size_}; }

  // Wipes and frees now (the destructor does the same).
  void Wipe();

  // Test hook for CR-03: when set, Wipe() calls `observer` with the buffer after zeroing it
  // and before sodium_free, so a test can read exactly what is left in that memory. Null by
  // default; not for production code.
  using WipeObserver = void (*)(const std::uint8_t* data, std::size_t size);
  static void SetWipeObserverForTesting(WipeObserver observer);

 private:
  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace tb::crypto
