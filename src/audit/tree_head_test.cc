#include "audit/tree_head.h"

#include <gtest/gtest.h>

#include "audit/merkle.h"
#include "audit/verifier.h"
#include "crypto/random.h"

namespace tb::audit {
namespace {

TEST(TreeHead, SignedBytesHaveTheDocumentedLayout) {
  TreeHead head;
  head.size = 0x0102;
  head.at = Timestamp::FromMicros(0x0304);
  head.root.fill(0xab);
  const std::vector<std::uint8_t> bytes = SignedBytes(head);
  ASSERT_EQ(bytes.size(), kSignedTreeHeadBytes);
  std::string root_hex;
  for (int i = 0; i < 32; ++i) root_hex += "ab";
  EXPECT_EQ(crypto::HexEncode(bytes),
            "5442535448"        // "TBSTH"
            "01"                // version
            "0000000000000102"  // size
            "0000000000000304"  // at (µs)
                + root_hex);
}

TEST(TreeHead, VerifiesWithItsKeyOnlyAndRejectsAnyChange) {
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  const TreeHead head = SignTreeHead(7, LeafHash(std::vector<std::uint8_t>{1}),
                                     Timestamp::FromSeconds(1'800'000'000), key);
  EXPECT_TRUE(VerifyTreeHead(head, key.public_key()));
  EXPECT_FALSE(VerifyTreeHead(head, crypto::SigningKey::Generate().public_key()));

  TreeHead changed = head;
  changed.size = 8;
  EXPECT_FALSE(VerifyTreeHead(changed, key.public_key()));
  changed = head;
  changed.at = head.at + std::chrono::microseconds(1);
  EXPECT_FALSE(VerifyTreeHead(changed, key.public_key()));
  for (std::size_t i = 0; i < 32; ++i) {
    changed = head;
    changed.root[i] ^= 1;
    EXPECT_FALSE(VerifyTreeHead(changed, key.public_key())) << "root byte " << i;
  }
  for (std::size_t i = 0; i < 64; ++i) {
    changed = head;
    changed.signature[i] ^= 1;
    EXPECT_FALSE(VerifyTreeHead(changed, key.public_key())) << "signature byte " << i;
  }
  changed = head;
  changed.size = -1;
  EXPECT_FALSE(VerifyTreeHead(changed, key.public_key()));
}

TEST(TreeHead, ASignatureOverOtherBytesIsNeverAHeadSignature) {
  // The same key signs receipts: a signature over anything without the "TBSTH" prefix must
  // not verify as a head even when the rest of the bytes coincide.
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  TreeHead head;
  head.size = 1;
  std::vector<std::uint8_t> other = SignedBytes(head);
  other[0] = 'X';
  head.signature = key.Sign(other);
  EXPECT_FALSE(VerifyTreeHead(head, key.public_key()));
}

}  // namespace
}  // namespace tb::audit
