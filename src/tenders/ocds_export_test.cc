#include "tenders/ocds_export.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tenders/testing/evaluation_fixture.h"

namespace tb::tenders {
namespace {

using namespace tb::tenders::testing;

ProcessFacts Published() {
  ProcessFacts f;
  f.tender = OpenedRfp().tender;
  f.tender.state = TenderState::kPublished;
  f.tender.items = {{"1", "", "Solar pump", "40151500", 12, "EA"}};
  f.tender.time_zone = "UTC";
  return f;
}

std::vector<std::string> Ids(const std::vector<notices::ocds::Release>& releases) {
  std::vector<std::string> ids;
  for (const auto& r : releases) ids.push_back(r.id.substr(std::string(kOcid).size() + 1));
  return ids;
}

TEST(OcdsExport, NothingForATenderNeverPublished) {
  ProcessFacts f = Published();
  f.tender.published_at.reset();
  f.tender.state = TenderState::kDraft;
  EXPECT_TRUE(BuildReleases(f).empty());
}

TEST(OcdsExport, APublishedTenderNamesNoBidder) {
  const auto releases = BuildReleases(Published());
  ASSERT_EQ(Ids(releases), std::vector<std::string>{"tender"});
  const notices::ocds::Release& r = releases[0];
  EXPECT_EQ(r.tag, std::vector<std::string>{"tender"});
  EXPECT_EQ(r.date, *Published().tender.published_at);
  EXPECT_EQ(r.tender.status, "active");
  EXPECT_EQ(r.tender.procurement_method, "open");
  EXPECT_EQ(r.tender.procurement_method_details, "Request for proposal (RFP)");
  EXPECT_EQ(r.tender.award_criteria, "ratedCriteria");
  EXPECT_EQ(r.tender.submission_method, std::vector<std::string>{"electronicSubmission"});
  EXPECT_EQ(r.tender.items.at(0).classification_scheme, "UNSPSC");
  EXPECT_FALSE(r.tender.number_of_tenderers.has_value());
  EXPECT_TRUE(r.tender.tenderers.empty());
  EXPECT_TRUE(r.bid_statistics.empty());
  ASSERT_EQ(r.parties.size(), 1u);
  EXPECT_EQ(r.parties[0].roles, (std::vector<std::string>{"buyer", "procuringEntity"}));
}

// Uploaded documents (docs/tendering.md, "Tender documents"): the current version's
// absolute download url, its format, first and latest upload dates (never before the
// publication) and the hash; no url without a public origin (OCDS wants an absolute URI).
TEST(OcdsExport, UploadedDocumentsCarryTheirDownloadFormatDatesAndHash) {
  ProcessFacts f = Published();
  const Timestamp published = *f.tender.published_at;
  TenderDocument d;
  d.id = "doc-1";
  d.title = "Terms of reference";
  d.kind = "terms_of_reference";
  d.document_type = "technicalSpecifications";
  d.files = {{1, "tor.pdf", "application/pdf", 1000, std::string(64, 'a'),
              published - std::chrono::hours(24)},
             {2, "tor-v2.pdf", "application/pdf", 1200, std::string(64, 'b'),
              published + std::chrono::hours(48)}};
  f.tender.documents = {d};
  f.document_base_url = "https://tenders.example.org";
  const std::vector<notices::ocds::Release> releases = BuildReleases(f);
  const notices::ocds::Document& out = releases.at(0).tender.documents.at(0);
  EXPECT_EQ(out.url, "https://tenders.example.org/api/v1/tenders/" + f.tender.ocid +
                         "/documents/doc-1/versions/2/content");
  EXPECT_EQ(out.format, "application/pdf");
  EXPECT_EQ(out.document_type, "technicalSpecifications");
  EXPECT_EQ(out.date_published, published);
  EXPECT_EQ(out.date_modified, published + std::chrono::hours(48));
  EXPECT_NE(out.description.find("SHA-256 " + std::string(64, 'b')), std::string::npos)
      << out.description;
  f.document_base_url.clear();
  EXPECT_TRUE(BuildReleases(f).at(0).tender.documents.at(0).url.empty());
}

TEST(OcdsExport, TheOpeningPublishesTenderersAndCountsOnly) {
  ProcessFacts f = Published();
  f.tender.state = TenderState::kOpened;
  f.opening = OpenedRfp(/*single=*/true).technical_opening;  // prices read at the opening
  f.scales = {{101, "sme"}, {102, "large"}};
  const auto releases = BuildReleases(f);
  ASSERT_EQ(Ids(releases), (std::vector<std::string>{"tender", "opening"}));
  const notices::ocds::Release& r = releases[1];
  EXPECT_EQ(r.tag, std::vector<std::string>{"tenderUpdate"});
  EXPECT_EQ(r.tender.number_of_tenderers, 3);
  ASSERT_EQ(r.bid_statistics.size(), 3u);
  EXPECT_EQ(r.bid_statistics[0].measure, "bids");
  EXPECT_EQ(r.bid_statistics[0].value, 3);
  EXPECT_EQ(r.bid_statistics[2].measure, "smeBids");
  EXPECT_EQ(r.bid_statistics[2].value, 1);
  const std::string text = nlohmann::json(r).dump();
  EXPECT_EQ(text.find("\"amount\""), std::string::npos) << "no bid price is published";
  EXPECT_EQ(text.find("100000"), std::string::npos);
}

TEST(OcdsExport, AwardThenCancellationKeepsItsHistory) {
  ProcessFacts f = Published();
  f.tender.state = TenderState::kCancelled;
  f.tender.cancellation_reason = "Funding withdrawn";
  f.opening = OpenedRfp().technical_opening;
  AwardRecord award{std::string(kOcid) + "-award-1",
                    "b-b",
                    OrganisationId{102},
                    "Beta Hydro SA",
                    Usd(12'000'000),
                    "cancelled",
                    kOpenedAt + std::chrono::hours(100),
                    kOpenedAt + std::chrono::hours(340)};
  f.record.award = award;
  f.record.stage = EvaluationStage::kCancelled;
  f.record.cancellation_reason = "Funding withdrawn";
  f.record.cancelled_at = kOpenedAt + std::chrono::hours(200);
  f.valid_bids = 2;
  f.excluded_bids = 1;
  const auto releases = BuildReleases(f);
  ASSERT_EQ(Ids(releases),
            (std::vector<std::string>{"tender", "opening", "award", "cancellation"}));
  EXPECT_EQ(releases[2].awards.at(0).status, "pending") << "as it stood at the award notice";
  EXPECT_EQ(releases[2].tender.status, "complete");
  EXPECT_EQ(releases[3].awards.at(0).status, "cancelled");
  EXPECT_EQ(releases[3].tag, (std::vector<std::string>{"tenderCancellation", "awardCancellation"}));
  EXPECT_EQ(releases[3].tender.status, "cancelled");
  bool supplier_role = false;
  for (const auto& p : releases[2].parties) {
    if (p.name == "Beta Hydro SA") {
      supplier_role = std::find(p.roles.begin(), p.roles.end(), "supplier") != p.roles.end();
    }
  }
  EXPECT_TRUE(supplier_role);
}

TEST(OcdsExport, ReleasesShowTheTenderAsItStoodAtEachAmendment) {
  ProcessFacts f = Published();
  Tender now = f.tender;
  now.title = "Solar water pumps, 24 units";
  Amendment a;
  a.tender = now.id;
  a.number = 1;
  a.at = *now.published_at + std::chrono::hours(24);
  a.rationale = "Quantity doubled";
  a.changed_fields = {"title"};
  a.changes_json =
      nlohmann::json{{"title", {{"before", f.tender.title}, {"after", now.title}}}}.dump();
  f.amendments = {a};
  f.tender = now;
  EXPECT_EQ(TenderAsOf(now, f.amendments, 0).title, "Solar water pumps for rural clinics");
  EXPECT_EQ(TenderAsOf(now, f.amendments, 1).title, now.title);
  const auto releases = BuildReleases(f);
  ASSERT_EQ(Ids(releases), (std::vector<std::string>{"tender", "amendment-1"}));
  EXPECT_EQ(releases[0].tender.title, "Solar water pumps for rural clinics");
  EXPECT_TRUE(releases[0].tender.amendments.empty());
  EXPECT_EQ(releases[1].tender.title, now.title);
  EXPECT_EQ(releases[1].tag, std::vector<std::string>{"tenderAmendment"});
  ASSERT_EQ(releases[1].tender.amendments.size(), 1u);
  EXPECT_EQ(releases[1].tender.amendments[0].rationale, "Quantity doubled");
}

TEST(OcdsExport, ProcurementMethodIsSelectiveOnlyForPrequalifiedSuppliers) {
  Tender t = Published().tender;
  EXPECT_EQ(OcdsProcurementMethod(t), "open");
  t.eligibility.minimum_level = suppliers::UngmLevel::kBasic;
  EXPECT_EQ(OcdsProcurementMethod(t), "open");
  t.eligibility.minimum_level = suppliers::UngmLevel::kLevel2;
  EXPECT_EQ(OcdsProcurementMethod(t), "selective");
}

}  // namespace
}  // namespace tb::tenders
