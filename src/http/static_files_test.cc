#include "http/static_files.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "http/testing/requests.h"

namespace tb::http {
namespace {

using testing::MakeRequest;

namespace fs = std::filesystem;

TEST(SafeRelativePath, Table) {
  struct Row {
    const char* path;
    const char* relative;  // null: refused
  };
  const Row rows[] = {
      {"/", "index.html"},
      {"/index.html", "index.html"},
      {"/assets/app-1a2b.js", "assets/app-1a2b.js"},
      {"/notices/42", "notices/42"},
      {"/caf%C3%A9.txt", "café.txt"},
      {"/..", nullptr},
      {"/../etc/passwd", nullptr},
      {"/assets/../../etc/passwd", nullptr},
      {"/%2e%2e/etc/passwd", nullptr},
      {"/%2E%2E%2Fetc%2Fpasswd", nullptr},
      {"/assets/%2e%2e%2f%2e%2e%2fsecret", nullptr},
      {"/./index.html", nullptr},
      {"//etc/passwd", nullptr},
      {"/assets//x.js", nullptr},
      {"/a\\..\\b", nullptr},
      {"/a%5c..%5cb", nullptr},
      {"/a%00.html", nullptr},
      {"/a%0a", nullptr},
      {"/%zz", nullptr},
      {"relative", nullptr},
      {"", nullptr},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.path);
    Result<std::string> relative = SafeRelativePath(row.path);
    if (row.relative) {
      ASSERT_TRUE(relative.ok()) << relative.status().ToString();
      EXPECT_EQ(*relative, row.relative);
    } else {
      EXPECT_FALSE(relative.ok()) << *relative;
    }
  }
}

TEST(ContentTypeFor, TextCarriesUtf8) {
  EXPECT_EQ(ContentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("app.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("logo.svg"), "image/svg+xml; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("en.json"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("font.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("x.png"), "image/png");
  EXPECT_EQ(ContentTypeFor("README"), "application/octet-stream");
}

class ServeStaticTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("tb-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<!doctype html><title>TB</title>");
    Write(root_ / "assets" / "app-1a2b.js", "console.log(1)");
    Write(root_ / "favicon.ico", "ico");
    Write(base_ / "secret.txt", "secret");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }
  Response Get(const std::string& path) {
    Request request = MakeRequest("GET", path);
    return ServeStatic(root_.string(), request);
  }

  fs::path base_, root_;
};

TEST_F(ServeStaticTest, ServesFilesWithTypesAndCaching) {
  Response index = Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>TB</title>");
  EXPECT_EQ(*index.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(*index.Header("Cache-Control"), "no-cache");

  Response js = Get("/assets/app-1a2b.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(*js.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(*js.Header("Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(ServeStaticTest, ClientSideRoutesGetIndexHtml) {
  for (const char* path : {"/notices", "/notices/42", "/zh/notices/ungm-1"}) {
    SCOPED_TRACE(path);
    Response r = Get(path);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "<!doctype html><title>TB</title>");
    EXPECT_EQ(*r.Header("Cache-Control"), "no-cache");
  }
}

TEST_F(ServeStaticTest, MissingFilesWithExtensionsAre404Problems) {
  Response r = Get("/assets/missing-9z.js");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(*r.Header("Content-Type"), "application/problem+json; charset=utf-8");
}

TEST_F(ServeStaticTest, RefusesTraversalAndSymlinkEscapes) {
  fs::create_symlink(base_ / "secret.txt", root_ / "link.txt");
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2F..%2Fsecret.txt",
                           "/link.txt"}) {
    SCOPED_TRACE(path);
    Response r = Get(path);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body.find("secret\""), std::string::npos);
    EXPECT_NE(r.body, "secret");
  }
}

TEST(ServeStatic, NoWebRootServesNothing) {
  Request request = MakeRequest("GET", "/");
  EXPECT_EQ(ServeStatic("", request).status, 404);
}

}  // namespace
}  // namespace tb::http
