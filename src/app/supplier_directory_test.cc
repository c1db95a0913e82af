// The supplier directory end to end on a real SQLite database and real Xapian indexes: writes
// through the supplier store reach the index through the changes log (SearchProjection), and
// SupplierService::SearchDirectory answers the same from the index as from the SQL.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "app/context.h"
#include "app/search_projection.h"
#include "app/supplier_directory_index.h"
#include "notices/notice_store.h"
#include "search/search_index.h"
#include "search/supplier_index.h"
#include "search/unspsc_title_lookup.h"
#include "storage/change_log.h"
#include "storage/database.h"
#include "storage/storage.h"
#include "suppliers/supplier_service.h"
#include "suppliers/testing/fixtures.h"

namespace tb::app {
namespace {

using suppliers::DirectoryPage;
using suppliers::DirectoryQuery;
using suppliers::PartyScale;
using suppliers::UngmLevel;
using suppliers::testing::Staff;
using suppliers::testing::SupplierUser;
using IdList = std::vector<std::int64_t>;

UnspscCode Code(std::string_view digits) { return *UnspscCode::Parse(digits); }

class DirectoryFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tb-directory-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    auto db = storage::OpenDatabase((dir_ / "tb.db").string());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    notices_ = storage::MakeNoticeStore(*db_, clock_);
    store_ = storage::MakeSupplierStore(*db_);
    log_ = std::make_unique<storage::ChangeLog>(*db_);
    titles_ = search::MakeInMemoryUnspscTitleLookup({
        {Code("43211500"), Language::English(), "Computers"},
        {Code("43211500"), Language::French(), "Ordinateurs"},
        {Code("43211500"), Language::Chinese(), "计算机"},
    });
    auto detector = suppliers::ContentTypeDetector::Open();
    ASSERT_TRUE(detector.ok());
    detector_ = std::move(detector).value();
    service_ = std::make_unique<suppliers::SupplierService>(*store_, *detector_, scanner_, clock_,
                                                            nullptr);
    OpenIndexes();
  }

  void TearDown() override {
    if (service_) service_->SetDirectoryIndex(nullptr);
    projection_.reset();
    directory_.reset();
    supplier_index_.reset();
    index_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Opens (or reopens, as a restart does) both indexes and the projection feeding them.
  void OpenIndexes() {
    projection_.reset();
    directory_.reset();
    supplier_index_.reset();
    index_.reset();
    auto index = search::OpenXapianSearchIndex({(dir_ / "index").string(), titles_.get()});
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    index_ = std::move(index).value();
    auto suppliers = search::OpenXapianSupplierIndex(
        {SupplierIndexPath((dir_ / "index").string()), titles_.get()});
    ASSERT_TRUE(suppliers.ok()) << suppliers.status().ToString();
    supplier_index_ = std::move(suppliers).value();
    projection_ = std::make_unique<SearchProjection>(*log_, *notices_, *index_);
    projection_->FollowSuppliers(*store_, *supplier_index_);
    directory_ = std::make_unique<IndexedSupplierDirectory>(
        *supplier_index_, [this] { return projection_->CatchUpSuppliers(max_catch_up_); });
  }

  // Creates the supplier through the service (as sign-up does) and patches its profile as
  // the company's own user.
  void Add(std::int64_t id, const std::string& name, const std::string& country,
           nlohmann::json patch) {
    ASSERT_TRUE(service_->CreateSupplier(OrganisationId{id}, name, country, UserId{id}).ok());
    if (patch.empty()) return;
    auto patched = service_->PatchProfile(SupplierUser(id, id), SupplierId{id}, patch);
    ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  }

  std::int64_t CatchUp() {
    auto applied = projection_->CatchUp();
    EXPECT_TRUE(applied.ok()) << applied.status().ToString();
    return applied.value_or(-1);
  }

  void WriteNotice(const std::string& public_id, const std::string& title) {
    notices::Notice n;
    n.public_id = public_id;
    n.title = {title, Language::English()};
    n.buyer = "UNICEF";
    n.source = "ocds";
    const std::vector<notices::Notice> batch{n};
    auto written = notices_->UpsertBatch(
        batch, [](const notices::Notice*, const notices::Notice& incoming) { return incoming; });
    ASSERT_TRUE(written.ok()) << written.status().ToString();
  }

  IdList IndexIds(const std::string& text) {
    search::SupplierQuery q;
    q.text = text;
    auto found = supplier_index_->Search(q);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    IdList ids;
    if (found.ok()) {
      for (const auto& s : found->hits) ids.push_back(s.id.value);
    }
    return ids;
  }

  std::filesystem::path dir_;
  FakeClock clock_{Timestamp::FromRfc3339("2025-06-01T09:00:00Z").value()};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<notices::NoticeStore> notices_;
  std::unique_ptr<suppliers::SupplierStore> store_;
  std::unique_ptr<storage::ChangeLog> log_;
  std::unique_ptr<search::UnspscTitleLookup> titles_;
  std::unique_ptr<suppliers::ContentTypeDetector> detector_;
  suppliers::EicarScanner scanner_;
  std::unique_ptr<suppliers::SupplierService> service_;
  std::unique_ptr<search::SearchIndex> index_;
  std::unique_ptr<search::SupplierIndex> supplier_index_;
  std::unique_ptr<SearchProjection> projection_;
  std::unique_ptr<IndexedSupplierDirectory> directory_;
  std::int64_t max_catch_up_ = 20'000;  // CatchUpSuppliers' max_gap before each search
};

// --- The projection -------------------------------------------------------------------

using SupplierProjectionTest = DirectoryFixture;

TEST_F(SupplierProjectionTest, AWriteThroughTheStoreIsSearchableAfterCatchUp) {
  Add(1, "Nairobi Solar Pumps", "KE", {{"unspsc_codes", {"40151500"}}});
  EXPECT_EQ(IndexIds("solar"), IdList{}) << "not before the projection ran";
  EXPECT_EQ(CatchUp(), 1) << "created and patched: one supplier, loaded once";
  EXPECT_EQ(IndexIds("solar"), IdList{1});

  ASSERT_TRUE(service_
                  ->PatchProfile(SupplierUser(1, 1), SupplierId{1},
                                 {{"legal_name", "Mombasa Wind Turbines"}})
                  .ok());
  EXPECT_EQ(CatchUp(), 1);
  EXPECT_EQ(IndexIds("solar"), IdList{}) << "the old name is gone";
  EXPECT_EQ(IndexIds("mombasa"), IdList{1});
  EXPECT_EQ(*supplier_index_->LastAppliedSeq(), *log_->LatestSeq());
  EXPECT_EQ(CatchUp(), 0) << "nothing new";
}

TEST_F(SupplierProjectionTest, ANewReadinessLevelReachesTheIndex) {
  Add(1, "Andes Medical", "PE", {});
  CatchUp();
  search::SupplierQuery at_least_basic;
  at_least_basic.min_readiness_level = static_cast<int>(UngmLevel::kBasic);
  EXPECT_EQ(supplier_index_->Search(at_least_basic)->total, 0);
  ASSERT_TRUE(store_->SetReadinessLevel(SupplierId{1}, UngmLevel::kBasic).ok());
  EXPECT_EQ(CatchUp(), 1);
  EXPECT_EQ(supplier_index_->Search(at_least_basic)->total, 1);
}

TEST_F(SupplierProjectionTest, NoticesAndSuppliersInOneLogEachReachTheirIndex) {
  Add(1, "Andes Medical", "PE", {});
  WriteNotice("a", "Solar water pumps");
  Add(2, "Kigali Digital", "RW", {});
  EXPECT_EQ(CatchUp(), 3);
  EXPECT_EQ(*index_->DocumentCount(), 1);
  EXPECT_EQ(*supplier_index_->DocumentCount(), 2);
  EXPECT_EQ(*index_->LastAppliedSeq(), *log_->LatestSeq())
      << "the notice index records that it read past the last supplier";
  EXPECT_EQ(*supplier_index_->LastAppliedSeq(), *log_->LatestSeq());
  Add(3, "Sahel Trading", "SN", {});
  EXPECT_EQ(CatchUp(), 1);
  EXPECT_EQ(*index_->LastAppliedSeq(), *log_->LatestSeq());
}

TEST_F(SupplierProjectionTest, ReindexRebuildsBothIndexesAndARestartResumes) {
  Add(1, "Andes Medical", "PE", {});
  WriteNotice("a", "Solar water pumps");
  CatchUp();
  ASSERT_TRUE(index_->Clear().ok());
  ASSERT_TRUE(supplier_index_->Clear().ok());
  EXPECT_EQ(CatchUp(), 2);
  EXPECT_EQ(IndexIds("andes"), IdList{1});

  OpenIndexes();  // a restart: each index remembers its seq
  Add(2, "Kigali Digital", "RW", {});
  EXPECT_EQ(CatchUp(), 1) << "only what came after";
  EXPECT_EQ(*supplier_index_->DocumentCount(), 2);
}

TEST_F(SupplierProjectionTest, ANewSupplierIndexBesideAnUpToDateNoticeIndexCatchesUp) {
  Add(1, "Andes Medical", "PE", {});
  WriteNotice("a", "Solar water pumps");
  CatchUp();
  projection_.reset();
  directory_.reset();
  supplier_index_.reset();
  std::filesystem::remove_all(SupplierIndexPath((dir_ / "index").string()));
  OpenIndexes();  // as on the first start after an upgrade
  EXPECT_EQ(CatchUp(), 1) << "the supplier, and not the notice again";
  EXPECT_EQ(IndexIds("andes"), IdList{1});
  EXPECT_EQ(*index_->DocumentCount(), 1);
}

TEST_F(SupplierProjectionTest, ADirectorySearchSeesWritesTheLoopHasNotApplied) {
  service_->SetDirectoryIndex(directory_.get());
  Add(1, "Andes Medical", "PE", {});
  WriteNotice("a", "Solar water pumps");
  DirectoryQuery q;
  q.text = "andes";
  Result<DirectoryPage> page = service_->SearchDirectory(Staff(40, auth::Role::kCentreStaff), q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 1) << "no CatchUp ran: the search brought the index up to date";
  EXPECT_EQ(*supplier_index_->LastAppliedSeq(), *log_->LatestSeq());
  EXPECT_EQ(*index_->DocumentCount(), 0) << "the notice was read past, not indexed";
  EXPECT_EQ(CatchUp(), 1) << "the loop then indexes the notice and skips the supplier";
  EXPECT_EQ(*supplier_index_->DocumentCount(), 1);
}

TEST_F(SupplierProjectionTest, AnIndexFarBehindLetsTheDatabaseAnswer) {
  service_->SetDirectoryIndex(directory_.get());
  max_catch_up_ = 1;
  Add(1, "Andes Medical", "PE", {});
  Add(2, "Andes Mining", "BO", {});
  EXPECT_EQ(projection_->CatchUpSuppliers(1).code(), StatusCode::kUnavailable);
  DirectoryQuery q;
  q.text = "andes";
  Result<DirectoryPage> page = service_->SearchDirectory(Staff(40, auth::Role::kCentreStaff), q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total, 2) << "answered by the SQL";
  EXPECT_EQ(*supplier_index_->DocumentCount(), 0);
}

// --- SupplierService::SearchDirectory on both backends ----------------------------------

// "sql": no index is set, the store answers; "index": the Xapian index answers.
class DirectoryServiceTest : public DirectoryFixture,
                             public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    DirectoryFixture::SetUp();
    const nlohmann::json women = {
        {"declared", true}, {"ownership_percent", 60}, {"controlled", true}};
    auto cert = [](const char* type) {
      return nlohmann::json{{"type", type}, {"number", "1"}, {"issuer", "x"}};
    };
    Add(1, "Équipements Sahel SARL", "SN",
        {{"countries_of_operation", {"ML"}},
         {"unspsc_codes", {"43211503"}},
         {"party_scale", "small"},
         {"women_owned", women},
         {"certificates", {cert("iso_9001")}}});
    Add(2, "Nairobi Solar Pumps", "KE", {{"unspsc_codes", {"40151500"}}, {"party_scale", "micro"}});
    Add(3, "Andes Medical", "PE",
        {{"countries_of_operation", {"BO"}},
         {"unspsc_codes", {"42000000"}},
         {"party_scale", "medium"},
         {"women_owned", women},
         {"certificates", {cert("iso_9001"), cert("iso_14001")}}});
    Add(4, "北京太阳能设备", "CN",
        {{"legal_name_latin", "Beijing Solar Equipment"},
         {"unspsc_codes", {"26111600"}},
         {"party_scale", "large"}});
    Add(5, "Kigali Digital", "RW",
        {{"unspsc_codes", {"4321"}}, {"party_scale", "small"}, {"women_owned", women}});
    ASSERT_TRUE(store_->SetReadinessLevel(SupplierId{1}, UngmLevel::kLevel1).ok());
    ASSERT_TRUE(store_->SetReadinessLevel(SupplierId{4}, UngmLevel::kLevel2).ok());
    if (GetParam() == "index") {
      CatchUp();
      service_->SetDirectoryIndex(directory_.get());
    }
  }

  Result<DirectoryPage> Search(const auth::Actor& actor, const DirectoryQuery& q) {
    return service_->SearchDirectory(actor, q);
  }

  IdList Ids(const DirectoryQuery& q) {
    Result<DirectoryPage> page = Search(officer_, q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    IdList ids;
    if (page.ok()) {
      for (const auto& e : page->entries) ids.push_back(e.id.value);
    }
    return ids;
  }

  template <typename Fn>
  IdList Where(Fn set) {
    DirectoryQuery q;
    set(q);
    return Ids(q);
  }

  const auth::Actor officer_ = Staff(30, auth::Role::kAgencyOfficer);
  const auth::Actor staff_ = Staff(40, auth::Role::kCentreStaff);
};

TEST_P(DirectoryServiceTest, OnlyOfficersAndStaffSearchTheDirectory) {
  EXPECT_EQ(Search(SupplierUser(1, 1), {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Search(officer_, {}).ok());
  EXPECT_TRUE(Search(staff_, {}).ok());
  DirectoryQuery bad;
  bad.limit = 101;
  EXPECT_EQ(Search(staff_, bad).status().field(), "limit");
  bad = {};
  bad.country = "kenya";
  EXPECT_EQ(Search(staff_, bad).status().field(), "country");
}

TEST_P(DirectoryServiceTest, FiltersAndOrderAgree) {
  EXPECT_EQ(Ids({}), (IdList{3, 4, 1, 5, 2})) << "by folded name (the Latin one when given)";
  EXPECT_EQ(Where([](DirectoryQuery& q) { q.text = "solar"; }), (IdList{4, 2}));
  EXPECT_EQ(Where([](DirectoryQuery& q) { q.text = "Nairobi sol"; }), IdList{2});
  EXPECT_EQ(Where([](DirectoryQuery& q) { q.text = "Equipements sahel"; }), IdList{1})
      << "accents folded";
  EXPECT_EQ(Where([](DirectoryQuery& q) { q.text = "太阳能"; }), IdList{4});
  EXPECT_EQ(Where([](DirectoryQuery& q) { q.country = "ML"; }), IdList{1});
  EXPECT_EQ(Where([](DirectoryQuery& q) { q.size = PartyScale::kSmall; }), (IdList{1, 5}));
  EXPECT_EQ(Where([](DirectoryQuery& q) { q.women_owned = false; }), (IdList{4, 2}));
  EXPECT_EQ(Where([](DirectoryQuery& q) { q.certificate = "iso_14001"; }), IdList{3});
  EXPECT_EQ(Where([](DirectoryQuery& q) { q.level = UngmLevel::kLevel1; }), (IdList{4, 1}));
  EXPECT_EQ(Where([](DirectoryQuery& q) { q.code = Code("43211503"); }), (IdList{1, 5}))
      << "listed, or a family above it";
  EXPECT_EQ(Where([](DirectoryQuery& q) { q.code = Code("42131500"); }), IdList{3});
}

TEST_P(DirectoryServiceTest, PagesTotalsAndFacetsAgree) {
  DirectoryQuery q;
  q.limit = 2;
  Result<DirectoryPage> first = Search(officer_, q);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->total, 5);
  EXPECT_EQ(first->next, SupplierId{4});
  q.after = first->next;
  Result<DirectoryPage> second = Search(officer_, q);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->entries.size(), 2u);
  EXPECT_EQ(second->entries[0].id, SupplierId{1});
  EXPECT_EQ(second->entries[0].legal_name, "Équipements Sahel SARL");
  EXPECT_EQ(second->entries[0].party_scale, PartyScale::kSmall);
  EXPECT_TRUE(second->entries[0].women_owned);
  EXPECT_EQ(second->entries[0].level, UngmLevel::kLevel1);
  EXPECT_EQ(second->entries[0].country, "SN");
  q.after = SupplierId{99};
  EXPECT_EQ(Search(officer_, q).status().field(), "cursor");

  DirectoryQuery women;
  women.women_owned = true;
  Result<DirectoryPage> page = Search(officer_, women);
  ASSERT_TRUE(page.ok());
  using Counts = std::map<std::string, std::int64_t>;
  EXPECT_EQ(page->total, 3);
  EXPECT_EQ(page->facets["country"], (Counts{{"PE", 1}, {"RW", 1}, {"SN", 1}}));
  EXPECT_EQ(page->facets["size"], (Counts{{"medium", 1}, {"small", 2}}));
  EXPECT_EQ(page->facets["women_owned"], (Counts{{"true", 3}}));
  EXPECT_EQ(page->facets["certificate"], (Counts{{"iso_14001", 1}, {"iso_9001", 2}}));
  EXPECT_EQ(page->facets["level"], (Counts{{"level_1", 1}, {"none", 2}}));
}

TEST_P(DirectoryServiceTest, OnlyTheIndexExpandsCodeTitlesAcrossLanguages) {
  DirectoryQuery q;
  q.text = "ordinateurs";
  q.language = Language::French();
  const IdList expected = GetParam() == "index" ? IdList{1} : IdList{};
  EXPECT_EQ(Ids(q), expected) << "the French title names class 432115, which 43211503 is under";
}

INSTANTIATE_TEST_SUITE_P(Backends, DirectoryServiceTest, ::testing::Values("sql", "index"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace tb::app
