// SupplierService::SearchDirectory with a DirectoryIndex: who may search does not change, and
// the store answers when the index cannot. The Xapian index itself is tested in search/ and,
// behind this service, on both backends in app/supplier_directory_test.cc.
#include "suppliers/directory_index.h"

#include <gtest/gtest.h>

#include "suppliers/supplier_service.h"
#include "suppliers/testing/fixtures.h"
#include "suppliers/testing/in_memory_supplier_store.h"

namespace tb::suppliers {
namespace {

using testing::Staff;
using testing::SupplierUser;

// Answers every search with one fixed supplier (id 99), or with `failure` when set.
class FakeDirectoryIndex final : public DirectoryIndex {
 public:
  Result<DirectoryPage> Search(const DirectoryQuery& query) override {
    ++calls;
    last_query = query;
    if (!failure.ok()) return failure;
    DirectoryPage page;
    page.entries.push_back({SupplierId{99}, "Indexed Ltd", "", "KE", std::nullopt, false,
                            UngmLevel::kNone, ReviewState::kDraft});
    page.total = 1;
    return page;
  }
  int calls = 0;
  DirectoryQuery last_query;
  Status failure = Status::Ok();
};

class DirectoryIndexServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    detector_ = std::move(ContentTypeDetector::Open().value());
    service_ = std::make_unique<SupplierService>(store_, *detector_, scanner_, clock_, nullptr);
    ASSERT_TRUE(service_->CreateSupplier(OrganisationId{1}, "Stored Ltd", "KE", UserId{10}).ok());
    service_->SetDirectoryIndex(&index_);
  }

  std::vector<std::int64_t> Ids(const DirectoryQuery& query) {
    Result<DirectoryPage> page = service_->SearchDirectory(officer_, query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::int64_t> ids;
    if (page.ok()) {
      for (const DirectoryEntry& e : page->entries) ids.push_back(e.id.value);
    }
    return ids;
  }

  FakeClock clock_{Timestamp::FromRfc3339("2025-06-01T09:00:00Z").value()};
  testing::InMemorySupplierStore store_;
  std::unique_ptr<ContentTypeDetector> detector_;
  EicarScanner scanner_;
  std::unique_ptr<SupplierService> service_;
  FakeDirectoryIndex index_;
  const auth::Actor officer_ = Staff(30, auth::Role::kAgencyOfficer);
};

TEST_F(DirectoryIndexServiceTest, TheIndexAnswersWhenSet) {
  DirectoryQuery q;
  q.text = "ordinateurs";
  q.language = Language::French();
  EXPECT_EQ(Ids(q), std::vector<std::int64_t>{99});
  EXPECT_EQ(index_.last_query.text, "ordinateurs");
  EXPECT_EQ(index_.last_query.language, Language::French());
  service_->SetDirectoryIndex(nullptr);
  EXPECT_EQ(Ids({}), std::vector<std::int64_t>{1}) << "without an index the store answers";
}

TEST_F(DirectoryIndexServiceTest, TheRulesComeBeforeTheIndex) {
  EXPECT_EQ(service_->SearchDirectory(SupplierUser(10, 1), {}).status().code(),
            StatusCode::kPermissionDenied);
  DirectoryQuery bad;
  bad.country = "kenya";
  EXPECT_EQ(service_->SearchDirectory(officer_, bad).status().field(), "country");
  EXPECT_EQ(index_.calls, 0) << "a refused search never reaches the index";
}

TEST_F(DirectoryIndexServiceTest, AnUnavailableIndexFallsBackToTheStoreButOtherErrorsShow) {
  index_.failure = Status::Unavailable("index reloading");
  EXPECT_EQ(Ids({}), std::vector<std::int64_t>{1});
  index_.failure = Status::InvalidArgument("the cursor names no supplier").WithField("cursor");
  EXPECT_EQ(service_->SearchDirectory(officer_, {}).status().field(), "cursor")
      << "the caller's mistake is not hidden behind the other backend";
}

}  // namespace
}  // namespace tb::suppliers
