// The search routes over a real Xapian index in a temporary directory, through the whole
// pipeline (Api::Handle) without sockets.
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/api.h"
#include "http/testing/fake_stores.h"
#include "notices/import_service.h"
#include "search/search_index.h"
#include "search/testing/fixture_notices.h"

namespace tb::http {
namespace {

using nlohmann::json;

class SearchRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tb-search-routes-" + std::to_string(std::random_device{}()));
    search::IndexOptions options;
    options.path = dir_.string();
    auto index = search::OpenXapianSearchIndex(options);
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    index_ = std::move(index).value();
    std::vector<search::IndexChange> changes;
    std::int64_t seq = 0;
    for (notices::Notice& n : search::testing::HandWrittenNotices()) {
      changes.push_back(search::IndexChange::Upsert(++seq, std::move(n)));
    }
    ASSERT_TRUE(index_->Apply(changes).ok());
    api_ = std::make_unique<Api>(options_,
                                 ServerDeps{notices_, unspsc_, importer_, clock_, index_.get()});
  }
  void TearDown() override {
    api_.reset();
    index_.reset();
    std::filesystem::remove_all(dir_);
  }

  Response Get(std::string path, std::string query) {
    Request request;
    request.method = "GET";
    request.path = std::move(path);
    request.query = std::move(query);
    request.remote = "127.0.0.1:1";
    return api_->Handle(request);
  }

  std::filesystem::path dir_;
  testing::FakeNoticeStore notices_;
  testing::FakeUnspscCatalogue unspsc_;
  FakeClock clock_{search::testing::kNow};
  notices::ImportService importer_{notices_, unspsc_, clock_};
  ServerOptions options_;
  std::unique_ptr<search::SearchIndex> index_;
  std::unique_ptr<Api> api_;
};

TEST_F(SearchRoutesTest, AnswersHitsFacetsAndHighlights) {
  Response r = Get("/api/v1/search/notices", "q=laptop&lang=en");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = json::parse(r.body);
  ASSERT_GE(body["total"].get<int>(), 1);
  EXPECT_EQ(body["hits"][0]["id"], 1);
  EXPECT_NE(body["hits"][0]["title_html"].get<std::string>().find("<mark>"), std::string::npos);
  EXPECT_TRUE(body["facets"].contains("agency"));
  EXPECT_TRUE(body["next_cursor"].is_null() || body["next_cursor"].is_string());
}

TEST_F(SearchRoutesTest, FiltersByCountryAndType) {
  Response r = Get("/api/v1/search/notices", "country=et&type=itb");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = json::parse(r.body);
  ASSERT_GE(body["hits"].size(), 1u);
  for (const json& hit : body["hits"]) {
    EXPECT_EQ(hit["type"], "itb");
    EXPECT_NE(std::find(hit["countries"].begin(), hit["countries"].end(), "ET"),
              hit["countries"].end());
  }
}

TEST_F(SearchRoutesTest, MalformedQueryIsAnsweredNotRefused) {
  Response r = Get("/api/v1/search/notices", "q=%22unterminated%20AND%20((");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(json::parse(r.body).contains("query_reinterpreted"));
}

TEST_F(SearchRoutesTest, RefusesBadParametersWithTheirField) {
  struct Case {
    const char* query;
    int status;
    const char* field;
  } cases[] = {
      {"sort=loudest", 422, "sort"},
      {"status=soon", 422, "status"},
      {"region=atlantis", 422, "region"},
      {"value_min=100", 422, "value_currency"},
      {"value_min=abc&value_currency=USD", 422, "value_min"},
      {"unspsc=4x", 422, "unspsc"},
      {"limit=1000", 422, "limit"},
      {"cursor=not-a-cursor", 422, "cursor"},
      {"qq=laptop", 400, "qq"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    Response r = Get("/api/v1/search/notices", c.query);
    EXPECT_EQ(r.status, c.status) << r.body;
    EXPECT_EQ(json::parse(r.body).value("field", ""), c.field);
  }
}

TEST_F(SearchRoutesTest, SuggestsNoticeTitles) {
  Response r = Get("/api/v1/search/suggest", "q=lapt&lang=en");
  ASSERT_EQ(r.status, 200) << r.body;
  json items = json::parse(r.body)["items"];
  ASSERT_GE(items.size(), 1u);
  EXPECT_EQ(items[0]["kind"], "notice");
  EXPECT_EQ(items[0]["id"], 1);
}

TEST_F(SearchRoutesTest, WithoutAnIndexSearchIsUnavailable) {
  Api without(options_, ServerDeps{notices_, unspsc_, importer_, clock_});
  Request request;
  request.method = "GET";
  request.path = "/api/v1/search/notices";
  request.query = "q=laptop";
  EXPECT_EQ(without.Handle(request).status, 503);
}

}  // namespace
}  // namespace tb::http
