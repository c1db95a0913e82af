#include "notices/ocds_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tb::notices::ocds {
namespace {

using json = nlohmann::json;

Release Minimal() {
  Release r;
  r.ocid = "ocds-tbrdg1-000001";
  r.id = "ocds-tbrdg1-000001-tender";
  r.date = Timestamp::FromRfc3339("2026-03-01T09:00:00Z").value();
  r.tag = {"tender"};
  r.buyer = {"tenderbridge-org-1", "UNDP"};
  r.parties = {{"tenderbridge-org-1", "UNDP", {"buyer", "procuringEntity"}, "", "", "", ""}};
  r.tender.id = r.ocid;
  r.tender.title = "Solar pumps";
  return r;
}

TEST(OcdsWriter, AmountsAreNumbersInMajorUnits) {
  struct Case {
    Money money;
    const char* json;
  };
  const Case cases[] = {{{123450, "USD"}, "1234.5"},
                        {{100000, "USD"}, "1000"},
                        {{7, "USD"}, "0.07"},
                        {{5000, "JPY"}, "5000"},
                        {{1234567, "KWD"}, "1234.567"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    Release r = Minimal();
    r.tender.value = c.money;
    const json out = r;
    EXPECT_EQ(out["tender"]["value"]["amount"].dump(), c.json);
    EXPECT_EQ(out["tender"]["value"]["currency"], c.money.currency);
  }
}

TEST(OcdsWriter, OmitsWhatIsNotKnown) {
  const json out = Minimal();
  EXPECT_FALSE(out.contains("awards"));
  EXPECT_FALSE(out.contains("contracts"));
  EXPECT_FALSE(out.contains("bids"));
  EXPECT_FALSE(out["tender"].contains("numberOfTenderers"));
  EXPECT_FALSE(out["tender"].contains("tenderers"));
  EXPECT_FALSE(out["tender"].contains("description"));
  EXPECT_FALSE(out["parties"][0].contains("details"));
  EXPECT_EQ(out["date"], "2026-03-01T09:00:00Z");
  EXPECT_EQ(out["initiationType"], "tender");
}

TEST(OcdsWriter, WritesItemsLotsStatisticsAwardsAndContracts) {
  Release r = Minimal();
  r.tender.items = {{"1", "Pump", "UNSPSC", "40151500", "", 12, "EA", "lot-1"}};
  r.tender.lots = {{"lot-1", "Pumps", "", Money{500000, "USD"}, ""}};
  r.tender.number_of_tenderers = 2;
  r.tender.tender_period = {Timestamp::FromSeconds(0), std::nullopt};
  r.parties.push_back({"tenderbridge-org-7", "Alpha", {"tenderer", "supplier"}, "", "", "", "sme"});
  r.bid_statistics = {{"s1", "bids", 2, Timestamp::FromSeconds(10), ""}};
  r.awards = {{"a1",
               "",
               "",
               "pending",
               Timestamp::FromSeconds(20),
               Money{450000, "USD"},
               {{"tenderbridge-org-7", "Alpha"}},
               {},
               {}}};
  r.contracts = {{"c1",
                  "a1",
                  "",
                  "active",
                  Money{450000, "USD"},
                  {Timestamp::FromSeconds(30), Timestamp::FromSeconds(40)},
                  Timestamp::FromSeconds(25)}};
  const json out = r;
  EXPECT_EQ(out["tender"]["items"][0]["classification"],
            (json{{"scheme", "UNSPSC"}, {"id", "40151500"}}));
  EXPECT_EQ(out["tender"]["items"][0]["relatedLot"], "lot-1");
  EXPECT_EQ(out["tender"]["items"][0]["unit"]["name"], "EA");
  EXPECT_EQ(out["tender"]["lots"][0]["value"]["amount"], 5000);
  EXPECT_EQ(out["tender"]["tenderPeriod"], (json{{"startDate", "1970-01-01T00:00:00Z"}}));
  EXPECT_EQ(out["parties"][1]["details"]["scale"], "sme");
  EXPECT_EQ(out["bids"], (json{{"statistics", json::array({{{"id", "s1"},
                                                            {"measure", "bids"},
                                                            {"value", 2},
                                                            {"date", "1970-01-01T00:00:10Z"}}})}}));
  EXPECT_EQ(out["awards"][0]["suppliers"][0]["id"], "tenderbridge-org-7");
  EXPECT_EQ(out["contracts"][0]["awardID"], "a1");
  EXPECT_EQ(out["contracts"][0]["dateSigned"], "1970-01-01T00:00:25Z");
}

TEST(OcdsWriter, PackageCarriesTheExtensionsAndThePublisher) {
  const std::vector<Release> releases = {Minimal()};
  PackageInfo info;
  info.uri = "https://tenderbridge.example/api/v1/ocds/releases";
  info.published_date = Timestamp::FromSeconds(0);
  info.license = "https://creativecommons.org/licenses/by/4.0/";
  const json package = PackageJson(releases, info);
  EXPECT_EQ(package["version"], "1.1");
  EXPECT_EQ(package["publisher"]["name"], "TenderBridge");
  EXPECT_EQ(package["extensions"].size(), 3u);
  EXPECT_EQ(package["releases"].size(), 1u);
  EXPECT_EQ(package["license"], info.license);
}

}  // namespace
}  // namespace tb::notices::ocds
