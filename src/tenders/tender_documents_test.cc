// Uploaded tender documents over the real SQL stores on both engines (docs/tendering.md,
// "Tender documents"): draft upload, list, download, replace and removal; amendments after
// publication with notifications, versions and the deadline rule; AS-15 for other agencies;
// files refused by content and by size with nothing stored.
#include "tenders/tender_documents.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "suppliers/upload_checks.h"
#include "tenders/testing/service_fixture.h"

namespace tb::tenders {
namespace {

using testing::TenderServiceTest;

std::vector<std::uint8_t> Bytes(std::string_view text) { return {text.begin(), text.end()}; }

// The entry with `id` in a JSON list of documents (the sample tender has a linked one too).
const nlohmann::json& WithId(const nlohmann::json& documents, std::string_view id) {
  for (const nlohmann::json& d : documents) {
    if (d["id"] == id) return d;
  }
  static const nlohmann::json kNone;
  return kNone;
}
std::size_t IndexOf(const nlohmann::json& documents, std::string_view id) {
  for (std::size_t i = 0; i < documents.size(); ++i) {
    if (documents[i]["id"] == id) return i;
  }
  return documents.size();
}

// A small PDF libmagic recognises; `marker` makes each one's hash different.
std::vector<std::uint8_t> Pdf(std::string_view marker) {
  return Bytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% " + std::string(marker) +
               "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
}

class TenderDocumentsTest : public TenderServiceTest {
 protected:
  void SetUp() override {
    TenderServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    blobs_ = storage::MakeBlobStore(db(), clock_);
    auto detector = suppliers::ContentTypeDetector::Open();
    ASSERT_TRUE(detector.ok()) << detector.status().ToString();
    detector_ = std::move(detector).value();
    TenderDocumentLimits limits;
    limits.checks.max_file_bytes = 4096;
    documents_ = std::make_unique<TenderDocumentService>(*service_, *store_, *blobs_, *detector_,
                                                         scanner_, clock_, limits);
  }

  Result<TenderDocumentService::Uploaded> Upload(const auth::Actor& actor, const Tender& t,
                                                 const std::vector<std::uint8_t>& bytes,
                                                 TenderDocumentUpload upload = {}) {
    if (upload.filename.empty()) upload.filename = "specification.pdf";
    if (upload.kind.empty() && upload.document_id.empty()) upload.kind = "technical_specification";
    return documents_->Upload(actor, t.ocid, upload, bytes);
  }

  bool BlobStored(const std::vector<std::uint8_t>& bytes) {
    return blobs_->Get(suppliers::Sha256Hex(bytes)).ok();
  }

  std::unique_ptr<suppliers::BlobStore> blobs_;
  std::unique_ptr<suppliers::ContentTypeDetector> detector_;
  suppliers::EicarScanner scanner_;
  std::unique_ptr<TenderDocumentService> documents_;
};

TEST_P(TenderDocumentsTest, DraftDocumentsAreUploadedListedDownloadedReplacedAndRemoved) {
  const Tender t = Draft();
  const std::vector<std::uint8_t> first = Pdf("first");
  auto uploaded = Upload(officer_, t, first, {.title = "Technical specification"});
  ASSERT_TRUE(uploaded.ok()) << uploaded.status().ToString();
  const TenderDocument& d = uploaded->document;
  EXPECT_EQ(d.id, "doc-1");
  EXPECT_EQ(d.title, "Technical specification");
  EXPECT_EQ(d.kind, "technical_specification");
  EXPECT_EQ(d.document_type, "technicalSpecifications");
  EXPECT_TRUE(d.url.empty());
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_EQ(d.files[0].version, 1);
  EXPECT_EQ(d.files[0].media_type, "application/pdf");
  EXPECT_EQ(d.files[0].size, static_cast<std::int64_t>(first.size()));
  EXPECT_EQ(d.files[0].sha256, suppliers::Sha256Hex(first));
  EXPECT_FALSE(uploaded->amendment.has_value());

  auto listed = documents_->List(colleague_, t.ocid);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->documents.size(), t.documents.size() + 1);
  EXPECT_EQ(listed->documents.back(), d);
  auto content = documents_->Download(colleague_, t.ocid, "doc-1", 0);
  ASSERT_TRUE(content.ok()) << content.status().ToString();
  EXPECT_EQ(content->bytes, first);

  // A draft has no history: the new file replaces the old one as version 1.
  const std::vector<std::uint8_t> second = Pdf("second");
  auto replaced = Upload(colleague_, t, second, {.document_id = "doc-1", .filename = "v2.pdf"});
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  ASSERT_EQ(replaced->document.files.size(), 1u);
  EXPECT_EQ(replaced->document.files[0].sha256, suppliers::Sha256Hex(second));
  EXPECT_EQ(replaced->document.files[0].filename, "v2.pdf");
  EXPECT_EQ(replaced->document.title, "Technical specification");
  EXPECT_EQ(documents_->Download(officer_, t.ocid, "doc-1", 0)->bytes, second);
  EXPECT_EQ(CountAudit("tender.document_uploaded"), 2);

  auto removed = documents_->Remove(officer_, t.ocid, "doc-1");
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(removed->documents, t.documents);
  EXPECT_EQ(documents_->Download(officer_, t.ocid, "doc-1", 0).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(documents_->Remove(officer_, t.ocid, "doc-1").status().code(), StatusCode::kNotFound);
}

TEST_P(TenderDocumentsTest, FileNamesLosePathsAndControlCharacters) {
  const Tender t = Draft();
  auto uploaded =
      Upload(officer_, t, Pdf("name"), {.filename = "..\\..\\C:\\specs/ToR\u202Efdp.exe.pdf"});
  ASSERT_TRUE(uploaded.ok()) << uploaded.status().ToString();
  EXPECT_EQ(uploaded->document.files[0].filename, "ToRfdp.exe.pdf");
  EXPECT_EQ(uploaded->document.title, "ToRfdp.exe.pdf");
}

TEST_P(TenderDocumentsTest, DraftDocumentsOfAnotherAgencyAnswerLikeAMissingTender) {
  const Tender t = Draft();
  ASSERT_TRUE(Upload(officer_, t, Pdf("secret")).ok());
  const Status missing =
      documents_->Download(other_officer_, "ocds-tbrdg1-999999", "doc-1", 0).status();
  ASSERT_EQ(missing.code(), StatusCode::kNotFound);
  for (const auth::Actor& outsider : {other_officer_, supplier_a_, auth::Actor::Public()}) {
    for (const Status& s : {documents_->Download(outsider, t.ocid, "doc-1", 0).status(),
                            documents_->List(outsider, t.ocid).status(),
                            Upload(outsider, t, Pdf("intruder")).status(),
                            documents_->Remove(outsider, t.ocid, "doc-1").status()}) {
      EXPECT_EQ(s.code(), missing.code()) << s.ToString();
      EXPECT_EQ(s.message(), missing.message());
    }
  }
  EXPECT_FALSE(BlobStored(Pdf("intruder")));
}

TEST_P(TenderDocumentsTest, WritesOfReadersWhoAreNotOwnersAreDenied) {
  const Tender t = Published();
  const Status denied = Upload(supplier_a_, t, Pdf("supplier")).status();
  EXPECT_EQ(denied.code(), StatusCode::kPermissionDenied) << denied.ToString();
  EXPECT_EQ(documents_->Remove(members_[0], t.ocid, "doc-1").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(CountAudit("access.denied"), 2);
  EXPECT_FALSE(BlobStored(Pdf("supplier")));
}

TEST_P(TenderDocumentsTest, FilesWhoseBytesAreNotAnAcceptedTypeAreRefusedAndNotStored) {
  const Tender t = Draft();
  // A program and plain text, each named like a PDF: the bytes decide.
  for (const std::vector<std::uint8_t>& bytes :
       {Bytes(std::string("MZ\x90\x00\x03\x00\x00\x00\x04\x00", 10) + std::string(200, '\0')),
        Bytes("Terms of reference, plain text pretending to be a PDF\n")}) {
    const Status refused = Upload(officer_, t, bytes, {.filename = "terms.pdf"}).status();
    EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument) << refused.ToString();
    EXPECT_EQ(refused.field(), "file");
    EXPECT_TRUE(refused.message().starts_with("files of type ")) << refused.message();
    EXPECT_FALSE(BlobStored(bytes));
  }
  EXPECT_EQ(store_->Get(t.ocid)->documents, t.documents);
  EXPECT_EQ(CountAudit("tender.document_uploaded"), 0);
}

TEST_P(TenderDocumentsTest, FilesAboveTheSizeLimitAreRefusedAndNotStored) {
  const Tender t = Draft();
  std::string big = "%PDF-1.4\n" + std::string(5000, 'x') + "\n%%EOF\n";
  const std::vector<std::uint8_t> bytes = Bytes(big);
  const Status refused = Upload(officer_, t, bytes).status();
  EXPECT_EQ(refused.code(), StatusCode::kResourceExhausted) << refused.ToString();
  EXPECT_EQ(refused.field(), "file");
  EXPECT_FALSE(BlobStored(bytes));
  EXPECT_EQ(store_->Get(t.ocid)->documents, t.documents);
  EXPECT_EQ(store_->Get(t.ocid)->version, t.version);
}

TEST_P(TenderDocumentsTest, UploadsAfterPublicationAreVersionedAmendments) {
  const Tender t = Published();
  ASSERT_EQ(t.state, TenderState::kPublished);
  ASSERT_TRUE(service_->ExpressInterest(supplier_a_, t.ocid, {}).ok());
  const std::vector<std::uint8_t> v1 = Pdf("v1");
  const Status no_reason = Upload(officer_, t, v1).status();
  EXPECT_EQ(no_reason.field(), "rationale") << no_reason.ToString();

  auto added = Upload(officer_, t, v1, {.rationale = "Specification published"});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  ASSERT_TRUE(added->amendment.has_value());
  EXPECT_EQ(added->amendment->number, 1);
  EXPECT_TRUE(added->amendment->substantive);
  EXPECT_EQ(added->amendment->changed_fields, std::vector<std::string>{"documents"});
  EXPECT_TRUE(added->tender.reconfirm_required);
  EXPECT_EQ(NotificationsOf(p_.supplier_a), 1u);

  const std::vector<std::uint8_t> v2 = Pdf("v2");
  auto replaced =
      Upload(officer_, t, v2, {.document_id = "doc-1", .rationale = "Corrected quantities"});
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  ASSERT_EQ(replaced->document.files.size(), 2u);
  EXPECT_EQ(replaced->document.files[1].version, 2);
  EXPECT_EQ(replaced->amendment->number, 2);
  EXPECT_EQ(NotificationsOf(p_.supplier_a), 2u);

  // Published documents are public, and the old version stays downloadable.
  const auth::Actor anyone = auth::Actor::Public();
  EXPECT_EQ(documents_->Download(anyone, t.ocid, "doc-1", 1)->bytes, v1);
  EXPECT_EQ(documents_->Download(anyone, t.ocid, "doc-1", 2)->bytes, v2);
  EXPECT_EQ(documents_->Download(supplier_b_, t.ocid, "doc-1", 0)->bytes, v2);
  EXPECT_EQ(documents_->Download(anyone, t.ocid, "doc-1", 3).status().field(), "version");

  // The amendment history shows both versions' hashes.
  auto amendments = service_->Amendments(anyone, t.ocid);
  ASSERT_TRUE(amendments.ok());
  ASSERT_EQ(amendments->size(), 2u);
  const nlohmann::json changes = nlohmann::json::parse((*amendments)[1].changes_json);
  const nlohmann::json& before = WithId(changes["documents"]["before"], "doc-1");
  const nlohmann::json& after = WithId(changes["documents"]["after"], "doc-1");
  ASSERT_TRUE(before.is_object() && after.is_object()) << changes.dump();
  EXPECT_EQ(before["files"].size(), 1u);
  EXPECT_EQ(after["files"][0]["sha256"], suppliers::Sha256Hex(v1));
  EXPECT_EQ(after["files"][1]["sha256"], suppliers::Sha256Hex(v2));

  const Status removal = documents_->Remove(officer_, t.ocid, "doc-1").status();
  EXPECT_EQ(removal.code(), StatusCode::kFailedPrecondition) << removal.ToString();
}

TEST_P(TenderDocumentsTest, ALateUploadExtendsTheDeadlineByTheSubstantiveRule) {
  const Tender t = Published(10);
  clock_.Advance(std::chrono::hours(24 * 6));  // 4 days left; the rule wants 7
  auto added = Upload(officer_, t, Pdf("late"), {.rationale = "Missing drawing"});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_TRUE(added->amendment->deadline_extended);
  ASSERT_TRUE(added->tender.deadline.has_value());
  EXPECT_GE(*added->tender.deadline, clock_.Now() + std::chrono::hours(24 * 7));
}

TEST_P(TenderDocumentsTest, UploadedFilesCannotBeForgedOrDroppedThroughEditsOrAmendments) {
  const Tender t = Draft();
  ASSERT_TRUE(Upload(officer_, t, Pdf("real")).ok());
  nlohmann::json documents = EditableJson(*store_->Get(t.ocid))["documents"];
  const std::size_t at = IndexOf(documents, "doc-1");
  ASSERT_LT(at, documents.size());
  const std::string field = "documents/" + std::to_string(at) + "/files";
  documents[at]["files"][0]["sha256"] = std::string(64, 'a');
  const Status forged = service_->Patch(officer_, t.ocid, {{"documents", documents}}, {}).status();
  EXPECT_EQ(forged.field(), field) << forged.ToString();
  documents[at]["id"] = "doc-9";
  const Status invented =
      service_->Patch(officer_, t.ocid, {{"documents", documents}}, {}).status();
  EXPECT_EQ(invented.field(), field) << invented.ToString();
  // Editing the title of an uploaded document is an ordinary edit.
  documents = EditableJson(*store_->Get(t.ocid))["documents"];
  documents[at]["title"] = "Renamed";
  EXPECT_TRUE(service_->Patch(officer_, t.ocid, {{"documents", documents}}, {}).ok());

  const Tender published = Published();
  ASSERT_TRUE(Upload(officer_, published, Pdf("kept"), {.rationale = "Specification"}).ok());
  AmendmentRequest drop;
  drop.changes = {{"documents", nlohmann::json::array()}};
  drop.rationale = "Remove it";
  const Status dropped = service_->Amend(officer_, published.ocid, drop).status();
  EXPECT_EQ(dropped.field(), "changes/documents") << dropped.ToString();
}

TB_INSTANTIATE_BACKENDS(TenderDocumentsTest);

}  // namespace
}  // namespace tb::tenders
