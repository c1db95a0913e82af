#include "storage/notice_query.h"

#include <gtest/gtest.h>

namespace tb::storage {
namespace {

using notices::NoticeOrder;

TEST(NoticeCursor, RoundTrips) {
  for (NoticeOrder order : {NoticeOrder::kNewest, NoticeOrder::kDeadline}) {
    for (std::int64_t key : {std::numeric_limits<std::int64_t>::min(), std::int64_t{-5},
                             std::int64_t{0}, std::int64_t{1709251200000000},
                             std::numeric_limits<std::int64_t>::max()}) {
      const std::string text = EncodeCursor({order, key, 42});
      EXPECT_EQ(text.find_first_not_of(
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                std::string::npos);
      auto back = DecodeCursor(text, order);
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      EXPECT_EQ(back->key, key);
      EXPECT_EQ(back->id, 42);
      EXPECT_EQ(back->order, order);
    }
  }
}

TEST(NoticeCursor, RefusesMalformedAndWrongOrder) {
  const std::string newest = EncodeCursor({NoticeOrder::kNewest, 10, 3});
  const std::string bad[] = {"!!!", "abc", "bjE6MTA6", newest + "=", std::string(100, 'A'),
                             EncodeCursor({NoticeOrder::kNewest, 10, 0})};
  for (const std::string& text : bad) {
    auto r = DecodeCursor(text, NoticeOrder::kNewest);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "cursor");
  }
  auto wrong = DecodeCursor(newest, NoticeOrder::kDeadline);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().field(), "cursor");
}

TEST(NoticeFilterCondition, RefusesBadPrefixesAndCountries) {
  notices::NoticeFilter f;
  f.unspsc_prefixes = {"43a"};
  auto r = NoticeFilterCondition(f, Timestamp());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "unspsc");
  f.unspsc_prefixes = {"123456789"};
  EXPECT_FALSE(NoticeFilterCondition(f, Timestamp()).ok());
  f.unspsc_prefixes = {};
  f.countries = {"USA"};
  r = NoticeFilterCondition(f, Timestamp());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "country");
}

TEST(NoticeFilterCondition, NoFilterMatchesAll) {
  auto r = NoticeFilterCondition({}, Timestamp());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->sql, "1 = 1");
  EXPECT_TRUE(r->params.empty());
}

}  // namespace
}  // namespace tb::storage
