#include "audit/entry.h"

#include <gtest/gtest.h>

#include "audit/verifier.h"
#include "crypto/random.h"

namespace tb::audit {
namespace {

Entry BidReceived() {
  Entry e;
  e.kind = "bid.received";
  e.at = Timestamp::FromMicros(1'767'225'600'123'456);
  e.actor = "user:12";
  e.subject = "bid:9f3c";
  e.fields = {{"tender", "ocds-tbrdg1-000001"}, {"envelope", "technical"}};
  return e;
}

// The byte layout of docs/audit-log.md, spelled out: a change to the encoding breaks this test.
TEST(AuditEntry, EncodesTheDocumentedLayout) {
  Entry e;
  e.kind = "a.b";
  e.at = Timestamp::FromMicros(258);
  e.actor = "u";
  e.subject = "";
  e.fields = {{"k", "vv"}};
  EXPECT_EQ(crypto::HexEncode(Encode(e)),
            "01"                // version
            "00000003612e62"    // kind "a.b"
            "0000000000000102"  // at = 258 µs
            "0000000175"        // actor "u"
            "00000000"          // subject ""
            "00000001"          // one field
            "000000016b"        // key "k"
            "000000027676");    // value "vv"
}

TEST(AuditEntry, RoundTripsAndEncodesNegativeTimesAsTwosComplement) {
  Entry e = BidReceived();
  Result<Entry> back = Decode(Encode(e));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, e);
  e.at = Timestamp::FromMicros(-1);
  e.fields.clear();
  e.actor.clear();
  const std::vector<std::uint8_t> bytes = Encode(e);
  EXPECT_EQ(crypto::HexEncode(std::span(bytes).subspan(1 + 4 + e.kind.size(), 8)),
            "ffffffffffffffff");
  back = Decode(bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, e);
}

TEST(AuditEntry, DecodeRejectsEveryTruncationAndAnyTrailingByte) {
  const std::vector<std::uint8_t> bytes = Encode(BidReceived());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(Decode(std::span(bytes.data(), n)).ok()) << "prefix of " << n << " bytes";
  }
  std::vector<std::uint8_t> longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(Decode(longer).ok());
}

TEST(AuditEntry, DecodeRejectsOtherVersionsAndLengthsThatDoNotFit) {
  std::vector<std::uint8_t> bytes = Encode(BidReceived());
  bytes[0] = 2;
  Result<Entry> r = Decode(bytes);
  EXPECT_EQ(r.status().field(), "version");
  bytes[0] = 1;
  bytes[4] += 1;  // kind length one too long: swallows the first byte of the time
  EXPECT_FALSE(Decode(bytes).ok());
  bytes = Encode(BidReceived());
  bytes[1] = 0x80;  // kind length beyond the limit
  EXPECT_FALSE(Decode(bytes).ok());
}

TEST(AuditEntry, EveryAcceptedSingleByteChangeReEncodesToTheSameBytes) {
  const std::vector<std::uint8_t> bytes = Encode(BidReceived());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::vector<std::uint8_t> changed = bytes;
      changed[i] ^= static_cast<std::uint8_t>(1 << bit);
      Result<Entry> r = Decode(changed);
      if (r.ok()) {
        EXPECT_EQ(Encode(*r), changed) << "byte " << i << " bit " << bit;
        EXPECT_NE(*r, BidReceived());
      }
    }
  }
}

TEST(AuditEntry, ValidateNamesTheOffendingPart) {
  struct Case {
    std::function<void(Entry&)> change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](Entry& e) { e.kind = ""; }, "kind"},
      {[](Entry& e) { e.kind = "Tender.Published"; }, "kind"},
      {[](Entry& e) { e.kind = "tender..published"; }, "kind"},
      {[](Entry& e) { e.kind = "tender."; }, "kind"},
      {[](Entry& e) { e.kind = "1tender"; }, "kind"},
      {[](Entry& e) { e.kind = std::string(65, 'a'); }, "kind"},
      {[](Entry& e) { e.actor = std::string(257, 'a'); }, "actor"},
      {[](Entry& e) { e.subject = "bid:\xff"; }, "subject"},
      {[](Entry& e) {
         e.fields.push_back({"", "x"});
       },
       "fields[2].key"},
      {[](Entry& e) { e.fields[1].second = std::string(16 * 1024 + 1, 'x'); }, "fields[1].value"},
      {[](Entry& e) {
         e.fields.assign(257, {"k", "v"});
       },
       "fields"},
      {[](Entry& e) {
         e.fields.assign(5, {"k", std::string(16 * 1024, 'v')});
       },
       "fields"},
  };
  EXPECT_TRUE(Validate(BidReceived()).ok());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(i);
    Entry e = BidReceived();
    cases[i].change(e);
    const Status s = Validate(e);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.field(), cases[i].field) << s.ToString();
    EXPECT_FALSE(Decode(Encode(e)).ok()) << "Decode enforces the same limits";
  }
}

}  // namespace
}  // namespace tb::audit
