#include <gtest/gtest.h>

#include <memory>

#include "storage/sql_supplier_store.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using suppliers::DirectoryQuery;
using suppliers::PartyScale;
using suppliers::SupplierRecord;
using suppliers::UngmLevel;

const Timestamp kT0 = Timestamp::FromRfc3339("2025-03-01T10:00:00Z").value();

class SupplierDirectoryTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!db_) return;
    store_ = std::make_unique<SqlSupplierStore>(db());
    Add(1, "Équipements Sahel SARL", "SN", {"43211500"}, PartyScale::kSmall, true, {"iso_9001"},
        UngmLevel::kLevel1, {"ML"});
    Add(2, "Nairobi Solar Pumps", "KE", {"40151500"}, PartyScale::kMicro, false, {},
        UngmLevel::kBasic, {});
    Add(3, "Andes Medical", "PE", {"42000000"}, PartyScale::kMedium, true,
        {"iso_9001", "iso_14001"}, UngmLevel::kNone, {"BO"});
    Add(4, "北京太阳能设备", "CN", {"26111600"}, PartyScale::kLarge, false, {}, UngmLevel::kLevel2,
        {});
    Add(5, "100% Pure_Water", "KE", {"4321"}, PartyScale::kSmall, false, {}, UngmLevel::kNone, {});
  }

  void Add(std::int64_t id, std::string name, std::string country, std::vector<std::string> codes,
           PartyScale size, bool women, std::vector<std::string> certs, UngmLevel level,
           std::vector<std::string> operations) {
    SupplierRecord r;
    r.id = SupplierId{id};
    r.profile.legal_name = std::move(name);
    r.profile.address.country = std::move(country);
    for (const std::string& c : codes) r.profile.unspsc_codes.push_back(*UnspscCode::Parse(c));
    r.profile.party_scale = size;
    r.profile.women_owned = {women, women ? 60 : 0, women};
    for (const std::string& t : certs) r.profile.certificates.push_back({t, "", "1", "x", {}});
    r.profile.countries_of_operation = std::move(operations);
    r.created_at = r.updated_at = kT0;
    r.version = 1;
    ASSERT_TRUE(store_->Create(r, {0, r.id, kT0, UserId{1}, "created", "{}"}, level).ok());
  }

  std::vector<std::int64_t> Ids(const DirectoryQuery& q) {
    Result<suppliers::DirectoryPage> page = store_->SearchDirectory(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::int64_t> ids;
    if (page.ok()) {
      for (const auto& e : page->entries) ids.push_back(e.id.value);
    }
    return ids;
  }

  std::unique_ptr<SqlSupplierStore> store_;
};

using IdList = std::vector<std::int64_t>;

// A query with the given members set; designated initializers would warn about the rest.
template <typename Fn>
DirectoryQuery Q(Fn set) {
  DirectoryQuery q;
  set(q);
  return q;
}

TEST_P(SupplierDirectoryTest, FiltersByEachCriterion) {
  EXPECT_EQ(Ids(DirectoryQuery{}), (IdList{5, 3, 1, 2, 4})) << "ordered by folded name";
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.text = "equipements"; })), IdList{1})
      << "accents folded";
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.text = "SOLAR pum"; })), IdList{2})
      << "every word, as a word prefix";
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.text = "olar"; })), IdList{}) << "not inside a word";
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.text = "太阳能"; })), IdList{4})
      << "Chinese matched anywhere";
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.text = "100%"; })), IdList{5})
      << "LIKE wildcards are literal";
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.text = "pure_"; })), IdList{5});
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.text = "p%"; })), (IdList{5, 2}))
      << "punctuation separates words, so this is the word prefix p";
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.country = "KE"; })), (IdList{5, 2}));
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.country = "ML"; })), IdList{1})
      << "countries of operation count";
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.size = PartyScale::kSmall; })), (IdList{5, 1}));
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.women_owned = true; })), (IdList{3, 1}));
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.women_owned = false; })), (IdList{5, 2, 4}));
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.certificate = "iso_14001"; })), IdList{3});
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.level = UngmLevel::kLevel1; })), (IdList{1, 4}))
      << "at least the level";
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) {
              q.country = "KE";
              q.size = PartyScale::kMicro;
            })),
            IdList{2});
}

TEST_P(SupplierDirectoryTest, CodeFilterFollowsTheHierarchyBothWays) {
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.code = *UnspscCode::Parse("43"); })), (IdList{5, 1}))
      << "codes under the segment";
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.code = *UnspscCode::Parse("43211503"); })),
            (IdList{5, 1}))
      << "a supplier of the class or family offers the commodity";
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.code = *UnspscCode::Parse("42131500"); })), IdList{3})
      << "segment 42 covers it";
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.code = *UnspscCode::Parse("10"); })), IdList{});
}

TEST_P(SupplierDirectoryTest, PagesWithACursorAndCountsFacets) {
  Result<suppliers::DirectoryPage> first =
      store_->SearchDirectory(Q([&](DirectoryQuery& q) { q.limit = 2; }));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->total, 5);
  ASSERT_EQ(first->entries.size(), 2u);
  EXPECT_EQ(first->next, SupplierId{3});
  Result<suppliers::DirectoryPage> second = store_->SearchDirectory(Q([&](DirectoryQuery& q) {
    q.after = first->next;
    q.limit = 2;
  }));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->entries.front().id, SupplierId{1});
  Result<suppliers::DirectoryPage> last = store_->SearchDirectory(Q([&](DirectoryQuery& q) {
    q.after = SupplierId{2};
    q.limit = 2;
  }));
  EXPECT_EQ(last->entries.size(), 1u);
  EXPECT_FALSE(last->next.valid());

  Result<suppliers::DirectoryPage> women =
      store_->SearchDirectory(Q([&](DirectoryQuery& q) { q.women_owned = true; }));
  ASSERT_TRUE(women.ok());
  EXPECT_EQ(women->facets["country"], (std::map<std::string, std::int64_t>{{"PE", 1}, {"SN", 1}}));
  EXPECT_EQ(women->facets["certificate"],
            (std::map<std::string, std::int64_t>{{"iso_14001", 1}, {"iso_9001", 2}}));
  EXPECT_EQ(women->facets["level"],
            (std::map<std::string, std::int64_t>{{"level_1", 1}, {"none", 1}}));
  EXPECT_EQ(women->facets["women_owned"], (std::map<std::string, std::int64_t>{{"true", 2}}));
  EXPECT_EQ(women->facets["size"],
            (std::map<std::string, std::int64_t>{{"medium", 1}, {"small", 1}}));
  EXPECT_EQ(store_->SearchDirectory(Q([&](DirectoryQuery& q) { q.limit = 0; })).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->SearchDirectory(Q([&](DirectoryQuery& q) { q.after = SupplierId{99}; }))
                .status()
                .field(),
            "cursor");
}

TEST_P(SupplierDirectoryTest, ALevelChangeMovesASupplierBetweenFilters) {
  ASSERT_TRUE(store_->SetReadinessLevel(SupplierId{2}, UngmLevel::kLevel2).ok());
  EXPECT_EQ(Ids(Q([](DirectoryQuery& q) { q.level = UngmLevel::kLevel2; })), (IdList{2, 4}));
  EXPECT_EQ(store_->SetReadinessLevel(SupplierId{99}, UngmLevel::kBasic).code(),
            StatusCode::kNotFound);
}

TB_INSTANTIATE_BACKENDS(SupplierDirectoryTest);

}  // namespace
}  // namespace tb::storage
