#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/timestamp.h"
#include "http/rate_limit.h"

namespace tb::search {
class SearchIndex;
}  // namespace tb::search

namespace tb::notices {
class NoticeStore;
class UnspscCatalogue;
class ImportService;
}  // namespace tb::notices

namespace tb::auth {
class AuthService;
class SecurityLog;
}  // namespace tb::auth

namespace tb::suppliers {
class SupplierService;
}  // namespace tb::suppliers

namespace tb::screening {
class ScreeningService;
}  // namespace tb::screening

namespace tb::tenders {
class BidService;
class OpeningService;
class TenderService;
class TenderDocumentService;
class EvaluationService;
class AwardService;
class OcdsExporter;
}  // namespace tb::tenders

namespace tb::audit {
class AuditLogReader;
}  // namespace tb::audit
namespace tb::events {
class EventService;
}  // namespace tb::events
namespace tb::search {
class UnspscTitleLookup;
}  // namespace tb::search
namespace tb::matching {
class AlertService;
class CodePredictor;
}  // namespace tb::matching
namespace tb::crypto {
class SigningKey;
}  // namespace tb::crypto

namespace tb::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;          // 0: any free port (see Server::port())
  std::string web_root;               // built web UI (web/dist); empty: API only
  std::size_t threads = 0;            // event loops (a thread each) on one port; 0: per core
  std::size_t max_body_bytes = 1 << 20;         // JSON bodies
  std::size_t max_import_bytes = 256u << 20;    // admin import uploads
  std::string admin_token;            // bearer token for admin endpoints; empty disables them
  std::string database_kind;          // "sqlite" or "postgresql", reported by /health
  bool access_log = true;             // one JSON line per request on stdout ("access" logger)
  // Rendered notice documents kept in memory, revalidated against the database on every
  // request (http/notice_cache.h); 0 disables the cache.
  std::size_t notice_cache_bytes = 64u << 20;
  // The origins this server's pages are served from ("https://tenders.example.org"), which
  // a cookie-authenticated write must come from (AS-18). Empty: http://127.0.0.1:PORT and
  // http://localhost:PORT with the bound port.
  std::vector<std::string> public_origins;
  // Token buckets of the rate-limited routes (AS-30).
  RateLimitOptions rate_limits = RateLimitOptions::Defaults();
};

// What the routes work on. Everything must outlive the Server.
struct ServerDeps {
  notices::NoticeStore& notices;
  notices::UnspscCatalogue& unspsc;
  notices::ImportService& importer;
  const Clock& clock;
  // This node's search index (a projection of the changes log); null: search routes answer
  // 503 (e.g. a server started without an index).
  search::SearchIndex* search = nullptr;
  // Accounts and sessions; null: every route that is not public answers 503.
  auth::AuthService* auth = nullptr;
  // Where http/ records security events (CSRF refusals, validation failures, rate limits);
  // null: JSON lines on the "security" spdlog logger.
  auth::SecurityLog* security_log = nullptr;
  // Supplier profiles, documents, review and the directory; null: those routes answer 503.
  suppliers::SupplierService* suppliers = nullptr;
  // Sanctions screening reviews; null: the /sanctions routes answer 503.
  screening::ScreeningService* screening = nullptr;
  // The audit log (audit_routes.cc, docs/audit-log.md): heads and proofs are read from it,
  // the public key from signing_key; null: those routes answer 503.
  audit::AuditLogReader* audit_log = nullptr;
  const crypto::SigningKey* signing_key = nullptr;
  // Sealed bids and their opening (bid_routes.cc); null: those routes answer 503.
  tenders::BidService* bids = nullptr;
  tenders::OpeningService* openings = nullptr;
  // Tenders, committees, keys, clarifications, amendments (tender_routes.cc); null: 503.
  tenders::TenderService* tenders = nullptr;
  // Uploaded tender documents (tender_document_routes.cc); null: those routes answer 503.
  tenders::TenderDocumentService* tender_documents = nullptr;
  // Evaluation, award and the OCDS export (evaluation_routes.cc, docs/evaluation.md); null: 503.
  tenders::EvaluationService* evaluation = nullptr;
  tenders::AwardService* awards = nullptr;
  tenders::OcdsExporter* ocds = nullptr;
  // Events, participants, meeting requests, scheduler runs, agendas (event_routes.cc,
  // docs/events.md); null: those routes answer 503.
  events::EventService* events = nullptr;
  // Alerts, saved searches and notices, the inbox, recommendations and the buyer panel
  // (alert_routes.cc, docs/alerts.md); null: those routes answer 503.
  matching::AlertService* alerts = nullptr;
  // The UNSPSC code predictor (`tenderbridge train`); null: POST /unspsc/suggestions answers 503.
  const matching::CodePredictor* code_predictor = nullptr;
  // The multilingual UNSPSC titles the search expands queries with; null: suggestions list no
  // codes named by title.
  const search::UnspscTitleLookup* unspsc_titles = nullptr;
  // Sets the process clock (POST /api/v1/test/clock, admin token only). Empty unless the
  // server was started with `serve --test-clock`; the route then answers 404 like any
  // unknown path (docs/bids.md, "Test clock").
  std::function<Status(Timestamp)> set_test_clock;
};

// The HTTP server: the /api/v1 routes, the OpenAPI document and the static web UI.
// Start() binds and serves on background threads; Stop() (or destruction) ends it.
// Thread-safe.
class Server {
 public:
  virtual ~Server() = default;

  // Binds host:port and starts serving. Unavailable when the address cannot be bound.
  static Result<std::unique_ptr<Server>> Start(const ServerOptions& options, ServerDeps deps);

  // The bound port (useful when options.port was 0).
  virtual std::uint16_t port() const = 0;
  // Blocks until Stop() is called or SIGINT/SIGTERM arrives.
  virtual void Wait() = 0;
  virtual void Stop() = 0;
};

}  // namespace tb::http
