#include "search/internal/text_analysis.h"

#include <gtest/gtest.h>

#include "search/internal/document_builder.h"
#include "search/internal/regions.h"

namespace tb::search::internal {
namespace {

TEST(TextAnalysisTest, SegmentsOnlyChineseRuns) {
  EXPECT_EQ(SegmentChinese("疫苗招标"), "疫苗 招标");
  EXPECT_EQ(SegmentChinese("UNDP 疫苗招标 2024"), "UNDP 疫苗 招标 2024");
  EXPECT_EQ(SegmentChinese("water wells"), "water wells");
  EXPECT_TRUE(ContainsHan("a疫"));
  EXPECT_FALSE(ContainsHan("équipement"));
}

TEST(TextAnalysisTest, FoldsCaseAndAccents) {
  EXPECT_EQ(Fold("Équipement Médical"), "equipement medical");
  EXPECT_EQ(Fold("ＵＮＤＰ"), "undp");
  // ASCII fast path and the ICU path agree with the rule "NFKD; remove Mn; Lower; NFKC".
  EXPECT_EQ(Fold("Laptop COMPUTERS (UNOPS) 42"), "laptop computers (unops) 42");
  EXPECT_EQ(Fold("Ñandú Açaí São Paulo"), "nandu acai sao paulo");
  EXPECT_EQ(Fold("ПОСТАВКА Вакцин"), "поставка вакцин");
  EXPECT_EQ(Fold("疫苗招标"), "疫苗招标");
  EXPECT_EQ(Fold("ﬁbre Ⅻ"), "fibre xii");
  EXPECT_EQ(Fold(""), "");
}

TEST(TextAnalysisTest, CleansUserText) {
  bool truncated = false;
  EXPECT_EQ(CleanText(std::string("a\0b\x01", 4), 100, &truncated), "a b ");
  EXPECT_FALSE(truncated);
  EXPECT_EQ(CleanText("\xC3\xA9\xC3\xA9", 3, &truncated), "\xC3\xA9");  // cut on a character
  EXPECT_TRUE(truncated);
  EXPECT_EQ(CleanText("\xFF", 10), "\xEF\xBF\xBD");
}

TEST(TextAnalysisTest, MarksBecomeHtmlAndTextIsEscaped) {
  EXPECT_EQ(MarkedToHtml("<b>\x01x\x02 & 'y'"), "&lt;b&gt;<mark>x</mark> &amp; &#39;y&#39;");
}

TEST(TextAnalysisTest, Regions) {
  EXPECT_EQ(RegionOf("KE"), "africa");
  EXPECT_EQ(RegionOf("CO"), "americas");
  EXPECT_EQ(RegionOf("YE"), "asia");
  EXPECT_EQ(RegionOf("RS"), "europe");
  EXPECT_EQ(RegionOf("FJ"), "oceania");
  EXPECT_EQ(RegionOf("ZZ"), "");
  EXPECT_EQ(RegionOf("K"), "");
}

TEST(TextAnalysisTest, AgencyKeys) {
  EXPECT_EQ(AgencyKey("UNITED NATIONS OFFICE FOR PROJECT SERVICES (UNOPS)"), "UNOPS");
  EXPECT_EQ(AgencyKey("Food and Agriculture Organization (fao)"), "FAO");
  EXPECT_EQ(AgencyKey("UNDP"), "UNDP");
  EXPECT_EQ(AgencyKey("Ministry of Health (Kenya National Office)"), "Ministry of Health (Kenya National Office)");
}

}  // namespace
}  // namespace tb::search::internal

namespace tb::search::internal {
namespace {

TEST(TextAnalysisTest, SplitsElisionsOnly) {
  EXPECT_EQ(SplitElisions("achat d'ordinateurs"), "achat d ordinateurs");
  EXPECT_EQ(SplitElisions("l\xE2\x80\x99\xC3\xA9" "cole"), "l \xC3\xA9" "cole");
  EXPECT_EQ(SplitElisions("qu'il"), "qu il");
  EXPECT_EQ(SplitElisions("children's books"), "children's books");
  EXPECT_EQ(SplitElisions("d'"), "d'");
}

TEST(TextAnalysisTest, UnescapesXapianEntitiesOnce) {
  EXPECT_EQ(UnescapeXapianHtml("&amp;lt; &lt;b&gt; &quot;"), "&lt; <b> \"");
}

}  // namespace
}  // namespace tb::search::internal
