#include "http/routes.h"

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
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.templ) + " vs " + row.path);
    std::string param;
    EXPECT_EQ(MatchPath(row.templ, row.path, param), row.match);
    if (row.match) {
      EXPECT_EQ(param, row.param);
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

TEST(Routes, OnlyTheImportRouteIsSlowAndTakesUploads) {
  for (const Route& route : Routes()) {
    const bool is_import = route.path == "/api/v1/admin/imports/{kind}";
    EXPECT_EQ(route.slow, is_import) << route.path;
    EXPECT_EQ(route.upload, is_import) << route.path;
  }
}

}  // namespace
}  // namespace tb::http
