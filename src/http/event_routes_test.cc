// The events routes' wiring through the whole pipeline (Api::Handle): every route of
// docs/events.md is in the table with the roles of its access table, and a server started
// without the events service answers 503 on each of them instead of crashing. The service's
// behaviour behind the routes is tested end to end in tests/api/event_api_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "http/routes.h"
#include "http/testing/supplier_api_fixture.h"

namespace tb::http {
namespace {

using auth::Role;

class EventRoutesTest : public testing::SupplierApiTest {
 protected:
  // The route's path with every {param} replaced by 1.
  static std::string Concrete(std::string_view path_template) {
    std::string path;
    bool in_param = false;
    for (char c : path_template) {
      if (c == '{') {
        in_param = true;
        path += '1';
      } else if (c == '}') {
        in_param = false;
      } else if (!in_param) {
        path += c;
      }
    }
    return path;
  }
  static bool Admits(const Route& route, Role role) {
    const std::vector<Role>& roles = route.access.roles();
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  }
};

TEST_F(EventRoutesTest, EveryRouteOfTheApiTableIsRegistered) {
  std::set<std::string> registered;
  for (const Route& route : Routes()) {
    registered.insert(std::string(route.method) + " " + std::string(route.path));
  }
  // docs/events.md, "HTTP API" (with {id} for the event and named parameters).
  for (const char* expected : {
           "GET /api/v1/events",
           "POST /api/v1/events",
           "GET /api/v1/events/{id}",
           "PATCH /api/v1/events/{id}",
           "POST /api/v1/events/{id}/status",
           "GET /api/v1/events/{id}/participants",
           "POST /api/v1/events/{id}/participants",
           "PATCH /api/v1/events/{id}/participants/{participant}",
           "POST /api/v1/events/{id}/registrations",
           "GET /api/v1/events/{id}/me",
           "POST /api/v1/events/{id}/import",
           "GET /api/v1/events/{id}/suggestions",
           "GET /api/v1/events/{id}/requests",
           "POST /api/v1/events/{id}/requests",
           "POST /api/v1/events/{id}/requests/{request}/decision",
           "POST /api/v1/events/{id}/requests/{request}/cancel",
           "POST /api/v1/events/{id}/schedule-runs",
           "GET /api/v1/events/{id}/schedule-runs",
           "GET /api/v1/events/{id}/schedule-runs/{run}",
           "GET /api/v1/events/{id}/schedule-runs/{run}/instance",
           "GET /api/v1/events/{id}/schedule-runs/{run}/schedule",
           "POST /api/v1/events/{id}/schedule-runs/{run}/publish",
           "GET /api/v1/events/{id}/meetings",
           "POST /api/v1/events/{id}/pins",
           "DELETE /api/v1/events/{id}/pins/{request}",
           "PUT /api/v1/events/{id}/meetings/{meeting}/outcome",
           "GET /api/v1/events/{id}/agenda",
           "GET /api/v1/events/{id}/agenda.ics",
           "GET /api/v1/events/{id}/table-plan",
           "POST /api/v1/events/{id}/participants/{participant}/check-in",
       }) {
    EXPECT_TRUE(registered.count(expected)) << expected;
  }
}

TEST_F(EventRoutesTest, OnlyTheTwoPublicReadsArePublic) {
  for (const Route& route : Routes()) {
    if (!route.path.starts_with("/api/v1/events")) continue;
    const bool public_route = route.access.access() == auth::Access::kPublic;
    const bool expected_public = route.method == "GET" && (route.path == "/api/v1/events" ||
                                                           route.path == "/api/v1/events/{id}");
    EXPECT_EQ(public_route, expected_public) << route.method << " " << route.path;
    EXPECT_FALSE(route.admin_token) << route.path << ": events have no admin-token access";
    // Staff-only work needs no supplier; nothing a supplier does needs staff.
    if (route.path.ends_with("/schedule-runs") || route.path.ends_with("/publish") ||
        route.path.ends_with("/import") || route.path.ends_with("/check-in")) {
      EXPECT_FALSE(Admits(route, Role::kSupplierUser)) << route.path;
      EXPECT_TRUE(Admits(route, Role::kCentreStaff)) << route.path;
    }
  }
}

TEST_F(EventRoutesTest, WithoutTheEventsServiceEveryRouteAnswers503ToWhomItAdmits) {
  Session staff = SignedIn("staff@centre.example", Role::kCentreStaff, "Service centre");
  Session officer = SignedIn("officer@undp.example", Role::kAgencyOfficer, "UNDP");
  Session supplier = SignedIn("owner@acme.example", Role::kSupplierUser, "Acme Ltd");
  int checked = 0;
  for (const Route& route : Routes()) {
    if (!route.path.starts_with("/api/v1/events")) continue;
    const std::string path = Concrete(route.path);
    const std::string method(route.method);
    const std::string body = method == "GET" || method == "DELETE" ? "" : "{}";
    Response r;
    if (route.access.access() == auth::Access::kPublic) {
      r = Call(method, path);
    } else {
      const Session& who = Admits(route, Role::kCentreStaff)     ? staff
                           : Admits(route, Role::kAgencyOfficer) ? officer
                                                                 : supplier;
      r = As(who, method, path, body);
    }
    EXPECT_EQ(r.status, 503) << method << " " << path << ": " << r.body;
    EXPECT_EQ(Code(r), "unavailable") << method << " " << path;
    ++checked;
  }
  EXPECT_GE(checked, 30);
}

TEST_F(EventRoutesTest, TheRouteRuleRefusesBeforeTheService) {
  Session supplier = SignedIn("owner@acme.example", Role::kSupplierUser, "Acme Ltd");
  Session officer = SignedIn("officer@undp.example", Role::kAgencyOfficer, "UNDP");
  Response anonymous =
      Call("POST", "/api/v1/events", "",
           {{"content-type", "application/json"}, {"origin", testing::kSupplierTestOrigin}}, "{}");
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;
  Response by_supplier = As(supplier, "POST", "/api/v1/events", "{}");
  EXPECT_EQ(by_supplier.status, 403);
  EXPECT_EQ(Code(by_supplier), "forbidden");
  Response decided =
      As(supplier, "POST", "/api/v1/events/1/requests/1/decision", R"({"decision":"accept"})");
  EXPECT_EQ(decided.status, 403) << "suppliers never decide";
  Response run = As(officer, "POST", "/api/v1/events/1/schedule-runs", "{}");
  EXPECT_EQ(run.status, 403) << "officers do not run the scheduler";
  Response requested = As(officer, "POST", "/api/v1/events/1/requests", "{}");
  EXPECT_EQ(requested.status, 403) << "officers do not request meetings";
}

}  // namespace
}  // namespace tb::http
