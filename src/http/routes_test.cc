#include "http/routes.h"

#include <iostream>
#include <set>

#include <gtest/gtest.h>

namespace tb::http {
namespace {

TEST(MatchPath, Table) {
  struct Row {
    const char* templ;
    const char* path;
    bool match;
    const char* param;
  };
  const Row rows[] = {
      {"/api/v1/notices", "/api/v1/notices", true, ""},
      {"/api/v1/notices", "/api/v1/notices/", false, ""},
      {"/api/v1/notices", "/api/v1/notice", false, ""},
      {"/api/v1/notices/{id}", "/api/v1/notices/42", true, "42"},
      {"/api/v1/notices/{id}", "/api/v1/notices/ocds-abc%2F1", true, "ocds-abc/1"},
      {"/api/v1/notices/{id}", "/api/v1/notices/a%20b", true, "a b"},
      {"/api/v1/notices/{id}", "/api/v1/notices/", false, ""},
      {"/api/v1/notices/{id}", "/api/v1/notices/1/2", false, ""},
      {"/api/v1/notices/{id}", "/api/v1/notices/%zz", false, ""},
      {"/api/v1/notices/{id}", "/api/v1/notices", false, ""},
      {"/api/v1/organisations/{id}/members/{user}/roles", "/api/v1/organisations/3/members/7/roles",
       true, "7"},
      {"/api/v1/organisations/{id}/members/{user}/roles", "/api/v1/organisations/3/members//roles",
       false, ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.templ) + " vs " + row.path);
    PathParams params;
    EXPECT_EQ(MatchPath(row.templ, row.path, params), row.match);
    if (row.match) {
      EXPECT_EQ(params.empty() ? "" : params.back(), row.param);
    }
  }
}

TEST(Routes, EveryMethodAndPathIsUnique) {
  std::set<std::string> seen;
  for (const Route& route : Routes()) {
    EXPECT_TRUE(seen.insert(std::string(route.method) + " " + std::string(route.path)).second)
        << route.path;
    EXPECT_TRUE(route.path.starts_with("/api/v1/")) << route.path;
    EXPECT_NE(route.handler, nullptr);
  }
}

// The route inventory (AS-13): every route with its access rule, printed so that a review
// sees the whole table; auth_pipeline_test sends the refused requests to each.
TEST(Routes, InventoryNamesARuleForEveryRoute) {
  for (const Route& route : Routes()) {
    const std::string rule = route.access.Describe();
    EXPECT_FALSE(rule.empty()) << route.path;
    std::cout << route.method << " " << route.path << "  " << rule
              << (route.admin_token ? " (or admin token)" : "") << "\n";
  }
}

TEST(Routes, OnlyTheImportRouteTakesLargeUploads) {
  for (const Route& route : Routes()) {
    // Supplier documents are up to 20 MiB; SupplierService refuses larger files with 413.
    // Sealed bids: up to 64 MiB per envelope; BidService refuses larger envelopes with 413.
    const bool is_import = route.path == "/api/v1/admin/imports/{kind}" ||
                           (route.method == "POST" &&
                            route.path == "/api/v1/suppliers/{id}/documents") ||
                           (route.method == "POST" &&
                            route.path == "/api/v1/tenders/{ocid}/bids/{bid}") ||
                           // Tender documents: up to 25 MiB (TenderDocumentLimits), else 413.
                           (route.method == "POST" &&
                            route.path == "/api/v1/tenders/{ocid}/documents") ||
                           // An event's meetings instance: ~0.4 MB at IPS size, ~4 MB at 10x.
                           (route.method == "POST" &&
                            route.path == "/api/v1/events/{id}/import");
    EXPECT_EQ(route.upload, is_import) << route.path;
    if (is_import) {
      EXPECT_TRUE(route.slow);
    }
  }
}

// docs/accounts.md: a row that names no access rule must not compile. Checked here without
// a compile-failure test: the aggregate cannot be formed without the rule.
template <typename... Fields>
concept RouteFrom = requires(Fields... fields) { Route{fields...}; };
static_assert(!RouteFrom<std::string_view, std::string_view, Handler>,
              "a route without an access rule must not compile");
static_assert(RouteFrom<std::string_view, std::string_view, auth::AccessRule, Handler>);
static_assert(!std::is_default_constructible_v<auth::AccessRule>);

}  // namespace
}  // namespace tb::http
