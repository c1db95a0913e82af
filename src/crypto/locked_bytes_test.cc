// CR-03 (b): secret buffers are zero when released. What is checked: LockedBytes' test hook is
// called by Wipe() after sodium_memzero and before sodium_free, and reads the very bytes that
// are about to be freed; the tests match those reads to the address of the buffer that held
// the key. What is not checked: copies a compiler or library might make elsewhere (the
// secretstream state and libgfshare's context are wiped by libsodium and libgfshare).
#include "crypto/locked_bytes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "crypto/envelope.h"
#include "crypto/key_ceremony.h"
#include "crypto/sealing.h"
#include "crypto/shamir.h"

namespace tb::crypto {
namespace {

struct ReleasedBuffer {
  const std::uint8_t* address = nullptr;
  std::size_t size = 0;
  bool all_zero = false;
};

std::vector<ReleasedBuffer>& Released() {
  static std::vector<ReleasedBuffer> released;
  return released;
}

void RecordRelease(const std::uint8_t* data, std::size_t size) {
  Released().push_back(
      {data, size, std::all_of(data, data + size, [](std::uint8_t b) { return b == 0; })});
}

class LockedBytesTest : public testing::Test {
 protected:
  void SetUp() override {
    Released().clear();
    LockedBytes::SetWipeObserverForTesting(&RecordRelease);
  }
  void TearDown() override { LockedBytes::SetWipeObserverForTesting(nullptr); }

  static const ReleasedBuffer* FindRelease(const std::uint8_t* address) {
    for (const ReleasedBuffer& buffer : Released()) {
      if (buffer.address == address) return &buffer;
    }
    return nullptr;
  }
};

TEST_F(LockedBytesTest, StartsZeroed) {
  LockedBytes bytes(64);
  ASSERT_EQ(bytes.size(), 64u);
  EXPECT_TRUE(std::all_of(bytes.data(), bytes.data() + 64, [](std::uint8_t b) { return b == 0; }));
}

TEST_F(LockedBytesTest, DestructorZeroesTheBufferBeforeFreeingIt) {
  const std::uint8_t* address = nullptr;
  {
    LockedBytes secret(32);
    std::fill(secret.data(), secret.data() + 32, 0xA5);
    address = secret.data();
  }
  const ReleasedBuffer* released = FindRelease(address);
  ASSERT_NE(released, nullptr) << "the buffer was freed without passing through Wipe()";
  EXPECT_EQ(released->size, 32u);
  EXPECT_TRUE(released->all_zero);
}

TEST_F(LockedBytesTest, MoveTransfersTheBufferAndEmptiesTheSource) {
  LockedBytes first(16);
  first.data()[0] = 7;
  const std::uint8_t* address = first.data();
  LockedBytes second(std::move(first));
  EXPECT_EQ(second.data(), address);
  EXPECT_EQ(second.data()[0], 7);
  EXPECT_EQ(first.data(), nullptr);  // NOLINT(bugprone-use-after-move): checking the source
  EXPECT_EQ(first.size(), 0u);
  EXPECT_EQ(FindRelease(address), nullptr) << "a move must not free the buffer";
}

TEST_F(LockedBytesTest, MoveAssignmentWipesTheBufferItReplaces) {
  LockedBytes target(8);
  std::fill(target.data(), target.data() + 8, 0xFF);
  const std::uint8_t* replaced = target.data();
  target = LockedBytes(4);
  const ReleasedBuffer* released = FindRelease(replaced);
  ASSERT_NE(released, nullptr);
  EXPECT_TRUE(released->all_zero);
  EXPECT_EQ(target.size(), 4u);
}

TEST_F(LockedBytesTest, WipeIsIdempotent) {
  LockedBytes bytes(8);
  bytes.Wipe();
  bytes.Wipe();
  EXPECT_EQ(bytes.data(), nullptr);
  EXPECT_EQ(Released().size(), 1u);
}

// CR-03 (b) on the opening path: shares recombined into locked memory, the envelope opened
// with it, and the key buffer zero when it is released.
TEST_F(LockedBytesTest, RecombinedEnvelopeKeyIsZeroAfterOpening) {
  X25519KeyPair member_a = GenerateX25519KeyPair();
  X25519KeyPair member_b = GenerateX25519KeyPair();
  X25519KeyPair member_c = GenerateX25519KeyPair();
  const CommitteeMemberKey members[] = {
      {1, member_a.public_key}, {2, member_b.public_key}, {3, member_c.public_key}};
  Result<EnvelopeKeyShares> ceremony = GenerateEnvelopeKeyShares(2, members);
  ASSERT_TRUE(ceremony.ok()) << ceremony.status().ToString();
  const EnvelopeBinding binding{"ocds-tb0001-000-00007", EnvelopeKind::kTechnical, "bid-1"};
  const PlainFile files[] = {{"offer.txt", {'s', 'e', 'a', 'l', 'e', 'd'}}};
  Result<std::vector<std::uint8_t>> envelope =
      SealEnvelope(binding, ceremony->public_key, files, std::nullopt);
  ASSERT_TRUE(envelope.ok());

  Result<LockedBytes> share_a =
      OpenSealed(member_a.public_key, member_a.secret_key.span(), ceremony->shares[0].sealed_share);
  Result<LockedBytes> share_c =
      OpenSealed(member_c.public_key, member_c.secret_key.span(), ceremony->shares[2].sealed_share);
  ASSERT_TRUE(share_a.ok() && share_c.ok());
  const std::vector<std::vector<std::uint8_t>> shares = {
      {share_a->data(), share_a->data() + share_a->size()},
      {share_c->data(), share_c->data() + share_c->size()}};

  const std::uint8_t* key_address = nullptr;
  {
    Result<LockedBytes> key = RecombineEnvelopeKey(shares, ceremony->public_key);
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    key_address = key->data();
    Result<EnvelopeContents> opened = OpenEnvelope(*envelope, binding, key->span());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    EXPECT_EQ(opened->files.at(0).content, files[0].content);
    EXPECT_EQ(FindRelease(key_address), nullptr) << "released while still in use";
  }
  const ReleasedBuffer* released = FindRelease(key_address);
  ASSERT_NE(released, nullptr) << "the recombined key was not released through Wipe()";
  EXPECT_EQ(released->size, 32u);
  EXPECT_TRUE(released->all_zero) << "key bytes left in memory after the opening";
}

}  // namespace
}  // namespace tb::crypto
