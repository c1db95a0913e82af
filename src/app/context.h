#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.h"
#include "core/timestamp.h"

namespace tb::storage {
class Database;
class ChangeLog;
}  // namespace tb::storage
namespace tb::search {
class SearchIndex;
class SupplierIndex;
class UnspscTitleLookup;
}  // namespace tb::search
namespace tb::notices {
class NoticeStore;
class UnspscCatalogue;
class ImportService;
}  // namespace tb::notices

namespace tb::auth {
class AuthStore;
}  // namespace tb::auth
namespace tb::suppliers {
class SupplierStore;
class SupplierService;
class ContentTypeDetector;
class VirusScanner;
class BlobStore;
}  // namespace tb::suppliers
namespace tb::screening {
class ScreeningStore;
class ScreeningService;
class ScreeningSubjectSource;
}  // namespace tb::screening

namespace tb::crypto {
class SigningKey;
}  // namespace tb::crypto
namespace tb::tenders {
class BidStore;
class BidEligibility;
class SupplierFactsSource;
class BidService;
class OpeningService;
class TenderStore;
class EvaluationStore;
class EvaluationService;
class AwardService;
class AwardRuleBook;
class OcdsExporter;
class TenderService;
class TenderDocumentService;
class ProcedureRuleBook;
}  // namespace tb::tenders
namespace tb::events {
class EventStore;
class EventService;
}  // namespace tb::events
namespace tb::matching {
class AlertStore;
class AlertService;
class CodePredictor;
}  // namespace tb::matching
namespace tb::audit {
class AuditLogReader;
}  // namespace tb::audit

namespace tb::auth {
class SecurityLog;
class Mailer;
}  // namespace tb::auth

namespace tb::app {

// The process clock: the system's, unless `serve --test-clock` moved it for an API test
// (docs/bids.md, "Test clock"). Set() refuses until EnableTesting() was called, and only the
// serve flag calls it, so nothing else can make this clock differ from the system's.
// Thread-safe.
class ProcessClock final : public Clock {
 public:
  Timestamp Now() const override;
  void EnableTesting() { testing_.store(true); }
  bool testing() const { return testing_.load(); }
  // From now on Now() reads `now` plus the real time elapsed since this call.
  // FailedPrecondition unless testing was enabled.
  Status Set(Timestamp now);

 private:
  SystemClock system_;
  std::atomic<bool> testing_{false};
  std::atomic<std::int64_t> offset_us_{0};
};

class SearchProjection;
class IndexedSupplierDirectory;
class StoreOrganisationDirectory;
class StoreAlertDirectory;
class IndexSavedSearchRunner;
class AlertProjection;

// The object graph of one TenderBridge process, built in dependency order (database,
// stores, services) and destroyed in reverse, as userver does with components.
// Not thread-safe to build; the parts it owns are thread-safe.
class Context {
 public:
  // Opens `database_url` (applying migrations) and builds the stores and services.
  static Result<std::unique_ptr<Context>> Open(const std::string& database_url);
  ~Context();

  // Builds the supplier service (libmagic for uploads, the EICAR scanner until clamd is
  // wired: docs/suppliers.md) and the screening service (ICU for names) with the supplier
  // register as the subjects to screen again when a new list is imported. A list generated
  // longer ago than `max_list_age` never clears anyone (ET-14). Call once, after Open().
  // FailedPrecondition when libmagic's database or ICU's transliterators cannot be loaded.
  Status OpenSupplierServices(std::chrono::hours max_list_age = std::chrono::hours(24 * 30));

  // Opens this node's search index at `index_path` (created when missing) with the UNSPSC
  // titles loaded for cross-language expansion, and the projection that feeds it from the
  // changes log. Call once, after Open(). Unavailable when another process holds the index.
  // Also opens the supplier directory index beside it (SupplierIndexPath), fed by the same
  // projection, and answers the supplier service's directory from it.
  Status OpenSearch(const std::string& index_path);

  // Loads the platform's Ed25519 signing key from `path`, creating it (0600) on first start,
  // and registers its public half with the audit log so that heads signed with it can be
  // stored (storage::RegisterAuditSigningKey). Call once, after Open(). InvalidArgument or
  // FailedPrecondition for a file that is not a private key file (crypto::SigningKey).
  Status OpenSigningKey(const std::string& path);

  const Clock& clock() const { return clock_; }
  ProcessClock& process_clock() { return clock_; }

  // Builds the sealed-bid and opening services (docs/bids.md) over the bid store, with the
  // sanctions rule for bidders (tenders::ScreeningBidEligibility) and the signing key.
  // Call once, after OpenSigningKey() and OpenSupplierServices(); `security_log` must outlive
  // the context. FailedPrecondition when the signing key is not open.
  Status OpenBidServices(auth::SecurityLog& security_log);
  // Null until OpenBidServices() succeeded.
  tenders::BidService* bids() { return bids_.get(); }
  tenders::OpeningService* openings() { return openings_.get(); }

  // Builds the evaluation and award services and the OCDS exporter (docs/evaluation.md) with
  // the default award rules (four eyes, ten-day standstill). Call once, after Open() and
  // OpenSupplierServices(); `security_log` must outlive the context.
  Status OpenEvaluationServices(auth::SecurityLog& security_log);
  // Null until OpenEvaluationServices() succeeded.
  tenders::EvaluationService* evaluation() { return evaluation_.get(); }
  tenders::AwardService* awards() { return awards_.get(); }
  tenders::OcdsExporter* ocds() { return ocds_.get(); }
  // Builds the tender service (docs/tendering.md) over the tender store and the notices, with
  // the procedure rules of the JSON file `rules_path` (empty: the table compiled in from
  // data/procedure-rules/default.json), `mailer` for supplier notifications (may be null;
  // must outlive the context) and `public_base_url` for links to tender pages. Call once,
  // after Open(). InvalidArgument naming the JSON path for a rules file that is not valid.
  Status OpenTenderServices(auth::Mailer* mailer, const std::string& rules_path,
                            const std::string& public_base_url);
  // Null until OpenTenderServices() succeeded.
  tenders::TenderService* tenders() { return tenders_.get(); }
  // Builds the uploaded tender documents service (docs/tendering.md, "Tender documents")
  // with files of at most `max_file_bytes`, over the blobs table. Call once, after
  // OpenSupplierServices() (libmagic, the virus scanner) and OpenTenderServices().
  Status OpenTenderDocuments(std::int64_t max_file_bytes);
  // Null until OpenTenderDocuments() succeeded.
  tenders::TenderDocumentService* tender_documents() { return tender_documents_.get(); }
  // Builds the events service (docs/events.md) over the SQL event store, with the account and
  // supplier stores as its organisation directory, `mailer` (may be null; must outlive the
  // context) for confirmations and agenda changes and `public_base_url` for links in them.
  // Call once, after Open(). `serve` then calls RecoverRuns() before it answers.
  Status OpenEventServices(auth::Mailer* mailer, const std::string& public_base_url);
  // Null until OpenEventServices() succeeded.
  events::EventService* events() { return events_.get(); }
  // Builds the alert service (docs/alerts.md) over the SQL alert store, the supplier
  // register and accounts as its directory, this node's search index for saved searches, the
  // code predictor at `model_path` when that file exists (else notices without codes are
  // matched on text only), `mailer` (must outlive the context) and `public_base_url` for
  // links, and the projection that feeds it from the changes log (not started). Call once,
  // after OpenSearch() and OpenSupplierServices(). InvalidArgument for a model file that
  // exists but is not a model.
  Status OpenAlertServices(auth::Mailer& mailer, const std::string& public_base_url,
                           const std::string& model_path);
  // Null until OpenAlertServices() succeeded.
  matching::AlertService* alerts() { return alerts_.get(); }
  // Null until OpenAlertServices() loaded a model.
  const matching::CodePredictor* code_predictor() const { return code_predictor_.get(); }
  AlertProjection* alert_projection() { return alert_projection_.get(); }
  // The platform signing key (receipts, ET-02; tree heads, AU-03); null until
  // OpenSigningKey() succeeded.
  const crypto::SigningKey* signing_key() const { return signing_key_.get(); }
  // The audit log as stored (proofs, heads, verification); writes go through
  // storage::AppendAuditEntry in each store's own transaction.
  audit::AuditLogReader& audit_log() { return *audit_log_; }
  storage::Database& database() { return *database_; }
  notices::NoticeStore& notices() { return *notices_; }
  notices::UnspscCatalogue& unspsc() { return *unspsc_; }
  notices::ImportService& importer() { return *importer_; }
  auth::AuthStore& auth_store() { return *auth_store_; }
  suppliers::SupplierStore& supplier_store() { return *supplier_store_; }
  screening::ScreeningStore& screening_store() { return *screening_store_; }
  // Null until OpenSupplierServices() succeeded.
  suppliers::SupplierService* suppliers() { return suppliers_.get(); }
  screening::ScreeningService* screening() { return screening_.get(); }
  screening::ScreeningSubjectSource* screening_subjects() { return screening_subjects_.get(); }
  // "sqlite" or "postgresql".
  const std::string& database_kind() const { return database_kind_; }
  storage::ChangeLog& change_log() { return *change_log_; }
  // Null until OpenSearch() succeeded.
  search::SearchIndex* search() { return search_.get(); }
  SearchProjection* search_projection() { return projection_.get(); }
  search::SupplierIndex* supplier_index() { return supplier_index_.get(); }
  // The multilingual UNSPSC titles (query expansion, code suggestions); null until OpenSearch().
  const search::UnspscTitleLookup* unspsc_titles() const { return titles_.get(); }

 private:
  Context() = default;
  tenders::TenderStore& SharedTenderStore();

  ProcessClock clock_;
  std::string database_kind_;
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<notices::NoticeStore> notices_;
  std::unique_ptr<notices::UnspscCatalogue> unspsc_;
  std::unique_ptr<notices::ImportService> importer_;
  std::unique_ptr<auth::AuthStore> auth_store_;
  std::unique_ptr<suppliers::SupplierStore> supplier_store_;
  std::unique_ptr<screening::ScreeningStore> screening_store_;
  std::unique_ptr<suppliers::ContentTypeDetector> content_types_;
  std::unique_ptr<suppliers::VirusScanner> virus_scanner_;
  std::unique_ptr<suppliers::SupplierService> suppliers_;
  std::unique_ptr<screening::ScreeningService> screening_;
  std::unique_ptr<screening::ScreeningSubjectSource> screening_subjects_;
  std::unique_ptr<storage::ChangeLog> change_log_;
  std::unique_ptr<crypto::SigningKey> signing_key_;
  std::unique_ptr<audit::AuditLogReader> audit_log_;
  std::unique_ptr<tenders::BidStore> bid_store_;
  std::unique_ptr<tenders::BidEligibility> bid_eligibility_;
  std::unique_ptr<tenders::SupplierFactsSource> supplier_facts_;
  std::unique_ptr<tenders::BidService> bids_;
  std::unique_ptr<tenders::OpeningService> openings_;
  std::unique_ptr<tenders::EvaluationStore> evaluation_store_;
  std::unique_ptr<tenders::AwardRuleBook> award_rules_;
  std::unique_ptr<tenders::EvaluationService> evaluation_;
  std::unique_ptr<tenders::AwardService> awards_;
  std::unique_ptr<tenders::OcdsExporter> ocds_;
  // One tender store for the tender services and the OCDS exporter, made by the first
  // Open*Services that needs it (SharedTenderStore).
  std::unique_ptr<tenders::TenderStore> tender_store_;
  std::unique_ptr<tenders::ProcedureRuleBook> procedure_rules_;
  std::unique_ptr<tenders::TenderService> tenders_;
  std::unique_ptr<suppliers::BlobStore> tender_blobs_;
  std::unique_ptr<tenders::TenderDocumentService> tender_documents_;
  std::unique_ptr<events::EventStore> event_store_;
  std::unique_ptr<StoreOrganisationDirectory> event_directory_;
  std::unique_ptr<events::EventService> events_;
  std::unique_ptr<search::UnspscTitleLookup> titles_;
  std::unique_ptr<search::SearchIndex> search_;
  std::unique_ptr<search::SupplierIndex> supplier_index_;
  std::unique_ptr<IndexedSupplierDirectory> supplier_directory_;
  std::unique_ptr<SearchProjection> projection_;
  std::unique_ptr<matching::AlertStore> alert_store_;
  std::unique_ptr<StoreAlertDirectory> alert_directory_;
  std::unique_ptr<IndexSavedSearchRunner> saved_search_runner_;
  std::unique_ptr<matching::CodePredictor> code_predictor_;
  std::unique_ptr<matching::AlertService> alerts_;
  std::unique_ptr<AlertProjection> alert_projection_;
};

// The search index directory to use: the flag if given, else TB_SEARCH_INDEX, else
// "<directory of the SQLite file>/search-index" (or var/search-index for PostgreSQL).
// Each server process needs its own (the index is a per-node projection).
std::string ResolveIndexPath(const std::string& flag_value, const std::string& database_url);

// The supplier directory index of a node whose notice index is at `index_path`: the
// sibling directory "<index_path>-suppliers".
std::string SupplierIndexPath(const std::string& index_path);

// Where a node keeps its local state (admin token, mail sink, demo credentials): the SQLite
// file's directory, or var/ for PostgreSQL.
std::string DefaultStateDir(const std::string& database_url);

// The platform signing key file to use: the flag if given, else
// "<DefaultStateDir(database_url)>/keys/platform-signing.key".
std::string ResolveSigningKeyPath(const std::string& flag_value, const std::string& database_url);

// The database URL to use: the flag if given, else TB_DATABASE_URL, else var/tenderbridge.db.
std::string ResolveDatabaseUrl(const std::string& flag_value);

}  // namespace tb::app
