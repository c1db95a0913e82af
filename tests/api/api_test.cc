// API tests against the real `tenderbridge serve` on 127.0.0.1 with a fresh SQLite file
// (STYLE.md §8): status codes, bodies, and that refused input loses nothing.
#include <zlib.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server_process.h"

namespace tb::api_test {
namespace {

using nlohmann::json;

const std::string kBin = TB_BIN;
const std::string kSourceDir = TB_SOURCE_DIR;
const std::string kUngmCsv = kSourceDir + "/data/ungm-notices/ungm-notices-2024-03.csv";
const std::string kUngmListing = kSourceDir + "/data/ungm-notices/ungm-listing-2025-09.json";
const std::string kUnspscCsv = kSourceDir + "/data/unspsc/ungm-unspsc-2026-04.csv";
constexpr const char* kIndexHtml = "<!doctype html><html><body>TenderBridge</body></html>";

std::string Gunzip(const std::string& data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return {};
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  std::array<char, 16384> chunk{};
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk.data());
    zs.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(chunk.data(), chunk.size() - zs.avail_out);
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) break;
  }
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

json Body(const httplib::Result& r) {
  return r ? json::parse(r->body, nullptr, false) : json();
}

std::string UrlEncode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// One server per test process: gtest_discover_tests runs each test in its own process,
// so every test gets a fresh database and nothing leaks between tests.
class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ASSERT_FALSE(dir_->path().empty());
    const std::string db = dir_->path() + "/tb.db";
    const std::string log = dir_->path() + "/server.log";
    token_ = RandomToken();

    ASSERT_EQ(RunCommand({kBin, "import", "ungm", kUngmCsv, "--database", db}, log), 0)
        << ReadFile(log);
    ASSERT_EQ(RunCommand({kBin, "import", "unspsc", kUnspscCsv, "--database", db}, log), 0)
        << ReadFile(log);

    const std::string web = dir_->path() + "/web";
    std::filesystem::create_directories(web + "/assets");
    std::ofstream(web + "/index.html") << kIndexHtml;
    std::ofstream(web + "/assets/app-3f2a1b.js") << "console.log('tb');";
    std::ofstream(dir_->path() + "/secret.txt") << "top secret";

    std::vector<std::string> argv = {kBin,          "serve",       "--database", db,
                                     "--port",      "0",           "--port-file",
                                     dir_->path() + "/port",       "--admin-token", token_,
                                     "--web",       web,           "--threads",  "2"};
    // Optional flag: lets the import-size test run without a 256 MB upload.
    supports_import_limit_ = SupportsFlag("--max-import-bytes");
    if (supports_import_limit_) {
      argv.insert(argv.end(), {"--max-import-bytes", std::to_string(kImportLimit)});
    }
    server_ = new ServerProcess();
    ASSERT_TRUE(server_->Start(argv, dir_->path() + "/port", log, std::chrono::seconds(30)))
        << server_->error();
  }

  static void TearDownTestSuite() {
    if (server_) {
      EXPECT_EQ(server_->Stop(), 0) << "the server must stop cleanly on SIGTERM";
    }
    delete server_;
    server_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  static bool SupportsFlag(const std::string& flag) {
    const std::string help = dir_->path() + "/help.txt";
    RunCommand({kBin, "serve", "--help"}, help);
    return ReadFile(help).find(flag) != std::string::npos;
  }

  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    ASSERT_TRUE(server_->running());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_decompress(false);
    client_->set_read_timeout(60, 0);
  }

  httplib::Result Get(const std::string& target, const httplib::Headers& headers = {}) {
    return client_->Get(target.c_str(), headers);
  }
  httplib::Result Import(const std::string& kind, const std::string& body,
                         const std::string& query = "", const std::string& token = token_) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return client_->Post(("/api/v1/admin/imports/" + kind + query).c_str(), headers, body,
                         "text/csv");
  }
  std::int64_t Total() {
    auto r = Get("/api/v1/notices?limit=1");
    EXPECT_TRUE(r && r->status == 200);
    return Body(r).value("total", std::int64_t{-1});
  }
  json FirstNotice() {
    auto r = Get("/api/v1/notices?limit=1");
    EXPECT_TRUE(r && r->status == 200);
    return Body(r)["items"][0];
  }

  static void ExpectProblem(const httplib::Result& r, int status, const std::string& field) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, status) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json; charset=utf-8");
    const json body = Body(r);
    EXPECT_EQ(body.value("status", 0), status);
    EXPECT_TRUE(body.value("type", "").starts_with("https://tenderbridge.example/problems/"));
    EXPECT_FALSE(body.value("code", "").empty());
    if (!field.empty()) {
      EXPECT_EQ(body.value("field", ""), field) << r->body;
    }
  }

  static constexpr std::size_t kImportLimit = 2 << 20;
  static inline TempDir* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline std::string token_;
  static inline bool supports_import_limit_ = false;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ApiTest, HealthReportsSqliteAndTheNoticeCount) {
  auto r = Get("/api/v1/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  const json body = Body(r);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["database"], "sqlite");
  EXPECT_GT(body["notices"].get<int>(), 0);
  EXPECT_EQ(body["notices"].get<std::int64_t>(), Total());
}

TEST_F(ApiTest, ListPagesThroughEveryNoticeExactlyOnce) {
  const std::int64_t total = Total();
  ASSERT_GT(total, 5);
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto r = Get("/api/v1/notices?limit=5" + (cursor.empty() ? "" : "&cursor=" + UrlEncode(cursor)));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
    const json body = Body(r);
    EXPECT_EQ(body["total"].get<std::int64_t>(), total);
    EXPECT_LE(body["items"].size(), 5u);
    for (const json& item : body["items"]) {
      EXPECT_TRUE(seen.insert(item["public_id"].get<std::string>()).second)
          << "seen twice: " << item["public_id"];
    }
    cursor = body["next_cursor"].is_null() ? "" : body["next_cursor"].get<std::string>();
    ASSERT_LT(++pages, 100) << "pagination does not end";
  } while (!cursor.empty());
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()), total);
}

TEST_F(ApiTest, FiltersNarrowTheList) {
  const std::int64_t total = Total();
  const json first = FirstNotice();
  const std::string buyer = first["buyer"];
  auto by_buyer = Get("/api/v1/notices?limit=100&buyer=" + UrlEncode(buyer));
  ASSERT_TRUE(by_buyer);
  ASSERT_EQ(by_buyer->status, 200) << by_buyer->body;
  const json b = Body(by_buyer);
  EXPECT_GE(b["total"].get<int>(), 1);
  EXPECT_LE(b["total"].get<std::int64_t>(), total);
  for (const json& item : b["items"]) EXPECT_EQ(item["buyer"], buyer);

  auto kenya = Get("/api/v1/notices?limit=100&country=KE");
  ASSERT_TRUE(kenya);
  ASSERT_EQ(kenya->status, 200);
  for (const json& item : Body(kenya)["items"]) {
    const auto& countries = item["countries"];
    EXPECT_NE(std::find(countries.begin(), countries.end(), "KE"), countries.end());
  }

  // The file's deadlines are all in March 2024, before any run of this test.
  EXPECT_EQ(Body(Get("/api/v1/notices?open=true"))["total"], 0);
  EXPECT_EQ(Body(Get("/api/v1/notices?open=false"))["total"].get<std::int64_t>(), total);
  EXPECT_EQ(Body(Get("/api/v1/notices?deadline_from=2030-01-01"))["total"], 0);
  EXPECT_EQ(Body(Get("/api/v1/notices?source=nowhere"))["total"], 0);
  auto deadline_order = Get("/api/v1/notices?order=deadline&limit=100");
  ASSERT_TRUE(deadline_order);
  std::string previous;
  for (const json& item : Body(deadline_order)["items"]) {
    const std::string d = item.value("deadline", "9999");
    EXPECT_LE(previous, d);
    previous = d;
  }
}

TEST_F(ApiTest, GetsANoticeByIdAndByPublicIdWithVersions) {
  const json first = FirstNotice();
  const std::int64_t id = first["id"];
  const std::string public_id = first["public_id"];

  auto by_id = Get("/api/v1/notices/" + std::to_string(id));
  ASSERT_TRUE(by_id);
  ASSERT_EQ(by_id->status, 200) << by_id->body;
  const json notice = Body(by_id);
  EXPECT_EQ(notice["public_id"], public_id);
  EXPECT_EQ(notice["title"], first["title"]);
  ASSERT_TRUE(notice["versions"].is_array());
  ASSERT_GE(notice["versions"].size(), 1u);
  EXPECT_EQ(notice["versions"][0]["version"], 1);

  auto by_public = Get("/api/v1/notices/" + UrlEncode(public_id));
  ASSERT_TRUE(by_public);
  ASSERT_EQ(by_public->status, 200) << by_public->body;
  EXPECT_EQ(Body(by_public)["id"], id);
}

TEST_F(ApiTest, UnknownNoticeIs404Problem) {
  ExpectProblem(Get("/api/v1/notices/999999999"), 404, "id");
  ExpectProblem(Get("/api/v1/notices/no-such-notice"), 404, "id");
  ExpectProblem(Get("/api/v1/no-such-route"), 404, "");
}

TEST_F(ApiTest, BadFilterValuesAre422NamingTheField) {
  const std::pair<const char*, const char*> rows[] = {
      {"limit=0", "limit"},          {"limit=101", "limit"},         {"type=tender", "type"},
      {"country=KEN", "country"},    {"unspsc=4", "unspsc"},         {"status=open", "status"},
      {"open=maybe", "open"},        {"published_from=yesterday", "published_from"},
      {"order=oldest", "order"},     {"cursor=not-a-cursor", "cursor"},
  };
  for (const auto& [query, field] : rows) {
    SCOPED_TRACE(query);
    ExpectProblem(Get(std::string("/api/v1/notices?") + query), 422, field);
  }
}

TEST_F(ApiTest, UnknownParametersAre400NamingThem) {
  ExpectProblem(Get("/api/v1/notices?buyr=UNDP"), 400, "buyr");
  ExpectProblem(Get("/api/v1/unspsc?prefx=comp"), 400, "prefx");
}

TEST_F(ApiTest, EtagAndIfNoneMatchGive304) {
  const std::string path = "/api/v1/notices/" + std::to_string(FirstNotice()["id"].get<int>());
  auto first = Get(path);
  ASSERT_TRUE(first);
  const std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto second = Get(path, {{"If-None-Match", etag}});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
  auto other = Get(path, {{"If-None-Match", "\"something-else\""}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
}

TEST_F(ApiTest, GzipsLargeResponsesWhenAccepted) {
  auto r = Get("/api/v1/notices?limit=20", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(r->get_header_value("Vary"), "Accept-Encoding");
  const json body = json::parse(Gunzip(r->body), nullptr, false);
  ASSERT_TRUE(body.is_object());
  EXPECT_EQ(body["items"].size(), 20u);

  auto plain = Get("/api/v1/notices?limit=20", {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  EXPECT_EQ(json::parse(plain->body), body);
}

TEST_F(ApiTest, SecurityHeadersAndRequestIdOnEveryResponse) {
  const char* targets[] = {"/api/v1/health", "/api/v1/notices?buyr=x", "/api/v1/notices/0",
                           "/", "/assets/missing-1.js"};
  for (const char* target : targets) {
    SCOPED_TRACE(target);
    auto r = Get(target);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value("Content-Security-Policy"),
              "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
              "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "strict-origin-when-cross-origin");
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
    EXPECT_EQ(r->get_header_value("Cross-Origin-Opener-Policy"), "same-origin");
    EXPECT_TRUE(r->has_header("Permissions-Policy"));
    EXPECT_FALSE(r->get_header_value("X-Request-Id").empty());
  }
  auto echoed = Get("/api/v1/health", {{"X-Request-Id", "trace-abc-123"}});
  ASSERT_TRUE(echoed);
  EXPECT_EQ(echoed->get_header_value("X-Request-Id"), "trace-abc-123");
}

TEST_F(ApiTest, ServesTheOpenApiDocument) {
  auto r = Get("/api/v1/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const json doc = Body(r);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  for (const char* path : {"/api/v1/notices", "/api/v1/notices/{id}", "/api/v1/unspsc",
                           "/api/v1/unspsc/{code}", "/api/v1/health",
                           "/api/v1/admin/imports/{kind}"}) {
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  }
}

TEST_F(ApiTest, UnspscLookUps) {
  auto code = Get("/api/v1/unspsc/43211503");
  ASSERT_TRUE(code);
  ASSERT_EQ(code->status, 200) << code->body;
  const json entry = Body(code);
  EXPECT_EQ(entry["code"], "43211503");
  EXPECT_EQ(entry["level"], "commodity");
  EXPECT_EQ(entry["parent"], "43211500");
  EXPECT_FALSE(entry["titles"].value("en", "").empty());

  auto prefix = Get("/api/v1/unspsc?prefix=comput&lang=en&limit=5");
  ASSERT_TRUE(prefix);
  ASSERT_EQ(prefix->status, 200) << prefix->body;
  const json items = Body(prefix)["items"];
  EXPECT_GE(items.size(), 1u);
  EXPECT_LE(items.size(), 5u);

  auto batch = Get("/api/v1/unspsc?codes=43211503,43000000");
  ASSERT_TRUE(batch);
  ASSERT_EQ(batch->status, 200);
  EXPECT_EQ(Body(batch)["items"].size(), 2u);

  ExpectProblem(Get("/api/v1/unspsc/99999999"), 404, "code");
  ExpectProblem(Get("/api/v1/unspsc/abc"), 422, "code");
}

TEST_F(ApiTest, AdminImportNeedsTheToken) {
  const std::string csv = ReadFile(kUngmCsv);
  ExpectProblem(Import("ungm", csv, "", ""), 401, "");
  ExpectProblem(Import("ungm", csv, "", "wrong-token"), 401, "");
  auto r = Import("ungm", csv, "", "");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->has_header("WWW-Authenticate"));
}

TEST_F(ApiTest, ImportThroughTheEndpointIsIdempotent) {
  const std::int64_t before = Total();
  // The same file the CLI imported: everything unchanged.
  auto same = Import("ungm", ReadFile(kUngmCsv));
  ASSERT_TRUE(same);
  ASSERT_EQ(same->status, 200) << same->body;
  json report = Body(same);
  EXPECT_EQ(report["created"], 0);
  EXPECT_EQ(report["updated"], 0);
  EXPECT_GT(report["unchanged"].get<int>(), 0);
  EXPECT_EQ(report["rejected"], 0);
  EXPECT_EQ(Total(), before);

  // A new file: created once, then unchanged.
  auto fresh = Import("ungm", ReadFile(kUngmListing));
  ASSERT_TRUE(fresh);
  ASSERT_EQ(fresh->status, 200) << fresh->body;
  const std::int64_t created = Body(fresh)["created"];
  EXPECT_GT(created, 0);
  EXPECT_EQ(Total(), before + created);
  auto again = Import("ungm", ReadFile(kUngmListing));
  ASSERT_TRUE(again);
  ASSERT_EQ(again->status, 200) << again->body;
  report = Body(again);
  EXPECT_EQ(report["created"], 0);
  EXPECT_EQ(report["updated"], 0);
  EXPECT_EQ(report["unchanged"].get<std::int64_t>(), created);
  EXPECT_EQ(Total(), before + created);
}

TEST_F(ApiTest, BadUploadIsRefusedWithItsLocatorAndNothingIsLost) {
  const std::int64_t before = Total();
  const json listing_before = Body(Get("/api/v1/notices?limit=100"));
  // The real listing (new notices) followed by a CSV row with a broken deadline, as CSV:
  // the whole batch must be refused, including the good rows before the bad one.
  std::string csv = ReadFile(kUngmCsv);
  csv += ",1,REF-BAD-1,A title,details,KE,UNDP,addr,,,,not-a-date,1900-01-01 00:00:00.000,,,,,,"
         ",ungm,,,,,,,,,,,,\n";
  auto r = Import("ungm", csv);
  ExpectProblem(r, 422, "deadline");
  EXPECT_NE(Body(r).value("detail", "").find("upload:"), std::string::npos)
      << "the detail names the line: " << r->body;
  EXPECT_EQ(Total(), before);
  EXPECT_EQ(Body(Get("/api/v1/notices?limit=100")), listing_before);

  // keep_going: the bad row is listed, the rest is applied (here: unchanged).
  auto keep = Import("ungm", csv, "?keep_going=true");
  ASSERT_TRUE(keep);
  ASSERT_EQ(keep->status, 200) << keep->body;
  const json report = Body(keep);
  EXPECT_EQ(report["rejected"], 1);
  ASSERT_EQ(report["rejects"].size(), 1u);
  EXPECT_EQ(report["rejects"][0]["field"], "deadline");
  EXPECT_TRUE(report["rejects"][0]["locator"].get<std::string>().starts_with("upload:"));
  EXPECT_EQ(Total(), before);
}

TEST_F(ApiTest, OversizedBodiesAre413AndChangeNothing) {
  const std::int64_t before = Total();
  const std::string big((1 << 20) + 1, 'x');  // over the default 1 MiB JSON body limit
  auto r = client_->Post("/api/v1/notices", big, "application/json");
  ExpectProblem(r, 413, "body");
  if (supports_import_limit_) {
    ExpectProblem(Import("ungm", std::string(kImportLimit + 1, 'x')), 413, "body");
  }
  EXPECT_EQ(Total(), before);
}

TEST_F(ApiTest, WrongMethodIs405WithAllow) {
  auto r = client_->Delete("/api/v1/notices");
  ExpectProblem(r, 405, "");
  EXPECT_EQ(r->get_header_value("Allow"), "GET");
}

TEST_F(ApiTest, ServesTheWebUi) {
  auto index = Get("/");
  ASSERT_TRUE(index);
  ASSERT_EQ(index->status, 200);
  EXPECT_EQ(index->body, kIndexHtml);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");

  auto asset = Get("/assets/app-3f2a1b.js");
  ASSERT_TRUE(asset);
  ASSERT_EQ(asset->status, 200);
  EXPECT_EQ(asset->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(asset->get_header_value("Cache-Control").find("immutable"), std::string::npos);

  auto route = Get("/notices/42");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->status, 200);
  EXPECT_EQ(route->body, kIndexHtml);

  ExpectProblem(Get("/assets/missing-1.js"), 404, "");
  for (const char* target : {"/%2e%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
                             "/..%2fsecret.txt", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd"}) {
    SCOPED_TRACE(target);
    auto r = Get(target);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(r->body.find("top secret"), std::string::npos);
    EXPECT_EQ(r->body.find("root:"), std::string::npos);
  }
}

}  // namespace
}  // namespace tb::api_test
