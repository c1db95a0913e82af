// NoticeStore::List on both engines: every filter, both orders, keyset pagination.
#include <gtest/gtest.h>

#include <set>

#include "storage/storage.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using notices::Notice;
using notices::NoticeFilter;
using notices::NoticeOrder;
using notices::NoticeStatus;
using notices::NoticeType;
using notices::PageRequest;
using testing::MergeLikeImporter;
using testing::SimpleNotice;

Timestamp Day(int d) { return Timestamp::FromSeconds(1'700'000'000 + d * 86'400); }

class NoticeListTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = MakeNoticeStore(db(), clock_);
  }

  void Put(const std::vector<Notice>& batch) {
    auto r = store_->UpsertBatch(batch, MergeLikeImporter);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  // The public ids a filter lists (one page of 100), in order.
  std::vector<std::string> Ids(const NoticeFilter& filter,
                               NoticeOrder order = NoticeOrder::kNewest) {
    auto page = store_->List(filter, order, PageRequest{"", 100}, Day(10));
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> ids;
    if (!page.ok()) return ids;
    for (const Notice& n : page->items) ids.push_back(n.public_id);
    EXPECT_EQ(page->total, static_cast<std::int64_t>(ids.size()));
    return ids;
  }

  // A fixed set covering every filterable field.
  void PutSample() {
    Notice a = SimpleNotice("a");  // UNDP RFQ KE, published day 1, deadline day 20, active
    a.published = Day(1);
    a.deadline = Day(20);
    a.unspsc = {*UnspscCode::Parse("43211503")};
    Notice b = SimpleNotice("b");
    b.buyer = "Unicef";
    b.type = NoticeType::kInvitationToBid;
    b.countries = {"UG", "KE"};
    b.published = Day(3);
    b.deadline = Day(5);  // passed at Day(10)
    b.unspsc = {*UnspscCode::Parse("43210000"), *UnspscCode::Parse("72100000")};
    b.source = "ocds";
    Notice c = SimpleNotice("c");
    c.buyer = "WFP";
    c.type = NoticeType::kRequestForProposal;
    c.status = NoticeStatus::kCancelled;
    c.countries = {"ET"};
    c.published = std::nullopt;
    c.deadline = Day(15);
    c.unspsc = {*UnspscCode::Parse("50000000")};
    Notice d = SimpleNotice("d");  // no deadline
    d.buyer = "undp";
    d.published = Day(2);
    d.countries = {};
    Put({a, b, c, d});
  }

  FakeClock clock_{Day(0)};
  std::unique_ptr<notices::NoticeStore> store_;
};

using Names = std::vector<std::string>;

TEST_P(NoticeListTest, EveryFilter) {
  PutSample();
  EXPECT_EQ(Ids({}), (Names{"b", "d", "a", "c"}));
  NoticeFilter f;
  f.buyers = {"undp"};
  EXPECT_EQ(Ids(f), (Names{"d", "a"})) << "buyer is case-insensitive";
  f = {};
  f.buyers = {"UNICEF", "wfp"};
  EXPECT_EQ(Ids(f), (Names{"b", "c"}));
  f = {};
  f.types = {NoticeType::kInvitationToBid, NoticeType::kRequestForProposal};
  EXPECT_EQ(Ids(f), (Names{"b", "c"}));
  f = {};
  f.countries = {"ke"};
  EXPECT_EQ(Ids(f), (Names{"b", "a"}));
  f.countries = {"ET", "UG"};
  EXPECT_EQ(Ids(f), (Names{"b", "c"}));
  f = {};
  f.unspsc_prefixes = {"4321"};
  EXPECT_EQ(Ids(f), (Names{"b", "a"}));
  f.unspsc_prefixes = {"432115"};
  EXPECT_EQ(Ids(f), (Names{"a"}));
  f.unspsc_prefixes = {"72", "50"};
  EXPECT_EQ(Ids(f), (Names{"b", "c"}));
  f = {};
  f.statuses = {NoticeStatus::kCancelled};
  EXPECT_EQ(Ids(f), (Names{"c"}));
  f = {};
  f.open = true;
  EXPECT_EQ(Ids(f), (Names{"a", "c"}));
  f.open = false;
  EXPECT_EQ(Ids(f), (Names{"b"}));
  f = {};
  f.published_from = Day(2);
  EXPECT_EQ(Ids(f), (Names{"b", "d"}));
  f.published_to = Day(3);
  EXPECT_EQ(Ids(f), (Names{"d"})) << "published_to is exclusive";
  f = {};
  f.deadline_from = Day(15);
  EXPECT_EQ(Ids(f), (Names{"a", "c"}));
  f.deadline_to = Day(20);
  EXPECT_EQ(Ids(f), (Names{"c"}));
  f = {};
  f.source = "ocds";
  EXPECT_EQ(Ids(f), (Names{"b"}));
  f = {};
  f.buyers = {"undp"};
  f.countries = {"KE"};
  f.open = true;
  EXPECT_EQ(Ids(f), (Names{"a"})) << "filters combine with AND";
}

TEST_P(NoticeListTest, BothOrders) {
  PutSample();
  EXPECT_EQ(Ids({}, NoticeOrder::kNewest), (Names{"b", "d", "a", "c"}))
      << "published descending, unpublished last";
  EXPECT_EQ(Ids({}, NoticeOrder::kDeadline), (Names{"b", "c", "a", "d"}))
      << "deadline ascending, none last";
}

TEST_P(NoticeListTest, TiesBreakById) {
  Put({SimpleNotice("t1"), SimpleNotice("t2"), SimpleNotice("t3")});  // same published time
  EXPECT_EQ(Ids({}, NoticeOrder::kNewest), (Names{"t3", "t2", "t1"}));
  EXPECT_EQ(Ids({}, NoticeOrder::kDeadline), (Names{"t1", "t2", "t3"}));
}

TEST_P(NoticeListTest, PagesAreStableWhileNoticesAreInserted) {
  for (NoticeOrder order : {NoticeOrder::kNewest, NoticeOrder::kDeadline}) {
    SCOPED_TRACE(order == NoticeOrder::kNewest ? "newest" : "deadline");
    std::vector<Notice> batch;
    const std::string tag = order == NoticeOrder::kNewest ? "n" : "d";
    for (int i = 0; i < 25; ++i) {
      Notice n = SimpleNotice(tag + std::to_string(i));
      n.source = tag;
      n.published = Day(i % 5);  // ties on the key, broken by id
      n.deadline = Day(30 + i % 7);
      if (i % 6 == 0) n.deadline.reset();
      batch.push_back(n);
    }
    Put(batch);
    NoticeFilter f;
    f.source = tag;
    std::set<std::string> seen;
    std::vector<std::string> order_seen;
    std::string cursor;
    int pages = 0;
    do {
      auto page = store_->List(f, order, PageRequest{cursor, 7}, Day(0));
      ASSERT_TRUE(page.ok()) << page.status().ToString();
      ASSERT_LE(page->items.size(), 7u);
      for (const Notice& n : page->items) {
        EXPECT_TRUE(seen.insert(n.public_id).second) << "duplicate " << n.public_id;
        order_seen.push_back(n.public_id);
      }
      cursor = page->next_cursor;
      // Insert notices before and after the current position between pages.
      Notice early = SimpleNotice(tag + "-new-" + std::to_string(pages));
      early.source = tag;
      early.published = Day(pages % 2 == 0 ? 100 : -100);
      early.deadline = Day(pages % 2 == 0 ? -100 : 100);
      Put({early});
      ++pages;
    } while (!cursor.empty() && pages < 20);
    for (const Notice& n : batch) {
      EXPECT_TRUE(seen.contains(n.public_id)) << "skipped " << n.public_id;
    }
  }
}

TEST_P(NoticeListTest, TotalCountsAllMatchesNotThePage) {
  PutSample();
  auto page = store_->List({}, NoticeOrder::kNewest, PageRequest{"", 2}, Day(10));
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->total, 4);
  EXPECT_FALSE(page->next_cursor.empty());
  auto last = store_->List({}, NoticeOrder::kNewest, PageRequest{page->next_cursor, 2}, Day(10));
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->items.size(), 2u);
  EXPECT_TRUE(last->next_cursor.empty()) << "the last page has no cursor";
}

TEST_P(NoticeListTest, RefusesBadCursorAndLimit) {
  PutSample();
  auto page = store_->List({}, NoticeOrder::kNewest, PageRequest{"", 1}, Day(10));
  ASSERT_TRUE(page.ok());
  auto wrong_order =
      store_->List({}, NoticeOrder::kDeadline, PageRequest{page->next_cursor, 1}, Day(10));
  ASSERT_FALSE(wrong_order.ok());
  EXPECT_EQ(wrong_order.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(wrong_order.status().field(), "cursor");
  auto garbage = store_->List({}, NoticeOrder::kNewest, PageRequest{"%%%", 1}, Day(10));
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().field(), "cursor");
  for (int limit : {0, 101}) {
    auto bad = store_->List({}, NoticeOrder::kNewest, PageRequest{"", limit}, Day(10));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().field(), "limit");
  }
}

TB_INSTANTIATE_BACKENDS(NoticeListTest);

}  // namespace
}  // namespace tb::storage
