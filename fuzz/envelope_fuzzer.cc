// libFuzzer target fuzz_envelope (SECURITY.md §4): the sealed-bid envelope framing and opening.
// Every input goes through InspectEnvelope and OpenEnvelope with a fixed key. Property: the one
// envelope sealed at start-up opens, and no other input does ("never decrypts a modified
// envelope"); AddressSanitizer watches for over-reads on the length fields.
//
// libsodium's random generator is replaced by a fixed ChaCha20 stream before sodium_init, so
// the start-up envelope is the same bytes on every run; fuzz/corpus/envelope/reference.env is
// that envelope (write it again with TB_ENVELOPE_FUZZ_WRITE_SEED=PATH if the format changes).
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <span>
#include <vector>

#include "crypto/envelope.h"
#include "crypto/sealing.h"

namespace {

// A deterministic randombytes implementation: a ChaCha20 keystream under a fixed key, one
// nonce per call. For this fuzz target only.
std::uint64_t stream_counter = 0;
const unsigned char kStreamKey[crypto_stream_chacha20_KEYBYTES] = {'t', 'b', '-', 'f', 'u', 'z',
                                                                   'z', '-', 'e', 'n', 'v'};

void DeterministicBuffer(void* const buffer, const std::size_t size) {
  unsigned char nonce[crypto_stream_chacha20_NONCEBYTES] = {};
  std::memcpy(nonce, &stream_counter, sizeof stream_counter);
  ++stream_counter;
  crypto_stream_chacha20(static_cast<unsigned char*>(buffer), size, nonce, kStreamKey);
}

std::uint32_t DeterministicRandom() {
  std::uint32_t value = 0;
  DeterministicBuffer(&value, sizeof value);
  return value;
}

const char* DeterministicName() { return "tb-fuzz-deterministic"; }

randombytes_implementation deterministic_random = {
    &DeterministicName, &DeterministicRandom, nullptr, nullptr, &DeterministicBuffer, nullptr};

const tb::crypto::EnvelopeBinding kBinding{"ocds-fuzz-000-00001",
                                           tb::crypto::EnvelopeKind::kTechnical, "bid-fuzz"};

struct Reference {
  tb::crypto::X25519KeyPair key;
  std::vector<std::uint8_t> envelope;
};

std::optional<Reference> reference;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  randombytes_set_implementation(&deterministic_random);
  if (sodium_init() < 0) std::abort();
  const std::vector<std::uint8_t> seed(32, 0x5A);
  auto key = tb::crypto::X25519KeyPairFromSeed(seed);
  if (!key.ok()) std::abort();
  const std::vector<tb::crypto::PlainFile> files = {
      {"offer.txt", {'4', '0', ' ', 'p', 'u', 'm', 'p', 's'}}, {"empty.txt", {}}};
  auto envelope =
      tb::crypto::SealEnvelope(kBinding, key->public_key, files, tb::Money{12345, "USD"});
  if (!envelope.ok()) std::abort();
  reference.emplace(Reference{std::move(key).value(), std::move(envelope).value()});
  if (const char* path = std::getenv("TB_ENVELOPE_FUZZ_WRITE_SEED")) {
    std::FILE* out = std::fopen(path, "wb");
    if (out == nullptr) std::abort();
    std::fwrite(reference->envelope.data(), 1, reference->envelope.size(), out);
    std::fclose(out);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  auto summary = tb::crypto::InspectEnvelope(input, 1 << 20);
  if (summary.ok() && summary->size != size) __builtin_trap();

  auto opened = tb::crypto::OpenEnvelope(input, kBinding, reference->key.secret_key.span());
  const bool is_reference = size == reference->envelope.size() &&
                            std::memcmp(data, reference->envelope.data(), size) == 0;
  if (is_reference && !opened.ok()) {
    std::fprintf(stderr, "the reference envelope does not open: %s\n",
                 opened.status().ToString().c_str());
    __builtin_trap();
  }
  if (!is_reference && opened.ok()) {
    std::fprintf(stderr, "a modified envelope opened\n");
    __builtin_trap();
  }
  return 0;
}
