#include <gtest/gtest.h>

#include "storage/storage.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using notices::UnspscEntry;

UnspscEntry Entry(const char* code, std::map<std::string, std::string> titles) {
  return UnspscEntry{*UnspscCode::Parse(code), std::move(titles)};
}

class UnspscCatalogueTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    catalogue_ = MakeUnspscCatalogue(db());
    auto n = catalogue_->UpsertBatch(std::vector{
        Entry("43", {{"en", "Information Technology Broadcasting and Telecommunications"},
                     {"fr", "Équipements et fournitures informatiques"},
                     {"zh", "信息技术广播和电信"}}),
        Entry("4321", {{"en", "Computer Equipment and Accessories"},
                       {"fr", "Équipement informatique et accessoires"},
                       {"zh", "计算机设备和配件"}}),
        Entry("43211503", {{"en", "Notebook computers"}, {"fr", "Ordinateurs portables"},
                           {"zh", "笔记本电脑"}}),
        Entry("43211507", {{"en", "Desktop computers"}, {"zh", "台式计算机"}}),
        Entry("72", {{"en", "Building and Facility Construction and Maintenance Services"}}),
        Entry("4012", {{"en", "Pipe-equipment (non-computer)"}}),
    });
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    ASSERT_EQ(*n, 6);
  }

  std::vector<std::string> Find(std::string_view prefix, const Language& language,
                                int limit = 50) {
    auto r = catalogue_->FindByTitlePrefix(prefix, language, limit);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> codes;
    if (r.ok()) {
      for (const UnspscEntry& e : *r) codes.push_back(e.code.ToString());
    }
    return codes;
  }

  std::unique_ptr<notices::UnspscCatalogue> catalogue_;
};

using Codes = std::vector<std::string>;

TEST_P(UnspscCatalogueTest, FindsByWordPrefixInEnglish) {
  EXPECT_EQ(Find("comp", Language::English()), (Codes{"40120000", "43210000", "43211503",
                                                      "43211507"}))
      << "families first, then by code; a word after punctuation counts";
  EXPECT_EQ(Find("COMPUTER EQ", Language::English()), (Codes{"43210000"}));
  EXPECT_EQ(Find("omputer", Language::English()), Codes{}) << "word prefix, not substring";
  EXPECT_EQ(Find("Notebook", Language::English()), (Codes{"43211503"}));
  EXPECT_EQ(Find("comp", Language::English(), 2), (Codes{"40120000", "43210000"}));
}

TEST_P(UnspscCatalogueTest, FrenchIgnoresAccentsAndCase) {
  EXPECT_EQ(Find("equipement", Language::French()), (Codes{"43000000", "43210000"}));
  EXPECT_EQ(Find("ÉQUIP", Language::French()), (Codes{"43000000", "43210000"}));
  EXPECT_EQ(Find("ordinateurs port", Language::French()), (Codes{"43211503"}));
  EXPECT_EQ(Find("equipement", Language::English()), Codes{}) << "only the asked language";
}

TEST_P(UnspscCatalogueTest, ChineseMatchesSubstrings) {
  EXPECT_EQ(Find("计算机", Language::Chinese()), (Codes{"43210000", "43211507"}));
  EXPECT_EQ(Find("电脑", Language::Chinese()), (Codes{"43211503"}));
}

TEST_P(UnspscCatalogueTest, WildcardsInThePrefixAreLiteral) {
  EXPECT_EQ(Find("%", Language::English()), Codes{});
  EXPECT_EQ(Find("_omputer", Language::English()), Codes{});
  EXPECT_EQ(Find("", Language::English()), Codes{});
  EXPECT_EQ(catalogue_->FindByTitlePrefix("x", Language::English(), 0).status().field(), "limit");
}

TEST_P(UnspscCatalogueTest, GetAndGetMany) {
  auto e = catalogue_->Get(*UnspscCode::Parse("43211503"));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->titles.at("fr"), "Ordinateurs portables");
  EXPECT_EQ(e->titles.size(), 3u);
  EXPECT_EQ(catalogue_->Get(*UnspscCode::Parse("99")).status().code(), StatusCode::kNotFound);
  auto many = catalogue_->GetMany(std::vector{*UnspscCode::Parse("72"), *UnspscCode::Parse("99"),
                                              *UnspscCode::Parse("4321")});
  ASSERT_TRUE(many.ok());
  ASSERT_EQ(many->size(), 2u);
  EXPECT_EQ((*many)[0].code.ToString(), "43210000");
  EXPECT_EQ((*many)[1].code.ToString(), "72000000");
  EXPECT_EQ(*catalogue_->Count(), 6);
}

TEST_P(UnspscCatalogueTest, AllListsEveryCodeWithEveryTitleInCodeOrder) {
  auto all = catalogue_->All();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 6u);
  EXPECT_EQ(all->front().code.ToString(), "40120000");
  EXPECT_EQ(all->back().code.ToString(), "72000000");
  const UnspscEntry& notebook = (*all)[3];
  EXPECT_EQ(notebook.code.ToString(), "43211503");
  EXPECT_EQ(notebook.titles.size(), 3u);
  EXPECT_EQ(notebook.titles.at("zh"), "笔记本电脑");
}

TEST_P(UnspscCatalogueTest, UpsertKeepsOtherLanguagesAndCountsChanges) {
  auto n = catalogue_->UpsertBatch(std::vector{
      Entry("43211507", {{"fr", "Ordinateurs de bureau"}}),  // new language
      Entry("43211503", {{"en", "Notebook computers"}}),     // unchanged
      Entry("72", {{"en", "Construction services"}}),        // changed title
  });
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 2);
  auto e = catalogue_->Get(*UnspscCode::Parse("43211507"));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->titles.at("en"), "Desktop computers");
  EXPECT_EQ(e->titles.at("fr"), "Ordinateurs de bureau");
  EXPECT_EQ(Find("constr", Language::English()), (Codes{"72000000"}));
  EXPECT_EQ(Find("building", Language::English()), Codes{}) << "old folded title replaced";
}

TB_INSTANTIATE_BACKENDS(UnspscCatalogueTest);

}  // namespace
}  // namespace tb::storage
