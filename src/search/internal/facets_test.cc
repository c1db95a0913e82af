// The facet counter reads one record value per match (kFacetRecordSlot) and falls back to the
// separate slots 0, 3-9 for indexes built before the record existed: both must count the same.
#include "search/internal/facets.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include "search/internal/document_builder.h"
#include "search/internal/layout.h"
#include "search/testing/notice_builder.h"

namespace tb::search::internal {
namespace {

std::vector<std::pair<std::string, std::int64_t>> Pairs(const std::vector<FacetValue>& values) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const FacetValue& v : values) out.emplace_back(v.value, v.count);
  return out;
}

void ExpectSameFacets(const Facets& a, const Facets& b) {
  EXPECT_EQ(Pairs(a.agency), Pairs(b.agency));
  EXPECT_EQ(Pairs(a.type), Pairs(b.type));
  EXPECT_EQ(Pairs(a.language), (std::vector<std::pair<std::string, std::int64_t>>{{"en", 3}, {"fr", 3}}));
  EXPECT_EQ(Pairs(a.segment), (std::vector<std::pair<std::string, std::int64_t>>{{"26", 3}, {"43", 3}}));
  EXPECT_EQ(Pairs(a.region),
            (std::vector<std::pair<std::string, std::int64_t>>{{"americas", 4}, {"africa", 2}, {"europe", 2}}));
  EXPECT_EQ(Pairs(a.country), Pairs(b.country));
  EXPECT_EQ(Pairs(a.region), Pairs(b.region));
  EXPECT_EQ(Pairs(a.segment), Pairs(b.segment));
  EXPECT_EQ(Pairs(a.status), Pairs(b.status));
  EXPECT_EQ(Pairs(a.language), Pairs(b.language));
}

// The same document as an index built before the record existed has it: one facet field per
// slot (3-9) and the deadline in slot 0, made here from the record's fields.
Xapian::Document LegacyDocument(const Xapian::Document& doc) {
  const std::string record = doc.get_value(kFacetRecordSlot);
  std::vector<std::string> f;
  std::size_t begin = 0;
  for (std::size_t end; (end = record.find(kRecordSeparator, begin)) != std::string::npos; begin = end + 1) {
    f.push_back(record.substr(begin, end - begin));
  }
  f.push_back(record.substr(begin));
  EXPECT_EQ(f.size(), 8u);
  f.resize(8);
  Xapian::Document legacy;
  legacy.add_value(kDeadlineSlot, Xapian::sortable_serialise(std::stod(f[0])));
  legacy.add_value(kLifecycleSlot, f[1]);
  legacy.add_value(kAgencySlot, f[2]);
  legacy.add_value(kTypeSlot, f[3]);
  legacy.add_value(kLanguageSlot, f[4]);
  legacy.add_value(kCountriesSlot, f[5]);
  legacy.add_value(kRegionsSlot, f[6]);
  legacy.add_value(kSegmentsSlot, f[7]);
  return legacy;
}

TEST(FacetSpyTest, RecordSlotAndLegacySlotsCountTheSame) {
  const Timestamp now = Timestamp::FromMicros(1'772'323'200'000'000);  // 2026-03-01
  std::vector<Xapian::Document> docs;
  for (int i = 0; i < 6; ++i) {
    notices::Notice n = testing::MakeNotice(
        i + 1, i % 2 == 0 ? "Laptop computers" : "Ordinateurs portables", i % 2 == 0 ? "en" : "fr",
        i < 3 ? "United Nations Development Programme (UNDP)" : "UNICEF",
        {i % 2 == 0 ? "43211503" : "26111607"});
    n.countries = i % 3 == 0 ? std::vector<std::string>{"KE", "FR"} : std::vector<std::string>{"BR"};
    n.deadline = Timestamp::FromMicros(now.micros() + (i - 2) * 3 * 86'400'000'000LL);
    docs.push_back(BuildDocument(n, nullptr));
  }
  FacetSpy with_record(now, 7);
  FacetSpy legacy(now, 7);
  for (Xapian::Document& doc : docs) {
    ASSERT_FALSE(doc.get_value(kFacetRecordSlot).empty());
    EXPECT_TRUE(doc.get_value(kAgencySlot).empty());  // no longer written
    with_record(doc, 1.0);
    legacy(LegacyDocument(doc), 1.0);
  }
  const Facets a = with_record.Result(50);
  ExpectSameFacets(a, legacy.Result(50));
  EXPECT_EQ(Pairs(a.agency), (std::vector<std::pair<std::string, std::int64_t>>{{"UNDP", 3}, {"UNICEF", 3}}));
  EXPECT_EQ(Pairs(a.language), (std::vector<std::pair<std::string, std::int64_t>>{{"en", 3}, {"fr", 3}}));
  EXPECT_EQ(Pairs(a.segment), (std::vector<std::pair<std::string, std::int64_t>>{{"26", 3}, {"43", 3}}));
  EXPECT_EQ(Pairs(a.region),
            (std::vector<std::pair<std::string, std::int64_t>>{{"americas", 4}, {"africa", 2}, {"europe", 2}}));
  EXPECT_EQ(Pairs(a.country),
            (std::vector<std::pair<std::string, std::int64_t>>{{"BR", 4}, {"FR", 2}, {"KE", 2}}));
  // Deadlines -6, -3, 0, +3, +6, +9 days: closed 2; closing (now..now+7d) 3; open 4 (with closing).
  EXPECT_EQ(Pairs(a.status), (std::vector<std::pair<std::string, std::int64_t>>{
                                 {"open", 4}, {"closing", 3}, {"closed", 2}}));
}

}  // namespace
}  // namespace tb::search::internal
