#include "suppliers/supplier_service.h"

#include <gtest/gtest.h>

#include "suppliers/profile_json.h"
#include "suppliers/testing/fixtures.h"
#include "suppliers/testing/in_memory_supplier_store.h"
#include "suppliers/testing/test_files.h"

namespace tb::suppliers {
namespace {

using auth::Role;
using testing::Staff;
using testing::SupplierUser;

const Timestamp kNow = Timestamp::FromRfc3339("2025-06-01T09:00:00Z").value();

class SupplierServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    detector_ = std::move(ContentTypeDetector::Open().value());
    service_ =
        std::make_unique<SupplierService>(store_, *detector_, scanner_, clock_, nullptr, limits_);
    ASSERT_TRUE(service_->CreateSupplier(OrganisationId{1}, "Acme Ltd", "KE", UserId{10}).ok());
    ASSERT_TRUE(service_->CreateSupplier(OrganisationId{2}, "Beta SA", "SN", UserId{20}).ok());
  }

  Result<DocumentInfo> Upload(const auth::Actor& actor, std::int64_t supplier, DocumentKind kind,
                              const testing::Bytes& bytes, int fiscal_year = 0) {
    DocumentMetadata m;
    m.kind = kind;
    m.filename = "../../statement.pdf";
    m.fiscal_year = fiscal_year;
    m.audited = fiscal_year != 0;
    return service_->UploadDocument(actor, SupplierId{supplier}, m, bytes);
  }

  FakeClock clock_{kNow};
  testing::InMemorySupplierStore store_;
  std::unique_ptr<ContentTypeDetector> detector_;
  EicarScanner scanner_;
  DocumentLimits limits_;
  std::unique_ptr<SupplierService> service_;
  const auth::Actor a_ = SupplierUser(10, 1);
  const auth::Actor b_ = SupplierUser(20, 2);
  const auth::Actor officer_ = Staff(30, Role::kAgencyOfficer);
  const auth::Actor staff_ = Staff(40, Role::kCentreStaff);
};

TEST_F(SupplierServiceTest, AnotherCompanysProfileLooksExactlyLikeAMissingOne) {
  const Status foreign = service_->GetProfile(a_, SupplierId{2}).status();
  const Status missing = service_->GetProfile(a_, SupplierId{77}).status();
  EXPECT_EQ(foreign.code(), StatusCode::kNotFound);
  EXPECT_EQ(foreign, missing) << "AS-14: same code, message and field";
  EXPECT_EQ(service_->PatchProfile(a_, SupplierId{2}, {{"website", "https://x.example"}}).status(),
            missing);
  EXPECT_EQ(service_->GetReadiness(a_, SupplierId{2}).status(), missing);
  EXPECT_EQ(service_->ListDocuments(a_, SupplierId{2}).status(), missing);
  EXPECT_EQ(service_->Review(a_, SupplierId{2}, {ReviewAction::kSubmit, "", ""}).status(), missing);
  EXPECT_EQ(service_->ExportUngm(a_, SupplierId{2}, Language::English()).status(), missing);
  EXPECT_EQ(Upload(a_, 2, DocumentKind::kOther, testing::MinimalPdf()).status(), missing);
  EXPECT_EQ(service_->GetProfile(auth::Actor::Public(), SupplierId{1}).status(), missing);
  EXPECT_TRUE(service_->GetProfile(a_, SupplierId{1}).ok());
}

TEST_F(SupplierServiceTest, OfficersAndStaffReadButDoNotEditAndNeedTheirSecondFactor) {
  EXPECT_TRUE(service_->GetProfile(officer_, SupplierId{1}).ok());
  EXPECT_TRUE(service_->GetProfile(staff_, SupplierId{1}).ok());
  EXPECT_EQ(service_->PatchProfile(officer_, SupplierId{1}, {{"website", "https://x.example"}})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->GetProfile(Staff(31, Role::kAgencyOfficer, /*mfa=*/false), SupplierId{1})
                .status()
                .code(),
            StatusCode::kNotFound);
}

TEST_F(SupplierServiceTest, PatchSavesAsYouGoAndLogsTheChangedFields) {
  Result<SupplierRecord> r =
      service_->PatchProfile(a_, SupplierId{1}, {{"website", "https://acme.co.ke"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->profile.website, "https://acme.co.ke");
  EXPECT_EQ(r->profile.legal_name, "Acme Ltd");
  EXPECT_EQ(r->version, 2);
  const auto events = store_.ListEvents(SupplierId{1}).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].action, "profile_updated");
  EXPECT_EQ(events[1].actor, UserId{10});
  EXPECT_EQ(events[1].detail, R"({"fields":["website"]})");
  // Sending the same value again changes nothing and logs nothing.
  EXPECT_EQ(service_->PatchProfile(a_, SupplierId{1}, {{"website", "https://acme.co.ke"}})->version,
            2);
  EXPECT_EQ(store_.ListEvents(SupplierId{1})->size(), 2u);
}

TEST_F(SupplierServiceTest, PatchRefusesServerOwnedFieldsAndBadValuesWithoutChangingAnything) {
  for (const char* field : {"state", "ungm_number", "id", "version"}) {
    const Status s = service_->PatchProfile(a_, SupplierId{1}, {{field, "registered"}}).status();
    EXPECT_TRUE(IsUnknownFieldError(s)) << field;
  }
  EXPECT_EQ(service_->PatchProfile(a_, SupplierId{1}, {{"address", {{"country", "Kenya"}}}})
                .status()
                .field(),
            "/address/country");
  EXPECT_EQ(service_->PatchProfile(a_, SupplierId{1}, {{"website", "https://a.example"}}, 7)
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(service_->GetProfile(a_, SupplierId{1})->version, 1);
}

TEST_F(SupplierServiceTest, RegistrationNumberTakenByAnotherCompanyIsAConflictOnTheField) {
  ASSERT_TRUE(
      service_
          ->PatchProfile(a_, SupplierId{1},
                         {{"registration_numbers", {{{"country", "KE"}, {"number", "PVT-9"}}}}})
          .ok());
  const Status s =
      service_
          ->PatchProfile(b_, SupplierId{2},
                         {{"registration_numbers", {{{"country", "KE"}, {"number", "pvt9"}}}}})
          .status();
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(s.field(), "/registration_numbers/0/number");
}

TEST_F(SupplierServiceTest, CodeOfConductAcceptanceIsStampedByTheServer) {
  Result<SupplierRecord> r =
      service_->PatchProfile(a_, SupplierId{1}, {{"code_of_conduct_accepted", true}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->code_of_conduct_accepted_at, kNow);
  clock_.Advance(std::chrono::hours(1));
  EXPECT_EQ(service_->PatchProfile(a_, SupplierId{1}, {{"code_of_conduct_accepted", true}})
                ->code_of_conduct_accepted_at,
            kNow)
      << "accepting again keeps the first time";
}

TEST_F(SupplierServiceTest, UploadsAreCheckedSanitisedStoredAndLogged) {
  Result<DocumentInfo> doc = Upload(a_, 1, DocumentKind::kReferenceLetter, testing::MinimalPdf());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->display_name, "statement.pdf");
  EXPECT_EQ(doc->media_type, "application/pdf");
  EXPECT_EQ(doc->uploaded_by, UserId{10});
  EXPECT_EQ(Upload(a_, 1, DocumentKind::kOther, testing::WindowsExecutable()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Upload(a_, 1, DocumentKind::kOther, testing::EicarFile()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Upload(officer_, 1, DocumentKind::kOther, testing::MinimalPdf()).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->ListDocuments(a_, SupplierId{1})->size(), 1u);
  EXPECT_EQ(store_.ListEvents(SupplierId{1})->back().action, "document_added");
  auto content = service_->GetDocumentContent(a_, doc->id);
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(content->bytes, testing::MinimalPdf());
  EXPECT_EQ(service_->GetDocumentContent(b_, doc->id).status(),
            service_->GetDocumentContent(b_, DocumentId{999}).status());
}

TEST_F(SupplierServiceTest, QuotaIsPerCompany) {
  limits_.quota_bytes_per_company = static_cast<std::int64_t>(testing::MinimalPdf("a").size()) + 1;
  service_ =
      std::make_unique<SupplierService>(store_, *detector_, scanner_, clock_, nullptr, limits_);
  ASSERT_TRUE(Upload(a_, 1, DocumentKind::kOther, testing::MinimalPdf("a")).ok());
  EXPECT_EQ(Upload(a_, 1, DocumentKind::kOther, testing::MinimalPdf("b")).status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_TRUE(Upload(b_, 2, DocumentKind::kOther, testing::MinimalPdf("b")).ok());
}

TEST_F(SupplierServiceTest, FinancialStatementsGoToTheCompanyAndOfficersOnly) {
  Result<DocumentInfo> fs =
      Upload(a_, 1, DocumentKind::kFinancialStatement, testing::MinimalPdf(), 2024);
  ASSERT_TRUE(fs.ok()) << fs.status().ToString();
  EXPECT_TRUE(service_->GetDocumentContent(a_, fs->id).ok());
  EXPECT_TRUE(service_->GetDocumentContent(officer_, fs->id).ok());
  EXPECT_EQ(service_->GetDocumentContent(staff_, fs->id).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(service_->ListDocuments(staff_, SupplierId{1})->empty());
  EXPECT_EQ(service_->ListDocuments(officer_, SupplierId{1})->size(), 1u);
  EXPECT_EQ(Upload(a_, 1, DocumentKind::kFinancialStatement, testing::MinimalPdf("x"), 0)
                .status()
                .field(),
            "fiscal_year");
}

TEST_F(SupplierServiceTest, ReviewFollowsRolesAndIsLogged) {
  nlohmann::json basic = ProfileToJson(testing::BasicCompleteRecord(1, kNow).profile);
  basic["code_of_conduct_accepted"] = true;
  ASSERT_TRUE(service_->PatchProfile(a_, SupplierId{1}, basic).ok());
  EXPECT_EQ(store_.level_of(SupplierId{1}), UngmLevel::kBasic);
  EXPECT_EQ(service_->Review(officer_, SupplierId{1}, {ReviewAction::kStartReview, "", ""})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  ASSERT_TRUE(service_->Review(a_, SupplierId{1}, {ReviewAction::kSubmit, "", ""}).ok());
  ASSERT_TRUE(service_->Review(staff_, SupplierId{1}, {ReviewAction::kStartReview, "", ""}).ok());
  Result<SupplierRecord> changes = service_->Review(
      staff_, SupplierId{1}, {ReviewAction::kRequestChanges, "add references", ""});
  ASSERT_TRUE(changes.ok());
  EXPECT_EQ(changes->state, ReviewState::kChangesRequested);
  const SupplierEvent last = store_.ListEvents(SupplierId{1})->back();
  EXPECT_EQ(last.action, "request_changes");
  EXPECT_EQ(last.actor, UserId{40});
  EXPECT_EQ(last.detail,
            R"({"comment":"add references","from":"in_review","to":"changes_requested"})");
  EXPECT_EQ(service_->History(staff_, SupplierId{1})->size(), 5u);
  EXPECT_EQ(service_->History(officer_, SupplierId{1}).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(SupplierServiceTest, SubmissionAloneTellsTheListenerTheNamesAndOwnersToScreen) {
  std::vector<ScreeningSubject> told;
  service_->SetSubmittedListener([&](const ScreeningSubject& s) { told.push_back(s); });
  nlohmann::json basic = ProfileToJson(testing::BasicCompleteRecord(1, kNow).profile);
  basic["code_of_conduct_accepted"] = true;
  basic["trading_names"] = {"Acme Solar"};
  basic["owners"] = {{{"name", "Jane Wanjiru"}, {"share_percent", 60}, {"country", "KE"}}};
  ASSERT_TRUE(service_->PatchProfile(a_, SupplierId{1}, basic).ok());
  EXPECT_TRUE(told.empty()) << "saving a profile screens nothing";
  ASSERT_TRUE(service_->Review(a_, SupplierId{1}, {ReviewAction::kSubmit, "", ""}).ok());
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].supplier, SupplierId{1});
  EXPECT_EQ(told[0].legal_name, "Acme Ltd");
  EXPECT_EQ(told[0].trading_names, std::vector<std::string>{"Acme Solar"});
  EXPECT_EQ(told[0].owner_names, std::vector<std::string>{"Jane Wanjiru"});
  EXPECT_EQ(told[0].country, "KE");
  ASSERT_TRUE(service_->Review(staff_, SupplierId{1}, {ReviewAction::kStartReview, "", ""}).ok());
  EXPECT_EQ(told.size(), 1u) << "only submissions are screened";
}

TEST_F(SupplierServiceTest, DirectoryAndExpiryListsAreForTheRightPeople) {
  EXPECT_EQ(service_->SearchDirectory(a_, {}).status().code(), StatusCode::kPermissionDenied);
  Result<DirectoryPage> page = service_->SearchDirectory(officer_, {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 2);
  DirectoryQuery bad;
  bad.country = "kenya";
  EXPECT_EQ(service_->SearchDirectory(staff_, bad).status().field(), "country");

  DocumentMetadata m;
  m.kind = DocumentKind::kCertificate;
  m.filename = "iso.pdf";
  m.valid_until = kNow + std::chrono::hours(24 * 20);
  ASSERT_TRUE(service_->UploadDocument(a_, SupplierId{1}, m, testing::MinimalPdf()).ok());
  EXPECT_EQ(service_->ExpiringDocuments(a_, SupplierId{1}, 30)->size(), 1u);
  EXPECT_TRUE(service_->ExpiringDocuments(a_, SupplierId{1}, 10)->empty());
  EXPECT_EQ(service_->ExpiringDocuments(b_, SupplierId{1}, 30).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(service_->ExpiringDocuments(a_, SupplierId{}, 30).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->ExpiringDocuments(staff_, SupplierId{}, 30)->size(), 1u);
}

TEST_F(SupplierServiceTest, ScreeningSubjectsNeedNoActorButABoundedPage) {
  EXPECT_EQ(service_->ScreeningSubjects(SupplierId{}, 10)->size(), 2u);
  EXPECT_EQ(service_->ScreeningSubjects(SupplierId{}, 5000).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(SupplierServiceTest, OwnSuppliersAreTheActorsSupplierOrganisations) {
  EXPECT_EQ(service_->OwnSuppliers(a_), std::vector<SupplierId>{SupplierId{1}});
  EXPECT_TRUE(service_->OwnSuppliers(officer_).empty());
}

}  // namespace
}  // namespace tb::suppliers
