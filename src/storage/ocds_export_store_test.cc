// The OCDS export of a whole tendering process on both engines: created, published, amended,
// opened, evaluated, awarded and contracted through the stores and services, exported as a
// release package, validated by scripts/validate-ocds against data/ocds/schema-1.1.5, and
// read back by the notices' OCDS importer (round trip). Before the opening the export names
// no bidder and counts none (ET-03).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "notices/importers/ocds_reader.h"
#include "notices/ocds_writer.h"
#include "storage/evaluation_store_fixture.h"
#include "suppliers/supplier_store.h"
#include "tenders/award_service.h"
#include "tenders/evaluation_service.h"
#include "tenders/ocds_export.h"
#include "tenders/tender_json.h"

namespace tb::storage {
namespace {

using tenders::testing::ActorOf;
using testing::kNow;
using testing::OrganisationKind;
using testing::Role;
using testing::Sheet;

class OcdsExportTest : public testing::EvaluationStoreFixture {
 protected:
  OcdsExportTest() { open_in_setup_ = false; }

  void PublishAndAmend() {
    tenders::Tender t = tender_;
    t.state = tenders::TenderState::kPublished;
    t.published_at = kNow - std::chrono::hours(500);
    t.deadline = kNow - std::chrono::hours(50);
    auto published = tenders_->Update(
        t, {"tender.published", *t.published_at, "user:1", "tender:" + t.ocid, {}}, {});
    ASSERT_TRUE(published.ok()) << published.status().ToString();
    original_ = *published;

    tenders::Tender changed = original_;
    changed.title = "Supply of laptops and docking stations";
    changed.deadline = kNow - std::chrono::hours(2);
    changed.amendment_count = 1;
    const nlohmann::json before = tenders::EditableJson(original_);
    const nlohmann::json after = tenders::EditableJson(changed);
    tenders::Amendment a;
    a.tender = original_.id;
    a.number = 1;
    a.at = kNow - std::chrono::hours(300);
    a.actor = p_.officer;
    a.rationale = "Docking stations added to the title; two more days to bid";
    a.changed_fields = {"title", "deadline"};
    a.changes_json =
        nlohmann::json{{"title", {{"before", before["title"]}, {"after", after["title"]}}},
                       {"deadline", {{"before", before["deadline"]}, {"after", after["deadline"]}}}}
            .dump();
    a.substantive = true;
    a.deadline_before = original_.deadline;
    a.deadline_after = changed.deadline;
    auto amended =
        tenders_->Amend(changed, a, {"tender.amended", a.at, "user:1", "tender:" + t.ocid, {}}, {});
    ASSERT_TRUE(amended.ok()) << amended.status().ToString();
    tender_ = amended->tender;
  }

  void RunEvaluationAndAward() {
    tenders::EvaluationService evaluation(*store_, clock_, log_);
    tenders::AwardService award(*store_, clock_, rules_, log_);
    const std::string ocid = tender_.ocid;
    for (int i : {0, 1}) ASSERT_TRUE(evaluation.Declare(Evaluator(i), ocid, false, "").ok());
    for (int i : {0, 1}) {
      ASSERT_TRUE(evaluation.SubmitSheet(Evaluator(i), ocid, Sheet("bid-a", 8, 7)).ok());
      ASSERT_TRUE(evaluation.SubmitSheet(Evaluator(i), ocid, Sheet("bid-b", 9, 8)).ok());
    }
    ASSERT_TRUE(evaluation.CloseTechnical(Officer(), ocid).ok());
    AddOpening("financial", {{"bid-a", p_.supplier_a, "Alpha Ltd", 3'900'000},
                             {"bid-b", p_.supplier_b, "Beta Ltd", 4'100'000}});
    ASSERT_TRUE(evaluation.Rank(Officer(), ocid).ok());
    ASSERT_TRUE(award.Recommend(Officer(), ocid, "bid-b", "").ok());
    ASSERT_TRUE(award.Decide(Colleague(), ocid, true, "").ok());
    ASSERT_TRUE(award.Notify(Officer(), ocid).ok());
    clock_.Advance(std::chrono::hours(24 * 10));
    auto contract = award.SignContract(
        Officer(), ocid,
        {Money{4'100'000, "USD"}, clock_.Now(), clock_.Now() + std::chrono::hours(24 * 180)});
    ASSERT_TRUE(contract.ok()) << contract.status().ToString();
  }

  std::vector<notices::ocds::Release> Export(suppliers::SupplierStore* suppliers = nullptr) {
    tenders::OcdsExporter exporter(*tenders_, *store_, suppliers);
    auto releases = exporter.Releases({});
    EXPECT_TRUE(releases.ok()) << releases.status().ToString();
    return releases.ok() ? *releases : std::vector<notices::ocds::Release>{};
  }

  // Writes the package and runs scripts/validate-ocds on it; returns its output.
  std::string Validate(const nlohmann::json& package, int& exit_code) {
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("tb-ocds-" + std::to_string(::getpid()) + ".json"))
                                 .string();
    std::ofstream(path) << package.dump(2);
    const char* source = std::getenv("TB_SOURCE_DIR");
    const std::string root = source != nullptr ? source : ".";
    const std::string command = "python3 " + root + "/scripts/validate-ocds " + path + " 2>&1";
    std::string output;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
      exit_code = -1;
      return "cannot run " + command;
    }
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
    const int status = ::pclose(pipe);
    exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::filesystem::remove(path);
    return output;
  }

  static notices::ocds::PackageInfo Info() {
    notices::ocds::PackageInfo info;
    info.uri = "https://x.example/p";
    info.published_date = kNow;
    return info;
  }

  tenders::Tender original_;
};

TEST_P(OcdsExportTest, AFullProcessExportsValidReleasesThatReadBack) {
  PublishAndAmend();
  Exec("UPDATE tenders SET state = 'closed' WHERE id = " + std::to_string(tender_.id.value));
  Open();
  RunEvaluationAndAward();
  auto suppliers = MakeSupplierStore(db());
  suppliers::SupplierRecord alpha;
  alpha.id = SupplierId{p_.supplier_a.value};
  alpha.organisation = p_.supplier_a;
  alpha.profile.legal_name = "Alpha Ltd";
  alpha.profile.party_scale = suppliers::PartyScale::kSmall;
  alpha.created_at = alpha.updated_at = kNow;
  ASSERT_TRUE(suppliers
                  ->Create(alpha, {0, alpha.id, kNow, p_.supplier_user_a, "created", "{}"},
                           suppliers::UngmLevel::kNone)
                  .ok());

  const std::vector<notices::ocds::Release> releases = Export(suppliers.get());
  std::vector<std::string> ids;
  for (const auto& r : releases) ids.push_back(r.id);
  const std::string o = tender_.ocid;
  ASSERT_EQ(ids, (std::vector<std::string>{o + "-tender", o + "-amendment-1", o + "-opening",
                                           o + "-award", o + "-contract"}));
  EXPECT_EQ(releases[0].tender.title, "Supply of laptops for district health offices")
      << "the publication release shows the tender as first published";
  EXPECT_EQ(releases[0].tender.tender_period.end, original_.deadline);
  EXPECT_TRUE(releases[0].tender.tenderers.empty());
  EXPECT_EQ(releases[1].tender.title, "Supply of laptops and docking stations");
  ASSERT_EQ(releases[1].tender.amendments.size(), 1u);
  EXPECT_EQ(releases[2].tender.number_of_tenderers, 2);
  EXPECT_EQ(releases[3].awards.at(0).status, "pending");
  EXPECT_EQ(releases[3].awards.at(0).value, (Money{4'100'000, "USD"}));
  EXPECT_EQ(releases[4].awards.at(0).status, "active");
  ASSERT_EQ(releases[4].contracts.size(), 1u);
  bool alpha_is_small = false;
  for (const auto& party : releases[2].parties) {
    if (party.name == "Alpha Ltd") alpha_is_small = party.scale == "sme";
  }
  EXPECT_TRUE(alpha_is_small);

  notices::ocds::PackageInfo info;
  info.uri = "https://tenderbridge.example/api/v1/ocds/tenders/" + o + "/releases";
  info.published_date = clock_.Now();
  const nlohmann::json package = notices::ocds::PackageJson(releases, info);
  int exit_code = 0;
  const std::string report = Validate(package, exit_code);
  EXPECT_EQ(exit_code, 0) << report;

  std::istringstream in(package.dump());
  notices::importers::OcdsReader reader(in, "export.json");
  std::vector<notices::Notice> notices;
  for (;;) {
    notices::importers::ReadRecord record;
    auto more = reader.Next(record);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    ASSERT_TRUE(record.error.ok()) << record.locator << ": " << record.error.ToString();
    notices.push_back(*record.notice);
  }
  ASSERT_EQ(notices.size(), releases.size());
  EXPECT_EQ(notices[0].public_id, o);
  EXPECT_EQ(notices[0].title.text, "Supply of laptops for district health offices");
  EXPECT_EQ(notices[1].title.text, "Supply of laptops and docking stations");
  EXPECT_EQ(notices[1].deadline, tender_.deadline);
  EXPECT_EQ(notices[0].type, notices::NoticeType::kRequestForQuotation);
  ASSERT_FALSE(notices[0].unspsc.empty());
  EXPECT_EQ(notices[0].unspsc[0].ToString(), "43211503");
  EXPECT_EQ(notices[1].amendments.size(), 1u);
}

TEST_P(OcdsExportTest, BeforeTheOpeningNoBidderIsNamedOrCounted) {
  tenders::OcdsExporter exporter(*tenders_, *store_, nullptr);
  EXPECT_EQ(exporter.Facts(tender_.ocid).status().code(), StatusCode::kNotFound)
      << "a draft is not exported";
  PublishAndAmend();
  Exec("UPDATE tenders SET state = 'closed' WHERE id = " + std::to_string(tender_.id.value));
  const std::vector<notices::ocds::Release> releases = Export();
  ASSERT_EQ(releases.size(), 2u);
  const std::string text =
      notices::ocds::PackageJson(releases, Info()).dump();
  for (const char* leak : {"Alpha", "Beta", "tenderer", "numberOfTenderers", "\"bids\""}) {
    EXPECT_EQ(text.find(leak), std::string::npos) << leak;
  }
  int exit_code = 0;
  const std::string report =
      Validate(notices::ocds::PackageJson(releases, Info()), exit_code);
  EXPECT_EQ(exit_code, 0) << report;
}

TB_INSTANTIATE_BACKENDS(OcdsExportTest);

}  // namespace
}  // namespace tb::storage
