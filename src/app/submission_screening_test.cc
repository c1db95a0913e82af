// Context wires the supplier service to screening: a profile submitted for review is
// screened at once (names and owners), through the real stores on a fresh SQLite file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/context.h"
#include "screening/screening_store.h"
#include "suppliers/profile_json.h"
#include "suppliers/supplier_service.h"
#include "suppliers/testing/fixtures.h"

namespace tb::app {
namespace {

TEST(SubmissionScreening, ASubmittedProfileIsScreenedAndNeverClearedWithoutAList) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("tb-submission-screening-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    Result<std::unique_ptr<Context>> context = Context::Open((dir / "tb.db").string());
    ASSERT_TRUE(context.ok()) << context.status().ToString();
    ASSERT_TRUE((*context)->OpenSupplierServices().ok());
    suppliers::SupplierService& service = *(*context)->suppliers();
    const auth::Actor company = suppliers::testing::SupplierUser(7, 7);
    ASSERT_TRUE(service.CreateSupplier(OrganisationId{7}, "Acme Ltd", "KE", UserId{7}).ok());
    nlohmann::json basic =
        suppliers::ProfileToJson(suppliers::testing::BasicCompleteRecord(7, Timestamp()).profile);
    basic["code_of_conduct_accepted"] = true;
    basic["owners"] = {{{"name", "Jane Wanjiru"}}};
    ASSERT_TRUE(service.PatchProfile(company, SupplierId{7}, basic).ok());
    screening::ScreeningStore& store = (*context)->screening_store();
    EXPECT_FALSE(store.LatestScreening("supplier", "7")->has_value()) << "not before submission";

    ASSERT_TRUE(
        service.Review(company, SupplierId{7}, {suppliers::ReviewAction::kSubmit, "", ""}).ok());
    Result<std::optional<screening::ScreeningRecord>> screened =
        store.LatestScreening("supplier", "7");
    ASSERT_TRUE(screened.ok() && screened->has_value()) << "no screening recorded on submit";
    EXPECT_EQ((*screened)->decision, screening::ScreeningDecision::kUnavailable) << "ET-14";
    EXPECT_TRUE(store.LatestScreening("owner", "7/owners/0")->has_value());
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tb::app
