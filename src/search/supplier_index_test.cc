#include "search/supplier_index.h"

#include <gtest/gtest.h>

#include <map>

#include "search/testing/notice_builder.h"
#include "search/unspsc_title_lookup.h"

namespace tb::search {
namespace {

using testing::TempDir;
using IdList = std::vector<std::int64_t>;

UnspscCode Code(std::string_view digits) { return *UnspscCode::Parse(digits); }

// A few real UNSPSC titles (v7) in the languages the tests query in.
std::unique_ptr<UnspscTitleLookup> Titles() {
  return MakeInMemoryUnspscTitleLookup({
      {Code("43211500"), Language::English(), "Computers"},
      {Code("43211500"), Language::French(), "Ordinateurs"},
      {Code("43211500"), Language::Chinese(), "计算机"},
      {Code("43211503"), Language::English(), "Notebook computers"},
      {Code("43211503"), Language::French(), "Ordinateurs portables"},
      {Code("40151500"), Language::English(), "Pumps"},
      {Code("40151500"), Language::French(), "Pompes"},
  });
}

SupplierDocument Supplier(std::int64_t id, std::string name, std::string country,
                          std::vector<std::string> codes, std::string size, bool women, int level) {
  SupplierDocument s;
  s.id = SupplierId{id};
  s.legal_name = std::move(name);
  s.country = std::move(country);
  for (const std::string& c : codes) s.codes.push_back(Code(c));
  s.size = std::move(size);
  s.women_owned = women;
  s.readiness_level = level;
  s.review_state = "draft";
  return s;
}

// Six suppliers; by folded name: 3 andes, 4 beijing (its Latin name), 1 equipements,
// 6 kigali, 5 nairobi office, 2 nairobi solar.
std::vector<SupplierDocument> Directory() {
  std::vector<SupplierDocument> v;
  v.push_back(Supplier(1, "Équipements Sahel SARL", "SN", {"43211503"}, "small", true, 2));
  v.back().countries_of_operation = {"ML"};
  v.back().certificates = {"iso_9001"};
  v.back().review_state = "registered";
  v.push_back(Supplier(2, "Nairobi Solar Pumps", "KE", {"40151500"}, "micro", false, 1));
  v.push_back(Supplier(3, "Andes Medical", "PE", {"42"}, "medium", true, 0));
  v.back().countries_of_operation = {"BO"};
  v.back().certificates = {"iso_9001", "iso_14001"};
  v.push_back(Supplier(4, "北京太阳能设备有限公司", "CN", {"26111600"}, "large", false, 3));
  v.back().legal_name_latin = "Beijing Solar Equipment Co";
  v.back().review_state = "registered";
  v.push_back(Supplier(5, "Nairobi Office Supplies", "KE", {"43211500"}, "small", false, 0));
  v.push_back(Supplier(6, "Kigali Digital", "RW", {"4321"}, "small", true, 1));
  return v;
}

class SupplierIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    titles_ = Titles();
    Open();
    std::vector<SupplierChange> batch;
    std::int64_t seq = 0;
    for (SupplierDocument& s : Directory()) batch.push_back(SupplierChange::Upsert(++seq, s));
    auto applied = index_->Apply(batch, seq);
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  }

  void Open() {
    index_.reset();
    auto index = OpenXapianSupplierIndex({dir_.path(), titles_.get()});
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    index_ = std::move(index).value();
  }

  SupplierSearchResponse Search(const SupplierQuery& query) {
    auto response = index_->Search(query);
    EXPECT_TRUE(response.ok()) << response.status().ToString();
    return response.ok() ? *response : SupplierSearchResponse{};
  }

  IdList Ids(const SupplierQuery& query) {
    IdList ids;
    for (const SupplierDocument& s : Search(query).hits) ids.push_back(s.id.value);
    return ids;
  }

  IdList Text(std::string text, Language language = Language()) {
    SupplierQuery q;
    q.text = std::move(text);
    q.language = language;
    return Ids(q);
  }

  template <typename Fn>
  IdList Where(Fn set) {
    SupplierQuery q;
    set(q);
    return Ids(q);
  }

  TempDir dir_{"tb-supplier-index"};
  std::unique_ptr<UnspscTitleLookup> titles_;
  std::unique_ptr<SupplierIndex> index_;
};

std::map<std::string, std::int64_t> AsMap(const std::vector<FacetValue>& facet) {
  std::map<std::string, std::int64_t> out;
  for (const FacetValue& f : facet) out[f.value] = f.count;
  return out;
}

TEST_F(SupplierIndexTest, ListsEverySupplierByFoldedNameWithoutText) {
  EXPECT_EQ(Text(""), (IdList{3, 4, 1, 6, 5, 2}));
}

TEST_F(SupplierIndexTest, FindsNamesInEnglishFrenchAndChinese) {
  EXPECT_EQ(Text("solar"), (IdList{4, 2})) << "the Latin name of a Chinese company counts";
  EXPECT_EQ(Text("Solar PUMP"), IdList{2}) << "case and English stems";
  EXPECT_EQ(Text("nairobi sol"), IdList{2}) << "the last word is a word prefix";
  EXPECT_EQ(Text("olar"), IdList{}) << "but not a piece inside a word";
  EXPECT_EQ(Text("Équipements Sahel"), IdList{1});
  EXPECT_EQ(Text("EQUIPEMENTS sahel", Language::French()), IdList{1}) << "accents folded";
  EXPECT_EQ(Text("太阳能"), IdList{4}) << "a word inside an unsegmented Chinese name";
  EXPECT_EQ(Text("北京太阳能"), IdList{4});
  EXPECT_EQ(Text("上海太阳能"), IdList{}) << "every Chinese word must be there";
}

TEST_F(SupplierIndexTest, CodeTitlesAndExpansionFindSuppliersWhoseNamesDoNotSayIt) {
  SupplierQuery computers;
  computers.text = "computers";
  computers.language = Language::English();
  SupplierSearchResponse response = Search(computers);
  IdList ids;
  for (const SupplierDocument& s : response.hits) ids.push_back(s.id.value);
  EXPECT_EQ(ids, (IdList{1, 5})) << "coded 43211503 and 43211500; neither name says computers";
  ASSERT_FALSE(response.expansions.empty());
  EXPECT_EQ(response.expansions.front().prefix, "432115");

  EXPECT_EQ(Text("ordinateurs", Language::French()), (IdList{1, 5})) << "French title expands";
  EXPECT_EQ(Text("计算机"), (IdList{1, 5})) << "Chinese title expands";
  EXPECT_EQ(Text("pompes", Language::French()), IdList{2});

  computers.expand = false;
  computers.text = "ordinateurs";
  EXPECT_TRUE(Search(computers).hits.empty()) << "without expansion only indexed words match";
}

TEST_F(SupplierIndexTest, CodeFilterFollowsTheHierarchyAtEveryDepth) {
  auto code = [this](std::string_view digits) {
    return Where([&](SupplierQuery& q) { q.codes = {Code(digits)}; });
  };
  EXPECT_EQ(code("43"), (IdList{1, 6, 5})) << "segment: every code under it";
  EXPECT_EQ(code("4321"), (IdList{1, 6, 5})) << "family";
  EXPECT_EQ(code("432115"), (IdList{1, 6, 5})) << "class: under it, or the family above";
  EXPECT_EQ(code("43211503"), (IdList{1, 6, 5})) << "commodity: listed, or a class/family above";
  EXPECT_EQ(code("43211504"), (IdList{6, 5})) << "a sibling commodity is not offered";
  EXPECT_EQ(code("42131500"), IdList{3}) << "a supplier of the whole segment";
  EXPECT_EQ(code("10"), IdList{});
  EXPECT_EQ(Where([&](SupplierQuery& q) {
              q.codes = {Code("40"), Code("42")};
            }),
            (IdList{3, 2}))
      << "several codes: any of them";
}

TEST_F(SupplierIndexTest, FiltersByCountrySizeOwnershipCertificateLevelAndState) {
  EXPECT_EQ(Where([](SupplierQuery& q) { q.countries = {"KE"}; }), (IdList{5, 2}));
  EXPECT_EQ(Where([](SupplierQuery& q) { q.countries = {"ml"}; }), IdList{1})
      << "countries of operation count; case does not";
  EXPECT_EQ(Where([](SupplierQuery& q) { q.sizes = {"small"}; }), (IdList{1, 6, 5}));
  EXPECT_EQ(Where([](SupplierQuery& q) { q.women_owned = true; }), (IdList{3, 1, 6}));
  EXPECT_EQ(Where([](SupplierQuery& q) { q.women_owned = false; }), (IdList{4, 5, 2}));
  EXPECT_EQ(Where([](SupplierQuery& q) { q.certificates = {"iso_14001"}; }), IdList{3});
  EXPECT_EQ(Where([](SupplierQuery& q) { q.min_readiness_level = 2; }), (IdList{4, 1}))
      << "at least the level";
  EXPECT_EQ(Where([](SupplierQuery& q) { q.min_readiness_level = 0; }).size(), 6u);
  EXPECT_EQ(Where([](SupplierQuery& q) { q.review_states = {"registered"}; }), (IdList{4, 1}));
  EXPECT_EQ(Where([](SupplierQuery& q) {
              q.countries = {"KE"};
              q.sizes = {"micro"};
            }),
            IdList{2});
  EXPECT_EQ(Where([](SupplierQuery& q) {
              q.text = "nairobi";
              q.codes = {Code("43")};
            }),
            IdList{5});
}

TEST_F(SupplierIndexTest, FacetsCountEveryMatchExactly) {
  SupplierQuery q;
  q.women_owned = true;
  q.page_size = 1;  // the counts do not depend on the page
  SupplierSearchResponse r = Search(q);
  EXPECT_EQ(r.total, 3);
  EXPECT_EQ(AsMap(r.facets.country),
            (std::map<std::string, std::int64_t>{{"PE", 1}, {"RW", 1}, {"SN", 1}}))
      << "the address country only";
  EXPECT_EQ(AsMap(r.facets.certificate),
            (std::map<std::string, std::int64_t>{{"iso_14001", 1}, {"iso_9001", 2}}));
  EXPECT_EQ(AsMap(r.facets.level),
            (std::map<std::string, std::int64_t>{{"0", 1}, {"1", 1}, {"2", 1}}));
  EXPECT_EQ(AsMap(r.facets.size),
            (std::map<std::string, std::int64_t>{{"medium", 1}, {"small", 2}}));
  EXPECT_EQ(AsMap(r.facets.women_owned), (std::map<std::string, std::int64_t>{{"true", 3}}));
  EXPECT_EQ(r.facets.size.front().value, "small") << "most frequent first";

  SupplierSearchResponse all = Search(SupplierQuery{});
  EXPECT_EQ(all.total, 6);
  EXPECT_EQ(AsMap(all.facets.women_owned),
            (std::map<std::string, std::int64_t>{{"false", 3}, {"true", 3}}));
  EXPECT_EQ(AsMap(all.facets.country), (std::map<std::string, std::int64_t>{
                                           {"CN", 1}, {"KE", 2}, {"PE", 1}, {"RW", 1}, {"SN", 1}}));
}

TEST_F(SupplierIndexTest, CursorPagesThroughTheNameOrderOnce) {
  SupplierQuery q;
  q.page_size = 2;
  IdList seen;
  int pages = 0;
  for (;;) {
    SupplierSearchResponse r = Search(q);
    EXPECT_EQ(r.total, 6) << "the total ignores the cursor";
    for (const SupplierDocument& s : r.hits) seen.push_back(s.id.value);
    ++pages;
    if (!r.next.valid() || pages > 5) break;
    EXPECT_EQ(r.next, r.hits.back().id);
    q.after = r.next;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (IdList{3, 4, 1, 6, 5, 2}));

  // A supplier added between two pages shows when it sorts after the cursor.
  q.after = SupplierId{1};
  q.page_size = 10;
  ASSERT_TRUE(index_
                  ->Apply(std::vector<SupplierChange>{SupplierChange::Upsert(
                              7, Supplier(7, "Zanzibar Boats", "TZ", {}, "", false, 0))},
                          7)
                  .ok());
  EXPECT_EQ(Ids(q), (IdList{6, 5, 2, 7}));

  q.after = SupplierId{99};
  EXPECT_EQ(index_->Search(q).status().field(), "cursor");
}

TEST_F(SupplierIndexTest, ApplyReplacesDeletesSkipsAndKeepsItsSeqAcrossARestart) {
  SupplierDocument renamed = Directory()[1];
  renamed.legal_name = "Mombasa Wind Turbines";
  auto report = index_->Apply(std::vector<SupplierChange>{SupplierChange::Upsert(8, renamed),
                                                          SupplierChange::Delete(9, SupplierId{3})},
                              12);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->applied, 2);
  EXPECT_EQ(report->last_seq, 12) << "read up to 12: changes 10-12 were of other entities";
  EXPECT_EQ(Text("solar"), IdList{4}) << "the old name is gone";
  EXPECT_EQ(Text("mombasa"), IdList{2});
  EXPECT_EQ(Text("andes"), IdList{});
  EXPECT_EQ(*index_->DocumentCount(), 5);

  report =
      index_->Apply(std::vector<SupplierChange>{SupplierChange::Delete(11, SupplierId{2})}, 12);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->skipped, 1) << "at or below the applied seq";
  EXPECT_EQ(*index_->DocumentCount(), 5);
  EXPECT_EQ(index_->Apply({}, 15)->last_seq, 15) << "a batch with nothing to index moves on";

  EXPECT_EQ(index_
                ->Apply(std::vector<SupplierChange>{SupplierChange::Delete(17, SupplierId{2}),
                                                    SupplierChange::Delete(16, SupplierId{4})},
                        20)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      index_->Apply(std::vector<SupplierChange>{SupplierChange::Delete(21, SupplierId{2})}, 20)
          .status()
          .code(),
      StatusCode::kInvalidArgument)
      << "a change beyond the seq read";
  SupplierChange no_document = SupplierChange::Delete(30, SupplierId{2});
  no_document.op = SupplierChange::Op::kUpsert;
  EXPECT_EQ(index_->Apply(std::vector<SupplierChange>{no_document}, 30).status().field(),
            "document");
  EXPECT_EQ(*index_->DocumentCount(), 5) << "a refused batch writes nothing";

  Open();
  EXPECT_EQ(*index_->LastAppliedSeq(), 15);
  EXPECT_EQ(*index_->DocumentCount(), 5);
  ASSERT_TRUE(index_->Clear().ok());
  EXPECT_EQ(*index_->LastAppliedSeq(), 0);
  EXPECT_EQ(*index_->DocumentCount(), 0);
}

TEST_F(SupplierIndexTest, AnyQueryTextIsAnswered) {
  for (const std::string& text :
       {std::string("\"unterminated"), std::string("AND OR NOT"), std::string("(("),
        std::string("\xff\xfe bad utf8"), std::string("nul\0byte", 8), std::string(5000, 'a')}) {
    SCOPED_TRACE(text.substr(0, 20));
    SupplierQuery q;
    q.text = text;
    EXPECT_TRUE(index_->Search(q).ok());
  }
}

TEST_F(SupplierIndexTest, HitsCarryWhatWasIndexed) {
  SupplierSearchResponse r = Search(SupplierQuery{});
  ASSERT_EQ(r.hits.size(), 6u);
  SupplierDocument expected = Directory()[0];
  EXPECT_EQ(r.hits[2], expected);
}

}  // namespace
}  // namespace tb::search
