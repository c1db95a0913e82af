#include "screening/screening_service.h"

#include <gtest/gtest.h>

#include "sanctions/testing/list_files.h"
#include "screening/testing/in_memory_screening_store.h"

namespace tb::screening {
namespace {

using namespace std::chrono_literals;
using sanctions::testing::ReadListFile;

class FixedSubjects final : public ScreeningSubjectSource {
 public:
  explicit FixedSubjects(std::vector<ScreeningSubject> subjects) : subjects_(std::move(subjects)) {}
  Status ForEachSubject(const std::function<Status(const ScreeningSubject&)>& visit) override {
    for (const ScreeningSubject& s : subjects_) TB_RETURN_IF_ERROR(visit(s));
    return Status::Ok();
  }

 private:
  std::vector<ScreeningSubject> subjects_;
};

const ScreeningSubject kCleanSupplier{"supplier", "1", {"Sunrise Logistics Pty Ltd"}, "AU"};
const ScreeningSubject kListedSupplier{"supplier", "2", {"Korea Mining Development Trading Corp"}, "KP"};

class ScreeningServiceTest : public ::testing::Test {
 protected:
  // The clock starts a day after the 2024 list was generated, so it is fresh.
  ScreeningServiceTest() : clock_(Timestamp::FromRfc3339("2024-09-27T00:00:00Z").value()) {
    auto normalizer = sanctions::NameNormalizer::Create();
    EXPECT_TRUE(normalizer.ok());
    service_ = std::make_unique<ScreeningService>(store_, clock_, std::move(normalizer).value());
  }

  Result<ImportReport> Import(const char* file, ScreeningSubjectSource* subjects = nullptr) {
    return service_->ImportList(ReadListFile(file), subjects);
  }

  testing::InMemoryScreeningStore store_;
  FakeClock clock_;
  std::unique_ptr<ScreeningService> service_;
};

TEST_F(ScreeningServiceTest, ClearsAndFlagsAgainstAFreshListAndRecordsItsVersion) {
  ASSERT_TRUE(Import(sanctions::testing::k2024).ok());
  Result<ScreeningRecord> clean = service_->Screen(kCleanSupplier);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  EXPECT_EQ(clean->decision, ScreeningDecision::kClear);
  EXPECT_EQ(clean->list_sha256, "c6ca69960536d56d714dee1981723cdbeb26b2e8da84537a46696269a3942eb1");
  EXPECT_EQ(clean->list_date_generated, "2024-09-26T00:00:07.514Z");

  Result<ScreeningRecord> listed = service_->Screen(kListedSupplier);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->decision, ScreeningDecision::kHit);
  EXPECT_NE(listed->candidates_json.find("KPe.001"), std::string::npos);
  auto open = service_->ListReviews(ReviewStatus::kOpen, 0, 50);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u) << "only the hit goes to review";
  EXPECT_EQ((*open)[0].subject_id, "2");
}

// ET-14: no list, a stale list, a broken stored list, a truncated or hostile file: 0 clear.
TEST_F(ScreeningServiceTest, NeverClearsWithoutAList) {
  Result<ScreeningRecord> r = service_->Screen(kCleanSupplier);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->decision, ScreeningDecision::kUnavailable);
  EXPECT_EQ(r->list_version_id, 0);
}

TEST_F(ScreeningServiceTest, NeverClearsWithAStaleListButStillFindsHits) {
  ASSERT_TRUE(Import(sanctions::testing::k2024).ok());
  clock_.Advance(31 * 24h);
  Result<ScreeningRecord> clean = service_->Screen(kCleanSupplier);
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(clean->decision, ScreeningDecision::kUnavailable);
  EXPECT_NE(clean->reason.find("older than 30 days"), std::string::npos) << clean->reason;
  Result<ScreeningRecord> listed = service_->Screen(kListedSupplier);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->decision, ScreeningDecision::kHit);
}

TEST_F(ScreeningServiceTest, StaleMeansTheListsOwnDateNotTheImportTime) {
  clock_.Set(Timestamp::FromRfc3339("2026-11-21T00:00:00Z").value());
  ASSERT_TRUE(Import(sanctions::testing::k2024).ok()) << "importing an old file is allowed";
  Result<ScreeningRecord> r = service_->Screen(kCleanSupplier);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->decision, ScreeningDecision::kUnavailable);
}

TEST_F(ScreeningServiceTest, NeverClearsWhenTheStoredListIsBroken) {
  auto report = Import(sanctions::testing::k2024);
  ASSERT_TRUE(report.ok());
  store_.CorruptEntries(report->version.id);
  Result<ScreeningRecord> r = service_->Screen(kCleanSupplier);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->decision, ScreeningDecision::kUnavailable);
  EXPECT_NE(r->reason.find("cannot be read"), std::string::npos) << r->reason;
}

TEST_F(ScreeningServiceTest, RefusesTruncatedAndHostileFilesAndStoresNothing) {
  const std::string xml = ReadListFile(sanctions::testing::k2024);
  EXPECT_EQ(service_->ImportList(xml.substr(0, xml.size() / 3), nullptr).status().code(),
            StatusCode::kInvalidArgument);
  const std::string xxe =
      "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
      "<CONSOLIDATED_LIST dateGenerated='2024-09-26T00:00:00Z'><INDIVIDUALS><INDIVIDUAL>"
      "<DATAID>1</DATAID><FIRST_NAME>&e;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS><ENTITIES/>"
      "</CONSOLIDATED_LIST>";
  EXPECT_EQ(service_->ImportList(xxe, nullptr).status().code(), StatusCode::kInvalidArgument);
  auto current = service_->CurrentList();
  ASSERT_TRUE(current.ok());
  EXPECT_FALSE(current->has_value());
  Result<ScreeningRecord> r = service_->Screen(kCleanSupplier);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->decision, ScreeningDecision::kUnavailable);
}

TEST_F(ScreeningServiceTest, ImportDiffsAgainstThePreviousVersionAndRescreensEveryone) {
  clock_.Set(Timestamp::FromRfc3339("2017-07-05T00:00:00Z").value());
  FixedSubjects subjects({kCleanSupplier, kListedSupplier});
  auto first = Import(sanctions::testing::k2017, &subjects);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->diff.added.size(), 1021u) << "everything is new the first time";
  EXPECT_EQ(first->rescreen.screened, 2);

  clock_.Set(Timestamp::FromRfc3339("2024-09-27T00:00:00Z").value());
  auto second = Import(sanctions::testing::k2024, &subjects);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->diff.added.size(), 156u);
  EXPECT_EQ(second->diff.removed.size(), 302u);
  EXPECT_EQ(second->rescreen.screened, 2);
  EXPECT_EQ(second->rescreen.clear, 1);
  EXPECT_EQ(second->rescreen.hits, 1);
  auto latest = store_.LatestScreening("supplier", "2");
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->list_version_id, second->version.id);

  auto again = Import(sanctions::testing::k2024, &subjects);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->unchanged);
  EXPECT_EQ(again->rescreen.screened, 0);

  auto older = Import(sanctions::testing::k2017, &subjects);
  EXPECT_EQ(older.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(ScreeningServiceTest, ReviewersSeeTheEvidenceAndDecideOnce) {
  ASSERT_TRUE(Import(sanctions::testing::k2024).ok());
  ASSERT_TRUE(service_->Screen(kListedSupplier).ok());
  auto detail = service_->GetReview(1);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  ASSERT_FALSE(detail->evidence.empty());
  EXPECT_EQ(detail->evidence[0].entry.reference_number, "KPe.001");
  EXPECT_EQ(detail->evidence[0].screened_name, "Korea Mining Development Trading Corp");

  EXPECT_EQ(service_->DecideReview(1, "maybe", UserId{7}, "x").status().field(), "decision");
  EXPECT_EQ(service_->DecideReview(1, "confirm", UserId{7}, " ").status().field(), "note");
  auto decided = service_->DecideReview(1, "confirm", UserId{7}, "same company, same address");
  ASSERT_TRUE(decided.ok());
  EXPECT_EQ(decided->status, ReviewStatus::kConfirmed);
  EXPECT_EQ(service_->DecideReview(1, "clear", UserId{8}, "no").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(service_->GetReview(99).status().code(), StatusCode::kNotFound);
}

TEST_F(ScreeningServiceTest, RefusesNamelessSubjectsAndBadCountries) {
  EXPECT_EQ(service_->Screen({"supplier", "1", {" ", "--"}, ""}).status().field(), "names");
  EXPECT_EQ(service_->Screen({"supplier", "1", {"Acme"}, "KEN"}).status().field(), "country");
  EXPECT_EQ(store_.screening_count(), 0u);
}

}  // namespace
}  // namespace tb::screening
