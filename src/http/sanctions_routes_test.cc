// The sanctions review routes through the whole pipeline: centre staff only (AS-15), a
// decision only after a recent password check (AS-12).
#include <gtest/gtest.h>

#include "http/testing/supplier_api_fixture.h"
#include "sanctions/testing/list_files.h"

namespace tb::http {
namespace {

using auth::Role;
using nlohmann::json;
using namespace std::chrono_literals;

class SanctionsRoutesTest : public testing::SupplierApiTest {
 protected:
  void SetUp() override {
    SupplierApiTest::SetUp();
    // A day older than the fixture clock: fresh, so screening can clear as well as flag.
    ASSERT_TRUE(screening_service
                    ->ImportList(sanctions::testing::SmallList("2025-06-14T00:00:00Z"), nullptr)
                    .ok());
    staff_ = SignedIn("staff@centre.org", Role::kCentreStaff);
  }

  // A supplier whose name is on the list, screened: one open review case. Returns its id.
  std::int64_t ListedSupplierCase() {
    Session s = SignedIn("golden@example.org", Role::kSupplierUser, "Golden Lotus Trading Co Ltd");
    EXPECT_EQ(As(s, "GET", "/api/v1/suppliers/" + std::to_string(s.organisation.value) + "/profile")
                  .status,
              200);
    supplier_ = s.organisation.value;
    Result<screening::ScreeningRecord> screened = screening_service->Screen(
        {"supplier", std::to_string(supplier_), {"Golden Lotus Trading Co Ltd"}, "CN"});
    EXPECT_TRUE(screened.ok());
    auto open = screening_service->ListReviews(screening::ReviewStatus::kOpen, 0, 10);
    EXPECT_TRUE(open.ok() && !open->empty());
    return open.ok() && !open->empty() ? open->back().id : 0;
  }
  std::string Decision(std::int64_t id) const {
    return "/api/v1/sanctions/reviews/" + std::to_string(id) + "/decision";
  }

  Session staff_;
  std::int64_t supplier_ = 0;
};

TEST_F(SanctionsRoutesTest, StaffSeeTheCurrentListAndTheQueue) {
  Response list = As(staff_, "GET", "/api/v1/sanctions/list");
  ASSERT_EQ(list.status, 200) << list.body;
  const json current = Json(list)["current"];
  EXPECT_EQ(current["entry_count"], 2);
  EXPECT_EQ(current["date_generated"], "2025-06-14T00:00:00Z");
  EXPECT_EQ(current["sha256"].get<std::string>().size(), 64u);

  const std::int64_t id = ListedSupplierCase();
  Response queue = As(staff_, "GET", "/api/v1/sanctions/reviews");
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(Json(queue)["items"].size(), 1u);
  const json item = Json(queue)["items"][0];
  EXPECT_EQ(item["id"], id);
  EXPECT_EQ(item["status"], "open");
  EXPECT_EQ(item["supplier"]["id"], std::to_string(supplier_));
  EXPECT_EQ(item["supplier"]["name"], "Golden Lotus Trading Co Ltd");
  EXPECT_EQ(item["entry"]["name"], "GOLDEN LOTUS TRADING CO., LTD.");
  EXPECT_EQ(item["entry"]["reference"], "XXe.001");
  EXPECT_GE(item["score"].get<double>(), 0.8);
  EXPECT_TRUE(
      Json(As(staff_, "GET", "/api/v1/sanctions/reviews", "", {}, "status=cleared"))["items"]
          .empty());
  EXPECT_EQ(As(staff_, "GET", "/api/v1/sanctions/reviews", "", {}, "status=maybe").status, 422);
}

TEST_F(SanctionsRoutesTest, ACaseShowsTheScreenedNamesBesideTheListedEntry) {
  const std::int64_t id = ListedSupplierCase();
  Response r = As(staff_, "GET", "/api/v1/sanctions/reviews/" + std::to_string(id));
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = Json(r);
  EXPECT_EQ(body["supplier"]["names"][0], "Golden Lotus Trading Co Ltd");
  EXPECT_EQ(body["supplier"]["country"], "CN");
  EXPECT_EQ(body["entry"]["names"][0]["name"], "GOLDEN LOTUS TRADING CO., LTD.");
  EXPECT_EQ(body["entry"]["type"], "entity");
  EXPECT_EQ(body["entry"]["address_countries"], json::array({"China"}));
  ASSERT_FALSE(body["matches"].empty());
  EXPECT_EQ(body["matches"][0]["supplier_name"], "Golden Lotus Trading Co Ltd");
  EXPECT_TRUE(body["decision"].is_null());
  EXPECT_EQ(body["list_version"], "2025-06-14T00:00:00Z");
  EXPECT_EQ(As(staff_, "GET", "/api/v1/sanctions/reviews/424242").status, 404);
  EXPECT_EQ(As(staff_, "GET", "/api/v1/sanctions/reviews/abc").status, 404);
}

TEST_F(SanctionsRoutesTest, ADecisionIsRecordedOnceWithItsNote) {
  const std::int64_t id = ListedSupplierCase();
  Response no_note = As(staff_, "POST", Decision(id), R"({"decision":"clear"})");
  EXPECT_EQ(no_note.status, 422);
  EXPECT_EQ(Json(no_note)["field"], "note");
  EXPECT_EQ(As(staff_, "POST", Decision(id), R"({"decision":"maybe","note":"x"})").status, 422);
  Response injected =
      As(staff_, "POST", Decision(id), R"({"decision":"clear","note":"x","reviewer":1})");
  EXPECT_EQ(Code(injected), "unknown_field");

  Response decided = As(staff_, "POST", Decision(id),
                        R"({"decision":"clear","note":"Different company: registry KE-123"})");
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(Json(decided)["status"], "cleared");
  EXPECT_EQ(Json(decided)["decision"]["decision"], "clear");
  EXPECT_EQ(Json(decided)["decision"]["decided_by"], std::to_string(staff_.user.value));
  Response again = As(staff_, "POST", Decision(id), R"({"decision":"confirm","note":"x"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(As(staff_, "POST", Decision(987), R"({"decision":"clear","note":"x"})").status, 404);
}

// AS-12: more than 15 minutes after the last password check, a decision needs a step-up.
TEST_F(SanctionsRoutesTest, ADecisionNeedsAStepUpWithinFifteenMinutes) {
  const std::int64_t id = ListedSupplierCase();
  clock.Advance(16min);
  const std::string body = R"({"decision":"confirm","note":"Same company as the listed entity"})";
  Response refused = As(staff_, "POST", Decision(id), body);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(Code(refused), "reauthentication_required");
  EXPECT_EQ(screening_store.GetReview(id).value()->status, screening::ReviewStatus::kOpen);

  Response stepped_up =
      As(staff_, "POST", "/api/v1/auth/reauthenticate",
         json({{"password", testing::kSupplierTestPassword}, {"totp", TotpNow(staff_)}}).dump());
  ASSERT_EQ(stepped_up.status, 204) << stepped_up.body;
  Response decided = As(staff_, "POST", Decision(id), body);
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(Json(decided)["status"], "confirmed");
}

// AS-15: the sanctions routes are centre staff's alone.
TEST_F(SanctionsRoutesTest, SuppliersOfficersAndAdministratorsAreRefused) {
  const std::int64_t id = ListedSupplierCase();
  const Session others[] = {SignedIn("a@example.org", Role::kSupplierUser),
                            SignedIn("officer@undp.org", Role::kAgencyOfficer),
                            SignedIn("admin@centre.org", Role::kAdministrator)};
  const std::string case_path = "/api/v1/sanctions/reviews/" + std::to_string(id);
  for (const Session& session : others) {
    for (const auto& [method, path] :
         std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/sanctions/list"},
                                                          {"GET", "/api/v1/sanctions/reviews"},
                                                          {"GET", case_path},
                                                          {"POST", Decision(id)}}) {
      SCOPED_TRACE(method + " " + path);
      Response r =
          As(session, method, path, method == "POST" ? R"({"decision":"clear","note":"x"})" : "");
      EXPECT_EQ(r.status, 403);
      EXPECT_EQ(Code(r), "forbidden");
    }
  }
  EXPECT_EQ(screening_store.GetReview(id).value()->status, screening::ReviewStatus::kOpen);
}

using NoScreeningTest = testing::SupplierApiTest;

TEST_F(NoScreeningTest, TheSanctionsRoutesAre503) {
  screening_service = nullptr;
  Session staff = SignedIn("staff@centre.org", Role::kCentreStaff);
  EXPECT_EQ(As(staff, "GET", "/api/v1/sanctions/list").status, 503);
  EXPECT_EQ(As(staff, "GET", "/api/v1/sanctions/reviews").status, 503);
}

}  // namespace
}  // namespace tb::http
