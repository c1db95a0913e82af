#include <gtest/gtest.h>

#include <memory>

#include "storage/change_log.h"
#include "storage/sql_supplier_store.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using suppliers::DocumentId;
using suppliers::DocumentInfo;
using suppliers::DocumentKind;
using suppliers::SupplierEvent;
using suppliers::SupplierRecord;
using suppliers::UngmLevel;

const Timestamp kT0 = Timestamp::FromRfc3339("2025-03-01T10:00:00Z").value();

SupplierRecord Record(std::int64_t id, std::string name, std::string country = "KE") {
  SupplierRecord r;
  r.id = SupplierId{id};
  r.organisation = OrganisationId{id};
  r.profile.legal_name = std::move(name);
  r.profile.address.country = std::move(country);
  r.created_at = kT0;
  r.updated_at = kT0;
  r.version = 1;
  return r;
}

SupplierEvent Ev(std::int64_t supplier, std::string action, Timestamp at = kT0) {
  return {0, SupplierId{supplier}, at, UserId{42}, std::move(action), "{}"};
}

std::vector<std::uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

DocumentInfo Doc(std::int64_t supplier, std::string_view content,
                 DocumentKind kind = DocumentKind::kOther) {
  DocumentInfo d;
  d.supplier = SupplierId{supplier};
  d.kind = kind;
  d.display_name = "file.pdf";
  d.media_type = "application/pdf";
  d.size = static_cast<std::int64_t>(content.size());
  d.sha256 = suppliers::Sha256Hex(Bytes(content));
  d.uploaded_at = kT0;
  d.uploaded_by = UserId{42};
  d.language = "en";
  return d;
}

class SupplierStoreTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (db_) store_ = std::make_unique<SqlSupplierStore>(db());
  }
  SupplierRecord MustCreate(const SupplierRecord& r, UngmLevel level = UngmLevel::kNone) {
    Result<SupplierRecord> created = store_->Create(r, Ev(r.id.value, "created"), level);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : r;
  }
  std::int64_t Count(std::string_view sql) {
    auto tx = db().Begin(TxMode::kRead);
    auto s = (*tx)->Prepare(sql);
    EXPECT_TRUE(s.ok());
    EXPECT_TRUE(*(*s)->Step());
    return (*s)->Int64(0);
  }
  std::unique_ptr<SqlSupplierStore> store_;
};

TEST_P(SupplierStoreTest, CreateAndGetRoundTripTheWholeRecord) {
  SupplierRecord r = Record(7, "Сибирь Солар");
  r.profile.legal_name_latin = "Sibir Solar";
  r.profile.registration_numbers = {{"RU", "10277"}};
  r.profile.unspsc_codes = {*UnspscCode::Parse("26111600")};
  r.profile.year_established = 2001;
  r.code_of_conduct_accepted_at = kT0;
  MustCreate(r);
  Result<SupplierRecord> got = store_->Get(SupplierId{7});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, r);
  EXPECT_EQ(store_->Get(SupplierId{8}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Create(r, Ev(7, "created"), UngmLevel::kNone).status().code(),
            StatusCode::kAlreadyExists);
}

TEST_P(SupplierStoreTest, RegistrationNumbersAreUniquePerCountry) {
  SupplierRecord a = Record(1, "A");
  a.profile.registration_numbers = {{"KE", "PVT-123"}};
  MustCreate(a);
  SupplierRecord b = Record(2, "B");
  b.profile.registration_numbers = {{"UG", "PVT-123"}, {"KE", "pvt 123"}};
  Result<SupplierRecord> taken = store_->Create(b, Ev(2, "created"), UngmLevel::kNone);
  EXPECT_EQ(taken.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(taken.status().field(), "/registration_numbers/1/number");
  EXPECT_EQ(store_->Get(SupplierId{2}).status().code(), StatusCode::kNotFound)
      << "nothing half-written";
  b.profile.registration_numbers = {{"UG", "PVT-123"}};
  MustCreate(b);
  // A tax number may equal a registration number: they are different registries.
  SupplierRecord c = Record(3, "C");
  c.profile.tax_numbers = {{"KE", "PVT-123"}};
  MustCreate(c);
}

TEST_P(SupplierStoreTest, UpdateChecksTheVersionAndReleasesOldNumbers) {
  SupplierRecord a = MustCreate([] {
    SupplierRecord r = Record(1, "A");
    r.profile.registration_numbers = {{"KE", "1"}};
    return r;
  }());
  a.profile.registration_numbers = {{"KE", "2"}};
  Result<SupplierRecord> updated =
      store_->Update(a, Ev(1, "profile_updated", kT0 + std::chrono::seconds(5)), UngmLevel::kBasic);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->updated_at, kT0 + std::chrono::seconds(5));
  EXPECT_EQ(*store_->Get(SupplierId{1}), *updated);

  SupplierRecord stale = a;  // still version 1
  stale.profile.website = "https://a.example";
  EXPECT_EQ(store_->Update(stale, Ev(1, "profile_updated"), UngmLevel::kNone).status().code(),
            StatusCode::kFailedPrecondition);

  SupplierRecord b = Record(2, "B");
  b.profile.registration_numbers = {{"KE", "1"}};
  MustCreate(b);  // the number A gave up is free again
  SupplierRecord missing = Record(9, "Nobody");
  EXPECT_EQ(store_->Update(missing, Ev(9, "x"), UngmLevel::kNone).status().code(),
            StatusCode::kNotFound);
}

TEST_P(SupplierStoreTest, DocumentsShareBlobsAndRespectTheQuota) {
  MustCreate(Record(1, "A"));
  MustCreate(Record(2, "B"));
  suppliers::DocumentLimits limits;
  limits.quota_bytes_per_company = 20;
  Result<DocumentInfo> first = store_->AddDocument(Doc(1, "0123456789"), Bytes("0123456789"),
                                                   limits, Ev(1, "document_added"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->id.valid());
  ASSERT_TRUE(
      store_
          ->AddDocument(Doc(2, "0123456789"), Bytes("0123456789"), limits, Ev(2, "document_added"))
          .ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM blobs"), 1) << "same bytes, one blob";

  Result<DocumentInfo> over = store_->AddDocument(Doc(1, "abcdefghijk"), Bytes("abcdefghijk"),
                                                  limits, Ev(1, "document_added"));
  EXPECT_EQ(over.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM blobs"), 1) << "a refused upload leaves storage unchanged";
  EXPECT_EQ(store_->ListDocuments(SupplierId{1})->size(), 1u);

  Result<std::vector<std::uint8_t>> content = store_->ReadDocumentContent(first->id);
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(*content, Bytes("0123456789"));
  EXPECT_EQ(*store_->GetDocument(first->id), *first);
  EXPECT_EQ(
      store_->AddDocument(Doc(99, "x"), Bytes("x"), {}, Ev(99, "document_added")).status().code(),
      StatusCode::kNotFound);
}

TEST_P(SupplierStoreTest, ATranslationMustTranslateTheSameCompanysDocument) {
  MustCreate(Record(1, "A"));
  MustCreate(Record(2, "B"));
  Result<DocumentInfo> original =
      store_->AddDocument(Doc(1, "cert", DocumentKind::kIncorporationCertificate), Bytes("cert"),
                          {}, Ev(1, "document_added"));
  ASSERT_TRUE(original.ok());
  DocumentInfo foreign = Doc(2, "translation", DocumentKind::kTranslation);
  foreign.translation_of = original->id;
  EXPECT_EQ(store_->AddDocument(foreign, Bytes("translation"), {}, Ev(2, "document_added"))
                .status()
                .field(),
            "translation_of");
  DocumentInfo own = Doc(1, "translation", DocumentKind::kTranslation);
  own.translation_of = original->id;
  Result<DocumentInfo> stored =
      store_->AddDocument(own, Bytes("translation"), {}, Ev(1, "document_added"));
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(store_->GetDocument(stored->id)->translation_of, original->id);
}

TEST_P(SupplierStoreTest, DeletesDocumentsAndListsExpiringOnesEarliestFirst) {
  MustCreate(Record(1, "A"));
  MustCreate(Record(2, "B"));
  const auto add = [&](std::int64_t supplier, std::string_view content,
                       std::optional<Timestamp> until) {
    DocumentInfo d = Doc(supplier, content);
    d.valid_until = until;
    return store_->AddDocument(d, Bytes(content), {}, Ev(supplier, "document_added")).value();
  };
  const DocumentInfo expired = add(1, "a", kT0 - std::chrono::hours(24));
  const DocumentInfo soon = add(1, "b", kT0 + std::chrono::hours(24 * 10));
  add(1, "c", kT0 + std::chrono::hours(24 * 90));
  add(1, "d", std::nullopt);
  const DocumentInfo other = add(2, "e", kT0 + std::chrono::hours(24 * 5));

  auto mine = store_->ExpiringDocuments(kT0, kT0 + std::chrono::hours(24 * 30), SupplierId{1});
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].document.id, expired.id);
  EXPECT_TRUE((*mine)[0].expired);
  EXPECT_EQ((*mine)[1].document.id, soon.id);
  EXPECT_FALSE((*mine)[1].expired);
  auto all = store_->ExpiringDocuments(kT0, kT0 + std::chrono::hours(24 * 30), SupplierId{});
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[1].document.id, other.id);

  ASSERT_TRUE(store_->DeleteDocument(soon.id, Ev(1, "document_deleted")).ok());
  EXPECT_EQ(store_->GetDocument(soon.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteDocument(soon.id, Ev(1, "document_deleted")).code(),
            StatusCode::kNotFound);
}

TEST_P(SupplierStoreTest, EveryWriteIsLoggedWithActorAndTimeAndFeedsTheChangeLog) {
  SupplierRecord a = MustCreate(Record(1, "A"));
  a.profile.website = "https://a.example";
  ASSERT_TRUE(
      store_->Update(a, Ev(1, "profile_updated", kT0 + std::chrono::seconds(1)), UngmLevel::kNone)
          .ok());
  Result<DocumentInfo> doc =
      store_->AddDocument(Doc(1, "x"), Bytes("x"), {}, Ev(1, "document_added"));
  ASSERT_TRUE(doc.ok());
  ASSERT_TRUE(store_->AppendEvent(Ev(1, "note")).ok());
  auto events = store_->ListEvents(SupplierId{1});
  ASSERT_TRUE(events.ok());
  std::vector<std::string> actions;
  for (const SupplierEvent& e : *events) {
    actions.push_back(e.action);
    EXPECT_EQ(e.actor, UserId{42});
  }
  EXPECT_EQ(actions,
            (std::vector<std::string>{"created", "profile_updated", "document_added", "note"}));
  EXPECT_EQ((*events)[1].at, kT0 + std::chrono::seconds(1));
  EXPECT_NE((*events)[2].detail.find("document_id"), std::string::npos);
  auto changes = ChangeLog(db()).ReadSince(0, 100);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 3u);
  EXPECT_EQ((*changes)[0].entity, "supplier");
  EXPECT_EQ((*changes)[0].op, "create");
}

// The supplier directory index is a projection of `changes` (docs/search.md): every write it
// shows must append a row in the write's own transaction.
TEST_P(SupplierStoreTest, AProfileWriteAndANewLevelAppendSupplierChanges) {
  SupplierRecord a = MustCreate(Record(5, "A"));
  ChangeLog log(db());
  const std::int64_t after_create = *log.LatestSeq();
  a.profile.legal_name = "A renamed";
  ASSERT_TRUE(store_->Update(a, Ev(5, "profile_updated"), UngmLevel::kNone).ok());
  auto changes = log.ReadSince(after_create, 10);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].entity, "supplier");
  EXPECT_EQ((*changes)[0].id, 5);
  EXPECT_EQ((*changes)[0].op, "update");

  const std::int64_t after_update = *log.LatestSeq();
  ASSERT_TRUE(store_->SetReadinessLevel(SupplierId{5}, UngmLevel::kNone).ok());
  EXPECT_EQ(*log.LatestSeq(), after_update) << "the same level is no change";
  ASSERT_TRUE(store_->SetReadinessLevel(SupplierId{5}, UngmLevel::kBasic).ok());
  changes = log.ReadSince(after_update, 10);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].id, 5);
  EXPECT_EQ((*changes)[0].at, kT0) << "dated by the last write of the supplier";
  auto stored = store_->GetForDirectory(SupplierId{5});
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->level, UngmLevel::kBasic);
  EXPECT_EQ(stored->record.profile.legal_name, "A renamed");
  EXPECT_EQ(store_->GetForDirectory(SupplierId{6}).status().code(), StatusCode::kNotFound);
}

TEST_P(SupplierStoreTest, ScreeningSubjectsListNamesOwnersAndCountry) {
  SupplierRecord a = Record(1, "Сибирь Солар", "RU");
  a.profile.legal_name_latin = "Sibir Solar";
  a.profile.trading_names = {"SibSol"};
  a.profile.owners = {{"Ivan Petrov", 60, "RU"}, {"Olga Petrova", 40, "RU"}};
  MustCreate(a);
  MustCreate(Record(2, "B"));
  auto subjects = store_->ScreeningSubjects(SupplierId{}, 1);
  ASSERT_TRUE(subjects.ok());
  ASSERT_EQ(subjects->size(), 1u);
  const suppliers::ScreeningSubject expected{
      SupplierId{1}, "Сибирь Солар", "Sibir Solar", {"SibSol"}, {"Ivan Petrov", "Olga Petrova"},
      "RU"};
  EXPECT_EQ((*subjects)[0], expected);
  EXPECT_EQ(store_->ScreeningSubjects(SupplierId{1}, 10)->size(), 1u);
  EXPECT_EQ(store_->ScreeningSubjects(SupplierId{}, 0).status().code(),
            StatusCode::kInvalidArgument);
}

TB_INSTANTIATE_BACKENDS(SupplierStoreTest);

}  // namespace
}  // namespace tb::storage
