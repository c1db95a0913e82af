#include <CLI/CLI.hpp>
#include <unistd.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/audit_publisher.h"
#include "app/tender_jobs.h"
#include "app/commands.h"
#include "app/context.h"
#include "app/demo_accounts.h"
#include "app/demo_events.h"
#include "app/alert_projection.h"
#include "app/search_projection.h"
#include "matching/alert_service.h"
#include "auth/auth_service.h"
#include "auth/security_log.h"
#include "events/event_service.h"
#include "mail/mailers.h"
#include "notices/import_progress.h"
#include "http/server.h"
#include "notices/import_service.h"
#include "notices/notice_store.h"

namespace tb::app {
namespace {

struct ServeArgs {
  std::string database;
  std::string index;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string port_file;
  std::string web_root;
  std::string admin_token;
  std::string admin_token_file;
  int threads = 0;
  std::string demo_if_empty;
  std::string signing_key;
  std::string procedure_rules;
  bool test_clock = false;
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_import_bytes = 256u << 20;
  std::int64_t max_tender_document_bytes = 25 << 20;
  bool no_access_log = false;
  std::string mail_dir;
  std::string smtp_url;
  std::string mail_from = "tenderbridge@localhost";
  std::string model = "models/code-predictor.bin";
  int alert_interval_ms = 2000;
  std::vector<std::string> public_origins;
  std::vector<std::string> rate_limits;
};

// A random 256-bit token, hex-encoded, written with mode 0600 so only this user reads it.
std::string CreateAdminToken(const std::string& path) {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  const mode_t old_mask = umask(077);
  std::ofstream(path, std::ios::trunc) << hex << '\n';
  umask(old_mask);
  return hex;
}

void LoadDemoIfEmpty(Context& context, const std::string& data_dir) {
  Result<std::int64_t> count = context.notices().Count();
  if (!count.ok()) FailCommand(count.status());
  if (*count > 0) return;
  spdlog::info("empty database: loading the demo data from {}/ (first start only)", data_dir);
  notices::ImportProgressPrinter progress(stderr, isatty(STDERR_FILENO) != 0 && std::getenv("CI") == nullptr);
  notices::ImportOptions options;
  options.keep_going = true;
  options.on_progress = [&progress](const notices::ImportProgress& p) { progress.Update(p); };
  Result<notices::ImportReport> report = notices::LoadDemoData(context.importer(), data_dir, options);
  progress.Finish();
  if (!report.ok()) FailCommand(report.status());
  spdlog::info("demo data: {} new, {} updated, {} rejected", report->created, report->updated,
               report->rejected);
}

}  // namespace

void AddServeCommand(CLI::App& cli) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = cli.add_subcommand("serve", "Serve the API and the web UI");
  cmd->add_option("--database", args->database,
                  "SQLite path or postgresql:// URL (default: $TB_DATABASE_URL or var/tenderbridge.db)");
  cmd->add_option("--index", args->index,
                  "This node's search index directory (default: $TB_SEARCH_INDEX or "
                  "search-index beside the SQLite file)");
  cmd->add_option("--host", args->host, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", args->port, "Port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--port-file", args->port_file, "Write the bound port to this file");
  cmd->add_option("--web", args->web_root, "Built web UI to serve (web/dist)");
  cmd->add_option("--admin-token", args->admin_token,
                  "Bearer token for admin endpoints (default: $TB_ADMIN_TOKEN, else a new "
                  "random one written to <state dir>/admin-token)");
  cmd->add_option("--threads", args->threads, "Worker threads (0: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--max-body-bytes", args->max_body_bytes, "Largest JSON request body")
      ->capture_default_str();
  cmd->add_option("--max-import-bytes", args->max_import_bytes, "Largest admin import upload")
      ->capture_default_str();
  cmd->add_option("--max-tender-document-bytes", args->max_tender_document_bytes,
                  "Largest uploaded tender document (larger files: 413)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--no-access-log", args->no_access_log, "Do not log one line per request");
  cmd->add_option("--mail-dir", args->mail_dir,
                  "Write outgoing e-mail as .eml files into this directory (default: "
                  "<state dir>/mail unless --smtp-url is given)");
  cmd->add_option("--smtp-url", args->smtp_url,
                  "Send e-mail through this SMTP server (smtp://host:port or smtps://host:port)");
  cmd->add_option("--mail-from", args->mail_from, "Sender address of e-mail")
      ->capture_default_str();
  cmd->add_option("--public-origin", args->public_origins,
                  "Origin the web UI is served from (https://tenders.example.org), which "
                  "cookie-authenticated writes must come from; repeatable (default: "
                  "http://127.0.0.1:PORT and http://localhost:PORT)");
  cmd->add_option("--rate-limit", args->rate_limits,
                  "Override a rate limit: CLASS:SCOPE=BURST/SECONDS, e.g. login:ip=10/60 "
                  "(classes login, signup, password_reset, search, upload; scopes ip, account; "
                  "BURST 0 turns it off); repeatable");
  cmd->add_option("--signing-key", args->signing_key,
                  "Ed25519 key file that signs receipts and audit tree heads, created (0600) "
                  "when missing; every server of a cluster needs the same file (default: "
                  "keys/platform-signing.key beside the SQLite file, var/keys/... for PostgreSQL)");
  cmd->add_flag("--test-clock", args->test_clock,
               "TESTS ONLY: let the admin token set this server's clock (POST /api/v1/test/clock) "
               "so API tests can pass a deadline; refused unless --host is a loopback address");
  cmd->add_option("--procedure-rules", args->procedure_rules,
                  "Procedure rules table (JSON, docs/tendering.md): thresholds and minimum "
                  "tendering periods per method and agency (default: the table compiled in from "
                  "data/procedure-rules/default.json)");
  cmd->add_option("--model", args->model,
                  "Code predictor for notices without codes (tenderbridge train writes it)")
      ->capture_default_str();
  cmd->add_option("--alert-interval-ms", args->alert_interval_ms,
                  "How often the alert projection reads the changes log and sends e-mail")
      ->check(CLI::Range(100, 600000))
      ->capture_default_str();
  cmd->add_option("--demo-if-empty", args->demo_if_empty,
                  "Load the demo data from this folder when the database has no notices");
  cmd->callback([args] {
    const std::string url = ResolveDatabaseUrl(args->database);
    // A moved clock accepts bids after their deadline: never on a server others can reach.
    if (args->test_clock && args->host != "127.0.0.1" && args->host != "::1" &&
        args->host != "localhost") {
      FailCommand(Status::InvalidArgument("--test-clock is for tests on a loopback address only")
                      .WithField("--test-clock"));
    }
    Result<std::unique_ptr<Context>> context = Context::Open(url);
    if (!context.ok()) FailCommand(context.status());
    if (args->test_clock) {
      (*context)->process_clock().EnableTesting();
      spdlog::warn("--test-clock: the admin token may set this server's clock (tests only)");
    }
    if (Status opened = (*context)->OpenSigningKey(ResolveSigningKeyPath(args->signing_key, url));
        !opened.ok()) {
      FailCommand(opened);
    }
    if (!args->demo_if_empty.empty()) LoadDemoIfEmpty(**context, args->demo_if_empty);
    if (Status opened = (*context)->OpenSearch(ResolveIndexPath(args->index, url)); !opened.ok()) {
      FailCommand(opened);
    }
    // The index catches up in the background, so the server answers at once; a new change
    // reaches this node's search within the interval (two nodes: well inside 2 s).
    (*context)->search_projection()->Start(std::chrono::milliseconds(250));

    std::string token = args->admin_token;
    if (token.empty()) {
      if (const char* env = std::getenv("TB_ADMIN_TOKEN"); env != nullptr) token = env;
    }
    if (token.empty()) {
      const std::string path = DefaultStateDir(url) + "/admin-token";
      token = CreateAdminToken(path);
      spdlog::info("admin token written to {}", path);
    }

    // Accounts: mail goes to SMTP when configured, else to a directory a developer (or the
    // API tests) can read.
    Result<std::unique_ptr<auth::Mailer>> mailer = Status::Internal("no mailer");
    if (!args->smtp_url.empty()) {
      mail::SmtpOptions smtp;
      smtp.url = args->smtp_url;
      smtp.from = args->mail_from;
      mailer = mail::MakeSmtpMailer(smtp, (*context)->clock());
    } else {
      const std::string dir =
          args->mail_dir.empty() ? DefaultStateDir(url) + "/mail" : args->mail_dir;
      mailer = mail::MakeDirectoryMailer(dir, args->mail_from, (*context)->clock());
      spdlog::info("e-mail is written to {}/", dir);
    }
    if (!mailer.ok()) FailCommand(mailer.status());
    // The tender service's mail (clarification answers, amendments, requests to re-confirm a
    // bid) leaves from a worker thread: an officer's response must not take longer with each
    // bidder it notifies (ET-03). Declared after `mailer`, so it is drained before that goes.
    std::unique_ptr<auth::Mailer> tender_mailer = mail::MakeBackgroundMailer(**mailer);
    std::unique_ptr<auth::SecurityLog> security_log = auth::MakeSpdlogSecurityLog();
    auth::AuthOptions auth_options;
    auth_options.public_base_url =
        !args->public_origins.empty()
            ? args->public_origins.front()
            : "http://" + args->host + ":" + std::to_string(args->port);
    auth::AuthService accounts((*context)->auth_store(), **mailer, *security_log,
                               (*context)->clock(), auth_options);

    http::ServerOptions options;
    options.public_origins = args->public_origins;
    for (const std::string& spec : args->rate_limits) {
      if (Status applied = http::ApplyRateLimitSpec(spec, options.rate_limits); !applied.ok()) {
        FailCommand(applied);
      }
    }
    options.host = args->host;
    options.port = static_cast<std::uint16_t>(args->port);
    options.web_root = args->web_root;
    options.threads = static_cast<std::size_t>(args->threads);
    options.admin_token = token;
    options.max_body_bytes = args->max_body_bytes;
    options.max_import_bytes = args->max_import_bytes;
    options.access_log = !args->no_access_log;
    options.database_kind = (*context)->database_kind();
    http::ServerDeps deps{(*context)->notices(), (*context)->unspsc(), (*context)->importer(),
                          (*context)->clock(), (*context)->search()};
    deps.auth = &accounts;
    deps.security_log = security_log.get();
    if (Status opened = (*context)->OpenSupplierServices(); !opened.ok()) FailCommand(opened);
    if (!args->demo_if_empty.empty()) {
      if (Status seeded = LoadDemoPeople(**context, args->demo_if_empty, DefaultStateDir(url));
          !seeded.ok()) {
        FailCommand(seeded);
      }
    }
    deps.suppliers = (*context)->suppliers();
    deps.screening = (*context)->screening();
    if (Status opened = (*context)->OpenBidServices(*security_log); !opened.ok()) {
      FailCommand(opened);
    }
    deps.bids = (*context)->bids();
    deps.openings = (*context)->openings();
    if (Status opened = (*context)->OpenEvaluationServices(*security_log); !opened.ok()) {
      FailCommand(opened);
    }
    deps.evaluation = (*context)->evaluation();
    deps.awards = (*context)->awards();
    deps.ocds = (*context)->ocds();
    // Tenders: links in notices and e-mails name the public origin when one is given.
    const std::string tender_base =
        !args->public_origins.empty() ? args->public_origins.front()
        : args->port != 0             ? "http://" + args->host + ":" + std::to_string(args->port)
                                      : "";
    if (Status opened =
            (*context)->OpenTenderServices(tender_mailer.get(), args->procedure_rules, tender_base);
        !opened.ok()) {
      FailCommand(opened);
    }
    deps.tenders = (*context)->tenders();
    if (Status opened = (*context)->OpenTenderDocuments(args->max_tender_document_bytes);
        !opened.ok()) {
      FailCommand(opened);
    }
    deps.tender_documents = (*context)->tender_documents();
    // Events: a run left "running" by a stopped server never finishes; it is marked failed so
    // staff can start another (one run at a time per event).
    if (Status opened = (*context)->OpenEventServices(mailer->get(), tender_base); !opened.ok()) {
      FailCommand(opened);
    }
    if (Status recovered = (*context)->events()->RecoverRuns(); !recovered.ok()) {
      FailCommand(recovered);
    }
    if (!args->demo_if_empty.empty()) {
      if (Status seeded = LoadDemoEvents(**context, args->demo_if_empty); !seeded.ok()) {
        FailCommand(seeded);
      }
    }
    deps.events = (*context)->events();
    // Alerts: a new or amended notice reaches matching suppliers' inboxes within the interval
    // (docs/alerts.md); e-mail goes through the same mailer as the accounts'.
    if (Status opened = (*context)->OpenAlertServices(**mailer, tender_base, args->model);
        !opened.ok()) {
      FailCommand(opened);
    }
    deps.alerts = (*context)->alerts();
    deps.code_predictor = (*context)->code_predictor();
    deps.unspsc_titles = (*context)->unspsc_titles();
    (*context)->alert_projection()->Start(std::chrono::milliseconds(args->alert_interval_ms));
    // Published tenders close at their deadline within a second (bids never wait for it).
    TenderDeadlineJob deadline_job(*(*context)->tenders(), (*context)->clock());
    deadline_job.Start(std::chrono::seconds(1));
    if (args->test_clock) {
      deps.set_test_clock = [clock = &(*context)->process_clock()](Timestamp now) {
        return clock->Set(now);
      };
    }
    deps.audit_log = &(*context)->audit_log();
    deps.signing_key = (*context)->signing_key();
    // AU-03: a signed tree head at most a minute after any event.
    AuditPublisher audit_publisher((*context)->database(), *(*context)->signing_key(),
                                   (*context)->clock());
    audit_publisher.Start(std::chrono::seconds(60));
    Result<std::unique_ptr<http::Server>> server = http::Server::Start(options, deps);
    if (!server.ok()) FailCommand(server.status());
    if (args->public_origins.empty()) {
      // Links in e-mails name the port actually bound (`--port 0` picks one).
      accounts.SetPublicBaseUrl("http://" + args->host + ":" + std::to_string((*server)->port()));
      (*context)->alerts()->SetPublicBaseUrl("http://" + args->host + ":" +
                                            std::to_string((*server)->port()));
    }
    if (!args->port_file.empty()) {
      // Write to a temporary name and rename, so a reader never sees a half-written port.
      const std::string tmp = args->port_file + ".tmp";
      std::ofstream(tmp, std::ios::trunc) << (*server)->port() << '\n';
      std::filesystem::rename(tmp, args->port_file);
    }
    spdlog::info("TenderBridge serving http://{}:{} ({} database)", args->host, (*server)->port(),
                 (*context)->database_kind());
    (*server)->Wait();
    deadline_job.Stop();
    audit_publisher.Stop();
    (*context)->alert_projection()->Stop();
    (*context)->search_projection()->Stop();
    spdlog::info("stopped");
  });
}

}  // namespace tb::app
