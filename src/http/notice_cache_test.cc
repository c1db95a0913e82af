#include "http/notice_cache.h"

#include <gtest/gtest.h>

#include "http/testing/api_fixture.h"

namespace tb::http {
namespace {

std::shared_ptr<const NoticeCache::Entry> MakeEntry(std::int64_t version, std::size_t bytes) {
  return std::make_shared<const NoticeCache::Entry>(
      NoticeCache::Entry{version, std::string(bytes, 'x'), "\"tag\""});
}

TEST(NoticeCacheTest, FindsWhatWasPutAndReplacesIt) {
  NoticeCache cache(1 << 20);
  EXPECT_EQ(cache.Find(1), nullptr);
  cache.Put(1, MakeEntry(1, 100));
  ASSERT_NE(cache.Find(1), nullptr);
  EXPECT_EQ(cache.Find(1)->version, 1);
  cache.Put(1, MakeEntry(2, 100));
  EXPECT_EQ(cache.Find(1)->version, 2);
  EXPECT_EQ(cache.Find(2), nullptr);
}

TEST(NoticeCacheTest, StaysWithinItsBytes) {
  NoticeCache cache(10'000);
  for (int i = 0; i < 100; ++i) cache.Put(i, MakeEntry(1, 1'000));
  EXPECT_LE(cache.bytes(), 10'000u);
  EXPECT_NE(cache.Find(99), nullptr);    // the newest entry is always kept
  cache.Put(1000, MakeEntry(1, 5'000));  // larger than a quarter of the cache: not kept
  EXPECT_EQ(cache.Find(1000), nullptr);
}

TEST(NoticeCacheTest, DisabledCacheKeepsNothing) {
  NoticeCache cache(0);
  EXPECT_FALSE(cache.enabled());
  cache.Put(1, MakeEntry(1, 10));
  cache.PutPublicId("ocds-1", 1);
  EXPECT_EQ(cache.Find(1), nullptr);
  EXPECT_FALSE(cache.FindPublicId("ocds-1").has_value());
}

TEST(NoticeCacheTest, RemembersPublicIds) {
  NoticeCache cache(1 << 20);
  cache.PutPublicId("ocds-abc/1", 7);
  EXPECT_EQ(cache.FindPublicId("ocds-abc/1"), 7);
  EXPECT_FALSE(cache.FindPublicId("ocds-abc/2").has_value());
}

// The route through the whole pipeline over the fake store.
class NoticeRouteCacheTest : public testing::ApiTest {
 protected:
  void SetUp() override { id_ = notices.Add(testing::MakeNotice("ungm-1", "UNDP", "Laptops")); }
  void Update(const std::string& title) {
    notices::Notice changed = testing::MakeNotice("ungm-1", "UNDP", title);
    auto r = notices.UpsertBatch(std::span<const notices::Notice>(&changed, 1),
                                 [](const notices::Notice* current, const notices::Notice& in) {
                                   return current ? notices::Merge(*current, in) : in;
                                 });
    ASSERT_TRUE(r.ok());
  }
  NoticeId id_;
};

TEST_F(NoticeRouteCacheTest, ServesTheCachedBodyWithoutReadingTheNoticeAgain) {
  const std::string path = "/api/v1/notices/" + std::to_string(id_.value);
  Response first = Get(path);
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(Get("/api/v1/notices/ungm-1").body, first.body);  // resolves the public id once
  notices.throw_on_get = true;  // reading the notice again would now be a 500
  Response second = Get(path);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(*second.Header("ETag"), *first.Header("ETag"));
  EXPECT_EQ(Get("/api/v1/notices/ungm-1").body, first.body);
}

TEST_F(NoticeRouteCacheTest, AWriteChangesBodyVersionsAndEtag) {
  const std::string path = "/api/v1/notices/" + std::to_string(id_.value);
  Response before = Get(path);
  ASSERT_EQ(before.status, 200);
  Update("Laptops and docking stations");
  Response after = Get(path);
  ASSERT_EQ(after.status, 200);
  const auto body = Json(after);
  EXPECT_EQ(body["title"], "Laptops and docking stations");
  EXPECT_EQ(body["versions"].size(), 2u);
  EXPECT_NE(*after.Header("ETag"), *before.Header("ETag"));
  // A client holding the old tag gets the new body, one with the new tag gets 304.
  EXPECT_EQ(Get(path, "", {{"if-none-match", *before.Header("ETag")}}).status, 200);
  EXPECT_EQ(Get(path, "", {{"if-none-match", *after.Header("ETag")}}).status, 304);
}

TEST_F(NoticeRouteCacheTest, WorksTheSameWithTheCacheOff) {
  options.notice_cache_bytes = 0;
  const std::string path = "/api/v1/notices/" + std::to_string(id_.value);
  Response before = Get(path);
  Update("Desktops");
  Response after = Get(path);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(Json(after)["title"], "Desktops");
  EXPECT_NE(after.body, before.body);
}

}  // namespace
}  // namespace tb::http
