#include "search/search_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "search/testing/fixture_notices.h"

namespace tb::search {
namespace {

using notices::Notice;
using testing::Days;
using testing::HandWrittenNotices;
using testing::kNow;
using testing::MakeNotice;
using testing::TempDir;

using testing::Ids;
using testing::Request;

std::vector<std::int64_t> Sorted(std::vector<std::int64_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::int64_t FacetCount(const std::vector<FacetValue>& facet, std::string_view value) {
  for (const FacetValue& f : facet) {
    if (f.value == value) return f.count;
  }
  return 0;
}

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto index = OpenXapianSearchIndex({dir_.path(), nullptr});
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    index_ = std::move(*index);
    std::vector<IndexChange> changes;
    std::int64_t seq = 0;
    for (Notice& n : HandWrittenNotices()) changes.push_back(IndexChange::Upsert(++seq, std::move(n)));
    auto report = index_->Apply(changes);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_EQ(report->applied, 15);
  }

  std::vector<std::int64_t> Find(SearchRequest r) {
    auto response = index_->Search(r);
    EXPECT_TRUE(response.ok()) << response.status().ToString();
    return response.ok() ? Ids(*response) : std::vector<std::int64_t>{};
  }
  std::vector<std::int64_t> Find(std::string query) { return Find(Request(std::move(query))); }

  TempDir dir_{"tb-search-test"};
  std::unique_ptr<SearchIndex> index_;
};

TEST_F(SearchIndexTest, TitleMatchRanksAboveDescriptionMatch) {
  std::vector<std::int64_t> ids = Find("laptop");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], 1);
  EXPECT_EQ(ids[1], 11);
}

TEST_F(SearchIndexTest, StemsPerLanguage) {
  SearchRequest fr = Request("ordinateur portable");
  fr.language = Language::French();
  EXPECT_EQ(Find(fr), std::vector<std::int64_t>{4});
  // English "computers" and Portuguese "computadores" share the stem "comput": stems are not
  // separated by language, which helps recall across languages.
  SearchRequest en = Request("computer");
  EXPECT_EQ(Sorted(Find(en)), (std::vector<std::int64_t>{1, 12}));
  SearchRequest pt = Request("escola");
  pt.language = Language::Portuguese();
  EXPECT_EQ(Find(pt), std::vector<std::int64_t>{12});
  SearchRequest ru = Request("компьютер");
  ru.language = Language::Russian();
  EXPECT_EQ(Find(ru), std::vector<std::int64_t>{13});
  SearchRequest es = Request("vacuna");
  es.language = Language::Spanish();
  EXPECT_EQ(Find(es), std::vector<std::int64_t>{5});
}

TEST_F(SearchIndexTest, UnsegmentedChineseQueryFindsChineseNotice) {
  // 疫苗 and 招标 are not adjacent in the title: without ICU segmentation the n-gram query
  // would require the bigram 苗招 and miss.
  SearchRequest zh = Request("疫苗招标");
  zh.language = Language::Chinese();
  EXPECT_EQ(Find(zh), std::vector<std::int64_t>{6});
  EXPECT_EQ(Find(Request("冷链设备")), std::vector<std::int64_t>{6});
  EXPECT_TRUE(Find(Request("疫苗飞机")).empty());
}

TEST_F(SearchIndexTest, PhrasesBooleansAndFieldPrefixes) {
  EXPECT_EQ(Find("\"water wells\""), std::vector<std::int64_t>{2});
  EXPECT_TRUE(Find("\"wells water\"").empty());
  EXPECT_EQ(Sorted(Find("water OR laptop")), (std::vector<std::int64_t>{1, 2, 10, 11}));
  EXPECT_EQ(Find("water NOT wells"), std::vector<std::int64_t>{10});
  EXPECT_EQ(Sorted(Find("water agency:UNICEF")), (std::vector<std::int64_t>{2, 10}));
  EXPECT_EQ(Sorted(Find("agency:unicef")), (std::vector<std::int64_t>{2, 5, 6, 10}));
  EXPECT_EQ(Find("agency:\"UN Women\""), std::vector<std::int64_t>{7});
  EXPECT_EQ(Find("water -country:ET"), std::vector<std::int64_t>{10});
  EXPECT_EQ(Find("water AND NOT country:ET"), std::vector<std::int64_t>{10});
  EXPECT_EQ(Sorted(Find("type:itb")), (std::vector<std::int64_t>{2, 3, 6, 14}));
  EXPECT_EQ(Sorted(Find("code:4321")), (std::vector<std::int64_t>{1, 4, 12, 13}));
  EXPECT_EQ(Sorted(Find("code:43211503")), (std::vector<std::int64_t>{1, 4}));
  EXPECT_EQ(Find("title:furniture"), std::vector<std::int64_t>{11});
  EXPECT_EQ(Sorted(Find("region:africa type:rfq")), (std::vector<std::int64_t>{1, 4, 8, 9, 10, 11, 12}));
}

TEST_F(SearchIndexTest, StructuredFilters) {
  SearchRequest r = Request("");
  r.agencies = {"UNITED NATIONS OFFICE FOR PROJECT SERVICES (UNOPS)"};
  EXPECT_EQ(Find(r), std::vector<std::int64_t>{3});
  r = Request("");
  r.countries = {"ke", "ET"};
  EXPECT_EQ(Sorted(Find(r)), (std::vector<std::int64_t>{1, 2, 8, 11}));
  r = Request("");
  r.regions = {"asia"};
  EXPECT_EQ(Sorted(Find(r)), (std::vector<std::int64_t>{3, 6, 7, 13, 14}));
  r = Request("");
  r.codes = {"72"};
  EXPECT_EQ(Sorted(Find(r)), (std::vector<std::int64_t>{2, 14}));
  r = Request("");
  r.languages = {"fr", "es"};
  EXPECT_EQ(Sorted(Find(r)), (std::vector<std::int64_t>{4, 5}));
  r = Request("");
  r.sustainable = true;
  EXPECT_EQ(Sorted(Find(r)), (std::vector<std::int64_t>{3, 15}));
  r = Request("");
  r.types = {"eoi", "individual_consultant"};
  EXPECT_EQ(Sorted(Find(r)), (std::vector<std::int64_t>{7, 15}));
}

TEST_F(SearchIndexTest, StatusIsRelativeToNow) {
  SearchRequest r = Request("");
  r.statuses = {OpenStatus::kClosed};
  EXPECT_EQ(Sorted(Find(r)), (std::vector<std::int64_t>{3, 9}));  // past deadline; cancelled
  r.statuses = {OpenStatus::kClosing};
  r.closing_within_days = 7;
  EXPECT_EQ(Sorted(Find(r)), (std::vector<std::int64_t>{1, 5, 10}));
  r.statuses = {OpenStatus::kOpen};
  std::vector<std::int64_t> open = Find(r);
  EXPECT_EQ(open.size(), 13u);  // everything but 3 and 9; 7 has no deadline and is open
  EXPECT_EQ(std::count(open.begin(), open.end(), 7), 1);
  r.now = Days(31);  // a month later most have closed
  EXPECT_EQ(Sorted(Find(r)), (std::vector<std::int64_t>{6, 7, 8, 15}));
}

TEST_F(SearchIndexTest, DateAndValueRanges) {
  SearchRequest r = Request("");
  r.published_from = Days(-5);
  EXPECT_EQ(Sorted(Find(r)), (std::vector<std::int64_t>{2, 4, 5, 6, 7}));
  r = Request("");
  r.deadline_from = Days(1);
  r.deadline_to = Days(5);
  EXPECT_EQ(Sorted(Find(r)), (std::vector<std::int64_t>{1, 5, 10}));
  r = Request("");
  r.deadline_from = Days(44);  // notice 7 has no deadline and is not "after" anything
  EXPECT_EQ(Sorted(Find(r)), (std::vector<std::int64_t>{8, 15}));
  r = Request("");
  r.value_currency = "usd";
  r.value_min_minor = 1'000'000;
  r.value_max_minor = 10'000'000;
  EXPECT_EQ(Find(r), std::vector<std::int64_t>{1});  // 4 is in EUR, 2 above the range
  r.value_currency = "";
  auto bad = index_->Search(r);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "value_currency");
}

TEST_F(SearchIndexTest, FacetsCountTheWholeMatchSet) {
  SearchRequest r = Request("");
  r.page_size = 2;
  auto response = index_->Search(r);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->total, 15);
  EXPECT_TRUE(response->total_exact);
  const Facets& f = response->facets;
  EXPECT_EQ(FacetCount(f.agency, "UNDP"), 6);
  EXPECT_EQ(FacetCount(f.agency, "UNICEF"), 4);
  EXPECT_EQ(FacetCount(f.agency, "UNOPS"), 1);
  EXPECT_EQ(FacetCount(f.type, "itb"), 4);
  EXPECT_EQ(FacetCount(f.country, "KE"), 3);
  EXPECT_EQ(FacetCount(f.region, "africa"), 9);
  EXPECT_EQ(FacetCount(f.region, "asia"), 5);
  EXPECT_EQ(FacetCount(f.region, "americas"), 1);
  EXPECT_EQ(FacetCount(f.segment, "43"), 4);
  EXPECT_EQ(FacetCount(f.status, "open"), 13);
  EXPECT_EQ(FacetCount(f.status, "closing"), 3);
  EXPECT_EQ(FacetCount(f.status, "closed"), 2);
  EXPECT_EQ(FacetCount(f.language, "en"), 10);
  EXPECT_EQ(FacetCount(f.language, "zh"), 1);
  ASSERT_FALSE(f.agency.empty());
  EXPECT_EQ(f.agency.front().value, "UNDP");  // most frequent first

  // For a query, the counts follow the query.
  r.query = "water";
  response = index_->Search(r);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->total, 2);
  EXPECT_EQ(FacetCount(response->facets.agency, "UNICEF"), 2);
  EXPECT_EQ(FacetCount(response->facets.agency, "UNDP"), 0);
}

// Pages through everything with `r`, returning the ids in page order.
std::vector<std::int64_t> AllPages(SearchIndex& index, SearchRequest r, int* pages) {
  std::vector<std::int64_t> ids;
  *pages = 0;
  while (true) {
    auto response = index.Search(r);
    EXPECT_TRUE(response.ok()) << response.status().ToString();
    if (!response.ok() || ++*pages > 50) break;
    for (const Hit& h : response->hits) ids.push_back(h.id.value);
    if (response->next_cursor.empty()) break;
    r.cursor = response->next_cursor;
  }
  return ids;
}

TEST_F(SearchIndexTest, SortsByDeadlineAndPublished) {
  SearchRequest r = Request("");
  r.sort = SortOrder::kDeadline;
  std::vector<std::int64_t> ids = Find(r);
  ASSERT_EQ(ids.size(), 15u);
  EXPECT_EQ(ids.front(), 3);  // closed two days ago
  EXPECT_EQ(ids.back(), 7);   // no deadline: last
  EXPECT_EQ((std::vector<std::int64_t>{ids[1], ids[2]}), (std::vector<std::int64_t>{1, 10}));
  r.sort = SortOrder::kPublished;
  ids = Find(r);
  ASSERT_EQ(ids.size(), 15u);
  EXPECT_EQ(ids.front(), 4);  // published yesterday
  EXPECT_EQ(ids.back(), 9);
}

TEST_F(SearchIndexTest, CursorPagesVisitEveryMatchOnceInEachSortOrder) {
  for (SortOrder sort : {SortOrder::kRelevance, SortOrder::kDeadline, SortOrder::kPublished}) {
    SearchRequest r = Request(sort == SortOrder::kRelevance ? "water OR school OR computer OR laptop" : "");
    r.sort = sort;
    r.page_size = 50;
    std::vector<std::int64_t> one_page = Find(r);
    r.page_size = 2;
    int pages = 0;
    std::vector<std::int64_t> paged = AllPages(*index_, r, &pages);
    EXPECT_EQ(paged, one_page) << SortOrderName(sort);
    EXPECT_EQ(pages, static_cast<int>((one_page.size() + 1) / 2)) << SortOrderName(sort);
  }
}

TEST_F(SearchIndexTest, DeadlineCursorIsStableUnderConcurrentImports) {
  SearchRequest r = Request("");
  r.sort = SortOrder::kDeadline;
  r.page_size = 4;
  auto first = index_->Search(r);
  ASSERT_TRUE(first.ok());
  std::vector<std::int64_t> seen = Ids(*first);
  // An import lands between pages: a notice that sorts before the cursor and one after it.
  Notice before = MakeNotice(100, "Early notice", "en", "UNDP", {}, {"KE"});
  before.deadline = Days(-100);
  Notice after = MakeNotice(101, "Late notice", "en", "UNDP", {}, {"KE"});
  after.deadline = Days(100);
  std::vector<IndexChange> changes{IndexChange::Upsert(100, before), IndexChange::Upsert(101, after)};
  ASSERT_TRUE(index_->Apply(changes).ok());
  r.cursor = first->next_cursor;
  int pages = 0;
  for (std::int64_t id : AllPages(*index_, r, &pages)) seen.push_back(id);
  std::set<std::int64_t> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size()) << "a notice was shown twice";
  EXPECT_EQ(unique.size(), 16u);  // all 15, plus the later one; the earlier one sorts before page 1
  EXPECT_EQ(unique.count(101), 1u);
}

TEST_F(SearchIndexTest, BadCursorIsInvalidArgument) {
  SearchRequest r = Request("water");
  for (std::string bad : {"xyz", "c1zz", "c1", "c17e"}) {
    r.cursor = bad;
    auto response = index_->Search(r);
    ASSERT_FALSE(response.ok()) << bad;
    EXPECT_EQ(response.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(response.status().field(), "cursor");
  }
}

TEST_F(SearchIndexTest, SnippetsAndTitlesAreHtmlSafe) {
  auto response = index_->Search(Request("printers"));
  ASSERT_TRUE(response.ok());
  ASSERT_EQ(response->hits.size(), 1u);
  const Hit& hit = response->hits[0];
  EXPECT_EQ(hit.title, "<script>alert(1)</script> printers and toner");
  EXPECT_EQ(hit.title_html.find("<script"), std::string::npos) << hit.title_html;
  EXPECT_NE(hit.title_html.find("&lt;script&gt;"), std::string::npos) << hit.title_html;
  EXPECT_NE(hit.title_html.find("<mark>printers</mark>"), std::string::npos) << hit.title_html;

  response = index_->Search(Request("household"));
  ASSERT_TRUE(response.ok());
  ASSERT_EQ(response->hits.size(), 1u);
  EXPECT_NE(response->hits[0].snippet_html.find("<mark>household</mark>"), std::string::npos)
      << response->hits[0].snippet_html;
}

TEST_F(SearchIndexTest, HitsCarryCardFields) {
  auto response = index_->Search(Request("construction"));
  ASSERT_TRUE(response.ok());
  ASSERT_EQ(response->hits.size(), 1u);
  const Hit& h = response->hits[0];
  EXPECT_EQ(h.public_id, "test-2");
  EXPECT_EQ(h.agency, "UNICEF");
  EXPECT_EQ(h.buyer, "UNITED NATIONS CHILDREN'S FUND (UNICEF)");
  EXPECT_EQ(h.type, "itb");
  EXPECT_EQ(h.countries, std::vector<std::string>{"ET"});
  EXPECT_EQ(h.codes, std::vector<std::string>{"72141100"});
  EXPECT_EQ(h.deadline, Days(30));
  EXPECT_EQ(h.status, OpenStatus::kOpen);
  EXPECT_GT(h.score, 0);
}

TEST_F(SearchIndexTest, Suggest) {
  auto s = index_->Suggest("water pur", Language::English(), 5);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ((*s)[0].text, "Water purification tablets");
  s = index_->Suggest("wat", Language::English(), 5);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->size(), 2u);
  s = index_->Suggest("\"((", Language::English(), 5);
  EXPECT_TRUE(s.ok());
}

TEST_F(SearchIndexTest, DeletedNoticeIsNeverReturned) {
  ASSERT_EQ(Find("construction"), std::vector<std::int64_t>{2});
  std::vector<IndexChange> del{IndexChange::Delete(16, NoticeId{2})};
  auto report = index_->Apply(del);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->applied, 1);
  EXPECT_TRUE(Find("construction").empty());
  EXPECT_TRUE(Find("agency:unicef water").size() == 1);
  EXPECT_EQ(*index_->DocumentCount(), 14);
}

TEST_F(SearchIndexTest, AmendedNoticeReplacesItsOldVersion) {
  Notice amended = HandWrittenNotices()[1];
  amended.title.text = "Drilling of boreholes in rural areas";
  std::vector<IndexChange> changes{IndexChange::Upsert(16, amended)};
  ASSERT_TRUE(index_->Apply(changes).ok());
  EXPECT_TRUE(Find("construction").empty());
  EXPECT_EQ(Find("boreholes"), std::vector<std::int64_t>{2});
  EXPECT_EQ(*index_->DocumentCount(), 15);
}

}  // namespace
}  // namespace tb::search
