#include "app/context.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/alert_projection.h"
#include "app/alert_wiring.h"
#include "app/event_directory.h"
#include "app/search_projection.h"
#include "app/supplier_directory_index.h"
#include "app/supplier_screening_source.h"
#include "audit/audit_log_reader.h"
#include "auth/auth_store.h"
#include "crypto/signing.h"
#include "events/event_service.h"
#include "matching/alert_service.h"
#include "matching/code_predictor.h"
#include "notices/import_service.h"
#include "notices/importers/country_codes.h"
#include "notices/notice_store.h"
#include "notices/unspsc_catalogue.h"
#include "sanctions/name_normalizer.h"
#include "screening/screening_service.h"
#include "search/search_index.h"
#include "search/supplier_index.h"
#include "search/unspsc_aliases.h"
#include "search/unspsc_title_lookup.h"
#include "storage/audit_append.h"
#include "storage/change_log.h"
#include "storage/database.h"
#include "storage/sql_alert_store.h"
#include "storage/sql_event_store.h"
#include "storage/storage.h"
#include "suppliers/supplier_service.h"
#include "suppliers/upload_checks.h"
#include "tenders/award_service.h"
#include "tenders/bid_eligibility.h"
#include "tenders/bid_service.h"
#include "tenders/evaluation_service.h"
#include "tenders/ocds_export.h"
#include "tenders/opening_service.h"
#include "tenders/procedure_rules.h"
#include "tenders/tender_documents.h"
#include "tenders/tender_service.h"
#include "tenders/tender_store.h"

namespace tb::app {

std::string ResolveDatabaseUrl(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("TB_DATABASE_URL"); env != nullptr && *env != '\0') {
    return env;
  }
  return "var/tenderbridge.db";
}

Result<std::unique_ptr<Context>> Context::Open(const std::string& database_url) {
  std::unique_ptr<Context> context(new Context());
  const bool postgres =
      database_url.rfind("postgresql://", 0) == 0 || database_url.rfind("postgres://", 0) == 0;
  context->database_kind_ = postgres ? "postgresql" : "sqlite";
  if (!postgres) {
    // Create the directory of a SQLite file so a fresh clone's var/ appears on first start.
    std::string path =
        database_url.rfind("sqlite:", 0) == 0 ? database_url.substr(7) : database_url;
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  TB_ASSIGN_OR_RETURN(context->database_, storage::OpenDatabase(database_url));
  context->notices_ = storage::MakeNoticeStore(*context->database_, context->clock_);
  context->unspsc_ = storage::MakeUnspscCatalogue(*context->database_);
  context->auth_store_ = storage::MakeAuthStore(*context->database_);
  context->supplier_store_ = storage::MakeSupplierStore(*context->database_);
  context->screening_store_ = storage::MakeScreeningStore(*context->database_);
  context->importer_ = std::make_unique<notices::ImportService>(*context->notices_,
                                                                *context->unspsc_, context->clock_);
  context->change_log_ = std::make_unique<storage::ChangeLog>(*context->database_);
  context->audit_log_ = storage::MakeAuditLogReader(*context->database_);
  return context;
}

Status Context::OpenSigningKey(const std::string& path) {
  TB_ASSIGN_OR_RETURN(crypto::SigningKey key, crypto::SigningKey::LoadOrCreate(path));
  TB_RETURN_IF_ERROR(storage::RegisterAuditSigningKey(*database_, key.public_key(), clock_.Now()));
  signing_key_ = std::make_unique<crypto::SigningKey>(key);
  return Status::Ok();
}

Timestamp ProcessClock::Now() const {
  return system_.Now() + std::chrono::microseconds(offset_us_.load());
}

Status ProcessClock::Set(Timestamp now) {
  if (!testing_.load()) {
    return Status::FailedPrecondition(
        "the clock can be set only on a server started with --test-clock");
  }
  offset_us_.store((now - system_.Now()).count());
  return Status::Ok();
}

Status Context::OpenBidServices(auth::SecurityLog& security_log) {
  if (!signing_key_)
    return Status::FailedPrecondition("open the signing key before the bid services");
  bid_store_ = storage::MakeBidStore(*database_);
  bid_eligibility_ = std::make_unique<tenders::ScreeningBidEligibility>(*screening_store_);
  supplier_facts_ = std::make_unique<tenders::StoreSupplierFacts>(*supplier_store_);
  bids_ = std::make_unique<tenders::BidService>(*bid_store_, *bid_eligibility_, *supplier_facts_,
                                                clock_, *signing_key_, security_log);
  openings_ =
      std::make_unique<tenders::OpeningService>(*bid_store_, clock_, *signing_key_, security_log);
  return Status::Ok();
}

tenders::TenderStore& Context::SharedTenderStore() {
  if (!tender_store_) tender_store_ = storage::MakeTenderStore(*database_, clock_);
  return *tender_store_;
}

Status Context::OpenEvaluationServices(auth::SecurityLog& security_log) {
  evaluation_store_ = storage::MakeEvaluationStore(*database_);
  award_rules_ = std::make_unique<tenders::AwardRuleBook>();
  evaluation_ =
      std::make_unique<tenders::EvaluationService>(*evaluation_store_, clock_, security_log);
  awards_ = std::make_unique<tenders::AwardService>(*evaluation_store_, clock_, *award_rules_,
                                                    security_log);
  ocds_ = std::make_unique<tenders::OcdsExporter>(SharedTenderStore(), *evaluation_store_,
                                                  supplier_store_.get());
  return Status::Ok();
}

Status Context::OpenTenderServices(auth::Mailer* mailer, const std::string& rules_path,
                                   const std::string& public_base_url) {
  if (rules_path.empty()) {
    procedure_rules_ =
        std::make_unique<tenders::ProcedureRuleBook>(tenders::ProcedureRuleBook::Default());
  } else {
    std::ifstream in(rules_path, std::ios::binary);
    if (!in)
      return Status::InvalidArgument("cannot read " + rules_path).WithField("--procedure-rules");
    std::stringstream text;
    text << in.rdbuf();
    Result<tenders::ProcedureRuleBook> book = tenders::ProcedureRuleBook::FromJson(text.str());
    if (!book.ok()) return Status(book.status()).WithContext(rules_path);
    procedure_rules_ = std::make_unique<tenders::ProcedureRuleBook>(std::move(book).value());
  }
  tenders::TenderServiceOptions options;
  options.public_base_url = public_base_url;
  tenders_ = std::make_unique<tenders::TenderService>(
      SharedTenderStore(), clock_, *procedure_rules_, notices_.get(), mailer, options);
  if (ocds_) ocds_->set_document_base_url(public_base_url);
  return Status::Ok();
}

Status Context::OpenTenderDocuments(std::int64_t max_file_bytes) {
  if (!tenders_ || !content_types_ || !virus_scanner_) {
    return Status::FailedPrecondition(
        "tender documents need the tender and supplier services (OpenTenderServices, "
        "OpenSupplierServices)");
  }
  if (max_file_bytes <= 0) {
    return Status::InvalidArgument("must be more than zero")
        .WithField("--max-tender-document-bytes");
  }
  tender_blobs_ = storage::MakeBlobStore(*database_, clock_);
  tenders::TenderDocumentLimits limits;
  limits.checks.max_file_bytes = max_file_bytes;
  tender_documents_ = std::make_unique<tenders::TenderDocumentService>(
      *tenders_, SharedTenderStore(), *tender_blobs_, *content_types_, *virus_scanner_, clock_,
      limits);
  return Status::Ok();
}

Status Context::OpenEventServices(auth::Mailer* mailer, const std::string& public_base_url) {
  event_store_ = std::make_unique<storage::SqlEventStore>(*database_);
  event_directory_ =
      std::make_unique<StoreOrganisationDirectory>(*auth_store_, *supplier_store_, clock_);
  events::EventServiceOptions options;
  options.public_base_url = public_base_url;
  events_ = std::make_unique<events::EventService>(*event_store_, clock_, *event_directory_, mailer,
                                                   options);
  return Status::Ok();
}

Status Context::OpenAlertServices(auth::Mailer& mailer, const std::string& public_base_url,
                                  const std::string& model_path) {
  if (!search_ || !projection_) {
    return Status::FailedPrecondition("the alert service needs the search index (OpenSearch)");
  }
  alert_store_ = std::make_unique<storage::SqlAlertStore>(*database_);
  // The evaluation store (when open) gives suppliers their award history.
  alert_directory_ = std::make_unique<StoreAlertDirectory>(
      *supplier_store_, *screening_store_, *auth_store_, *unspsc_, evaluation_store_.get());
  saved_search_runner_ = std::make_unique<IndexSavedSearchRunner>(
      *search_, [projection = projection_.get()] { return projection->CatchUp().status(); });
  matching::AlertServiceOptions options;
  options.public_base_url = public_base_url;
  alerts_ = std::make_unique<matching::AlertService>(*alert_store_, *notices_, *alert_directory_,
                                                     *saved_search_runner_, mailer, clock_,
                                                     options);
  if (!model_path.empty() && std::filesystem::exists(model_path)) {
    TB_ASSIGN_OR_RETURN(matching::CodePredictor predictor, matching::CodePredictor::Load(model_path));
    code_predictor_ = std::make_unique<matching::CodePredictor>(std::move(predictor));
    alerts_->SetCodePredictor(code_predictor_.get());
  } else {
    spdlog::warn("alerts: no code predictor at {}; uncoded notices are matched on text only",
                 model_path);
  }
  alert_projection_ = std::make_unique<AlertProjection>(*change_log_, *alerts_);
  return Status::Ok();
}

std::string ResolveSigningKeyPath(const std::string& flag_value, const std::string& database_url) {
  if (!flag_value.empty()) return flag_value;
  return DefaultStateDir(database_url) + "/keys/platform-signing.key";
}

Status Context::OpenSupplierServices(std::chrono::hours max_list_age) {
  TB_ASSIGN_OR_RETURN(content_types_, suppliers::ContentTypeDetector::Open());
  virus_scanner_ = std::make_unique<suppliers::EicarScanner>();
  suppliers_ = std::make_unique<suppliers::SupplierService>(*supplier_store_, *content_types_,
                                                            *virus_scanner_, clock_, unspsc_.get());
  TB_ASSIGN_OR_RETURN(std::unique_ptr<sanctions::NameNormalizer> normalizer,
                      sanctions::NameNormalizer::Create());
  screening::ScreeningOptions options;
  options.max_list_age = max_list_age;
  // The list names countries ("Democratic People's Republic of Korea"); without the table,
  // screening still works but country evidence is lost.
  if (auto codes = notices::importers::CountryCodes::Default(); codes.ok()) {
    const notices::importers::CountryCodes* table = *codes;
    options.country_code = [table](std::string_view name) { return table->Lookup(name); };
  }
  screening_ = std::make_unique<screening::ScreeningService>(
      *screening_store_, clock_, std::move(normalizer), std::move(options));
  screening_subjects_ = std::make_unique<SupplierScreeningSource>(*suppliers_);
  // A profile submitted for review is screened at once, so staff see the decision (or the
  // open case) beside it; a missing or stale list records "unavailable", never "clear"
  // (ET-14). Screening does not block the submission: the centre decides on the case.
  suppliers_->SetSubmittedListener(
      [screening = screening_.get()](const suppliers::ScreeningSubject& supplier) {
        for (const screening::ScreeningSubject& subject :
             SupplierScreeningSource::SubjectsOf(supplier)) {
          if (Result<screening::ScreeningRecord> r = screening->Screen(subject); !r.ok()) {
            spdlog::warn("screening of {} {} on submission failed: {}", subject.kind, subject.id,
                         r.status().ToString());
          }
        }
      });
  if (supplier_directory_) suppliers_->SetDirectoryIndex(supplier_directory_.get());
  return Status::Ok();
}

Status Context::OpenSearch(const std::string& index_path) {
  TB_ASSIGN_OR_RETURN(std::vector<notices::UnspscEntry> entries, unspsc_->All());
  std::vector<search::UnspscTitle> titles;
  titles.reserve(entries.size() * 4);
  for (const notices::UnspscEntry& entry : entries) {
    for (const auto& [language, title] : entry.titles) {
      titles.push_back({entry.code, Language::FromTag(language), title});
    }
  }
  titles_ = search::MakeInMemoryUnspscTitleLookup(std::move(titles), search::BuiltInUnspscAliases());
  search::IndexOptions options;
  options.path = index_path;
  options.titles = titles_.get();
  TB_ASSIGN_OR_RETURN(search_, search::OpenXapianSearchIndex(options));
  projection_ = std::make_unique<SearchProjection>(*change_log_, *notices_, *search_);
  search::SupplierIndexOptions supplier_options;
  supplier_options.path = SupplierIndexPath(index_path);
  supplier_options.titles = titles_.get();
  TB_ASSIGN_OR_RETURN(supplier_index_, search::OpenXapianSupplierIndex(supplier_options));
  projection_->FollowSuppliers(*supplier_store_, *supplier_index_);
  // A directory search first applies what is still missing, unless the index is far behind
  // (filling after a reindex or an upgrade): the SQL answers then.
  constexpr std::int64_t kMaxDirectoryCatchUp = 20'000;
  supplier_directory_ = std::make_unique<IndexedSupplierDirectory>(
      *supplier_index_, [projection = projection_.get()] {
        return projection->CatchUpSuppliers(kMaxDirectoryCatchUp);
      });
  if (suppliers_) suppliers_->SetDirectoryIndex(supplier_directory_.get());
  return Status::Ok();
}

std::string SupplierIndexPath(const std::string& index_path) {
  std::string path = index_path;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path + "-suppliers";
}

std::string ResolveIndexPath(const std::string& flag_value, const std::string& database_url) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("TB_SEARCH_INDEX"); env != nullptr && *env != '\0') {
    return env;
  }
  if (database_url.rfind("postgres", 0) == 0) return "var/search-index";
  const std::string path =
      database_url.rfind("sqlite:", 0) == 0 ? database_url.substr(7) : database_url;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return (parent.empty() ? std::filesystem::path("search-index") : parent / "search-index")
      .string();
}

Context::~Context() {
  // Projection, index, services, stores, database: reverse of construction.
  alert_projection_.reset();
  alerts_.reset();
  code_predictor_.reset();
  saved_search_runner_.reset();
  alert_directory_.reset();
  alert_store_.reset();
  if (suppliers_) suppliers_->SetDirectoryIndex(nullptr);
  projection_.reset();
  supplier_directory_.reset();
  supplier_index_.reset();
  search_.reset();
  titles_.reset();
  change_log_.reset();
  // The events service first: its destructor waits for scheduler runs still at work.
  events_.reset();
  event_directory_.reset();
  event_store_.reset();
  tender_documents_.reset();
  tender_blobs_.reset();
  tenders_.reset();
  procedure_rules_.reset();
  ocds_.reset();
  awards_.reset();
  evaluation_.reset();
  award_rules_.reset();
  evaluation_store_.reset();
  tender_store_.reset();
  openings_.reset();
  bids_.reset();
  bid_eligibility_.reset();
  supplier_facts_.reset();
  bid_store_.reset();
  audit_log_.reset();
  signing_key_.reset();
  screening_subjects_.reset();
  screening_.reset();
  suppliers_.reset();
  virus_scanner_.reset();
  content_types_.reset();
  screening_store_.reset();
  supplier_store_.reset();
  auth_store_.reset();
  importer_.reset();
  unspsc_.reset();
  notices_.reset();
  database_.reset();
}

std::string DefaultStateDir(const std::string& database_url) {
  if (database_url.rfind("postgres", 0) == 0) return "var";
  std::string path = database_url.rfind("sqlite:", 0) == 0 ? database_url.substr(7) : database_url;
  const auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace tb::app
