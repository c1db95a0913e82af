#include "app/supplier_screening_source.h"

#include <gtest/gtest.h>

#include "suppliers/supplier_service.h"
#include "suppliers/testing/fixtures.h"
#include "suppliers/testing/in_memory_supplier_store.h"

namespace tb::app {
namespace {

class SupplierScreeningSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto detector = suppliers::ContentTypeDetector::Open();
    ASSERT_TRUE(detector.ok());
    detector_ = std::move(detector).value();
    service_ =
        std::make_unique<suppliers::SupplierService>(store_, *detector_, scanner_, clock_, nullptr);
  }

  void AddSupplier(std::int64_t id, const std::string& name, const nlohmann::json& patch) {
    ASSERT_TRUE(service_->CreateSupplier(OrganisationId{id}, name, "KE", UserId{id}).ok());
    if (!patch.empty()) {
      auto patched =
          service_->PatchProfile(suppliers::testing::SupplierUser(id, id), SupplierId{id}, patch);
      ASSERT_TRUE(patched.ok()) << patched.status().ToString();
    }
  }

  std::vector<screening::ScreeningSubject> All(int page_size) {
    SupplierScreeningSource source(*service_, page_size);
    std::vector<screening::ScreeningSubject> seen;
    Status s = source.ForEachSubject([&](const screening::ScreeningSubject& subject) {
      seen.push_back(subject);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return seen;
  }

  suppliers::testing::InMemorySupplierStore store_;
  suppliers::EicarScanner scanner_;
  FakeClock clock_{Timestamp::FromSeconds(1'750'000'000)};
  std::unique_ptr<suppliers::ContentTypeDetector> detector_;
  std::unique_ptr<suppliers::SupplierService> service_;
};

TEST_F(SupplierScreeningSourceTest, GivesEverySupplierAndOwnerAcrossPages) {
  AddSupplier(1, "Acme Ltd", {{"trading_names", {"Acme Trading"}}, {"legal_name_latin", "Acme"}});
  AddSupplier(2, "Baobab",
              {{"owners",
                {{{"name", "Ivan Sidorov"}, {"share_percent", 60}},
                 {{"name", "Jane Doe"}, {"share_percent", 40}}}}});
  AddSupplier(3, "Cedar", nlohmann::json::object());

  for (int page_size : {1, 2, 500}) {
    SCOPED_TRACE(page_size);
    const std::vector<screening::ScreeningSubject> subjects = All(page_size);
    ASSERT_EQ(subjects.size(), 5u);
    EXPECT_EQ(subjects[0].kind, "supplier");
    EXPECT_EQ(subjects[0].id, "1");
    EXPECT_EQ(subjects[0].names, (std::vector<std::string>{"Acme Ltd", "Acme", "Acme Trading"}));
    EXPECT_EQ(subjects[0].country, "KE");
    EXPECT_EQ(subjects[1].id, "2");
    EXPECT_EQ(subjects[2].kind, "owner");
    EXPECT_EQ(subjects[2].id, "2/owners/0");
    EXPECT_EQ(subjects[2].names, std::vector<std::string>{"Ivan Sidorov"});
    EXPECT_EQ(subjects[3].id, "2/owners/1");
    EXPECT_EQ(subjects[4].id, "3");
  }
}

TEST_F(SupplierScreeningSourceTest, StopsAtTheFirstFailureOfTheVisitor) {
  AddSupplier(1, "Acme Ltd", nlohmann::json::object());
  AddSupplier(2, "Baobab", nlohmann::json::object());
  SupplierScreeningSource source(*service_, 500);
  int visits = 0;
  Status s = source.ForEachSubject([&](const screening::ScreeningSubject&) {
    ++visits;
    return Status::Unavailable("database busy");
  });
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_EQ(visits, 1);
}

}  // namespace
}  // namespace tb::app
