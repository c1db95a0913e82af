#include <gtest/gtest.h>

#include "notices/importers/language_guess.h"
#include "notices/importers/ungm_common.h"
#include "notices/testing/read_all.h"

namespace tb::notices::importers {
namespace {

using testing::ByPublicId;
using testing::ReadAll;

Timestamp Utc(const char* text) { return *Timestamp::FromRfc3339(text); }

TEST(UngmCsvReader, MergesRepeatedRowsIntoTheTwentyOneNotices) {
  const auto records = ReadAll(ImportKind::kUngm, "ungm-notices/ungm-notices-2024-03.csv");
  for (const auto& r : records) EXPECT_TRUE(r.error.ok()) << r.locator << " " << r.error.ToString();
  const auto notices = ByPublicId(records);
  ASSERT_EQ(records.size(), 21u);  // 92 rows, repeated rows are merged, none refused
  ASSERT_EQ(notices.size(), 21u);

  const Notice& n = notices.at("ungm-228090");
  EXPECT_EQ(records[0].locator, "ungm-notices-2024-03.csv:2");
  EXPECT_EQ(n.reference, "RFQ/2024/50941");
  EXPECT_EQ(n.buyer, "UNOPS");
  EXPECT_EQ(n.type, NoticeType::kRequestForQuotation);
  EXPECT_EQ(n.countries, std::vector<std::string>{"YE"});
  EXPECT_EQ(n.deadline, Utc("2024-03-14T00:00:00Z"));
  EXPECT_EQ(n.unspsc.size(), 4u);
  EXPECT_EQ(n.source_url, "https://www.ungm.org/Public/Notice/228090");
  EXPECT_EQ(n.source, "ungm");
  // Original capitals from tender_details, not the scraper's re-cased title.
  EXPECT_TRUE(n.title.text.starts_with("Supply, Delivery, Installing")) << n.title.text;
  EXPECT_EQ(n.title.language, Language::English());
  EXPECT_EQ(n.description.text.find("<br"), std::string::npos);
  // 127 distinct codes among the 9 repeated rows' duplicated lists.
  EXPECT_EQ(notices.at("ungm-228089").unspsc.size(), 127u);
}

struct AgencyCase {
  std::string public_id, buyer, reference;
  NoticeType type;
  std::string country;
};

TEST(UngmCsvReader, AgenciesTypesAndTheShiftedIomRow) {
  const auto notices = ByPublicId(ReadAll(ImportKind::kUngm, "ungm-notices/ungm-notices-2024-03.csv"));
  const AgencyCase cases[] = {
      {"ungm-228072", "FAO", "2024/FRSEN/FRSEN/126189", NoticeType::kRequestForQuotation, "SN"},
      {"ungm-228094", "UNICEF", "LRQS-2024-9188785", NoticeType::kRequestForQuotation, "UZ"},
      {"ungm-227593", "ECA", "EOIUNECA22432", NoticeType::kExpressionOfInterest, "ET"},
      {"ungm-228039", "UN Women", "UNW-KGZ-2024-00004", NoticeType::kOther, "KG"},
      {"ungm-228038", "UNRWA", "RFQ-SFO-NFI-24-12", NoticeType::kRequestForQuotation, "SY"},
      {"ungm-228059", "UNDP", "UNDP-AGO-00094", NoticeType::kIndividualConsultant, "AO"},
      {"ungm-228095", "IOM", "", NoticeType::kOther, "NG"},
      {"ungm-228153", "UNDP", "UNDP-KEN-00242", NoticeType::kOther, "KE"},
  };
  for (const AgencyCase& c : cases) {
    SCOPED_TRACE(c.public_id);
    ASSERT_TRUE(notices.count(c.public_id));
    const Notice& n = notices.at(c.public_id);
    EXPECT_EQ(n.buyer, c.buyer);
    EXPECT_EQ(n.reference, c.reference);
    EXPECT_EQ(n.type, c.type);
    EXPECT_EQ(n.countries, std::vector<std::string>{c.country});
  }
  const Notice& iom = notices.at("ungm-228095");
  EXPECT_TRUE(iom.title.text.starts_with("Preventive maintenance and calibration")) << iom.title.text;
  // "UNDP-KEN-00242-2": amendment 2 of UNDP-KEN-00242.
  ASSERT_EQ(notices.at("ungm-228153").amendments.size(), 1u);
  EXPECT_EQ(notices.at("ungm-228153").amendments[0].id, "2");
}

TEST(UngmListingReader, GmtOffsetDeadlinesAndAmendmentSuffixes) {
  const auto records = ReadAll(ImportKind::kUngm, "ungm-notices/ungm-listing-2025-09.json");
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[2].locator, "ungm-listing-2025-09.json#/2");
  const auto notices = ByPublicId(records);
  const Notice& oslo = notices.at("ungm-274154");
  EXPECT_EQ(oslo.reference, "UNDP-HQ-01791");
  ASSERT_EQ(oslo.amendments.size(), 1u);
  EXPECT_EQ(oslo.amendments[0].id, "2");
  // 03-Sep-2025 16:00 at GMT-4 is 20:00 UTC.
  EXPECT_EQ(oslo.deadline, Utc("2025-09-03T20:00:00Z"));
  EXPECT_EQ(oslo.deadline_time_zone, "Etc/GMT+4");
  EXPECT_EQ(oslo.published, Utc("2025-07-31T00:00:00Z"));
  EXPECT_EQ(oslo.countries, std::vector<std::string>{"NO"});
  const Notice& gnq = notices.at("ungm-273637");
  EXPECT_EQ(gnq.type, NoticeType::kInvitationToBid);
  EXPECT_EQ(gnq.deadline, Utc("2025-09-03T19:33:00Z"));
  EXPECT_EQ(gnq.countries, std::vector<std::string>{"GQ"});
  EXPECT_EQ(gnq.title.language, Language::Spanish());
  EXPECT_EQ(notices.at("ungm-276097").title.language, Language::Portuguese());
  EXPECT_EQ(notices.at("ungm-276097").countries, std::vector<std::string>{"BR"});
  EXPECT_EQ(notices.at("ungm-275285").reference, "UNDP-DOM-00539");
}

TEST(UngmListingReader, UndpNewYorkTimeDeadlines) {
  const auto records = ReadAll(ImportKind::kUngm, "ungm-notices/undp-listing-2025-09.json");
  ASSERT_EQ(records.size(), 10u);
  for (const auto& r : records) EXPECT_TRUE(r.error.ok()) << r.locator << " " << r.error.ToString();
  const auto notices = ByPublicId(records);
  const Notice& hq = notices.at("undp-UNDP-HQ-01881");
  // 09-Sep-25 12:00 PM New York (EDT, UTC-4) is 16:00 UTC.
  EXPECT_EQ(hq.deadline, Utc("2025-09-09T16:00:00Z"));
  EXPECT_EQ(hq.deadline_time_zone, "America/New_York");
  EXPECT_EQ(hq.published, Utc("2025-09-03T00:00:00Z"));
  EXPECT_EQ(hq.countries, std::vector<std::string>{"HU"});
  EXPECT_EQ(hq.buyer, "UNDP");
  EXPECT_EQ(hq.source, "undp");
  EXPECT_EQ(notices.at("undp-UNDP-VNM-01694").countries, std::vector<std::string>{"VN"});
  EXPECT_EQ(notices.at("undp-UNDP-BIH-01394").countries, std::vector<std::string>{"BA"});
  EXPECT_EQ(notices.at("undp-UNDP-MDG-00680").title.language, Language::French());
  EXPECT_EQ(notices.at("undp-UNDP-NER-00541").type, NoticeType::kIndividualConsultant);
  EXPECT_EQ(notices.at("undp-UNDP-PAK-01344").type, NoticeType::kRequestForProposal);
}

struct LanguageCase {
  std::string text;
  std::string language;  // "" = unknown
};

TEST(GuessTitleLanguage, Table) {
  const LanguageCase cases[] = {
      {"Redesign of 6 kindergartens in Yerevan", "en"},
      {"AGENCE DE COMMUNICATION POUR UNE COUVERTURE MEDIATIQUE EVENEMENTIELLE", "fr"},
      {"Provision de Vestuario y Lnceria en el marco del plan de mejora urgente de lo", "es"},
      {"Monitoramento e montagem da Blue Zone da COP30 com foco no Segmento de Líderes", "pt"},
      {"Veterinary kits (24-140)", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(GuessTitleLanguage(c.text).code(), c.language) << c.text;
}

struct SuffixCase {
  std::string reference, base;
  int amendment;
};

TEST(SplitAmendmentSuffix, Table) {
  const SuffixCase cases[] = {{"UNDP-HQ-01791,2", "UNDP-HQ-01791", 2},
                              {"UNDP-KEN-00242-2", "UNDP-KEN-00242", 2},
                              {"UNDP-KEN-00249", "UNDP-KEN-00249", 0},
                              {"RFQ/2024/50941", "RFQ/2024/50941", 0},
                              {"LRQS-2024-9188785", "LRQS-2024-9188785", 0}};
  for (const auto& c : cases) {
    const auto split = SplitAmendmentSuffix(c.reference);
    EXPECT_EQ(split.base, c.base) << c.reference;
    EXPECT_EQ(split.amendment, c.amendment) << c.reference;
  }
}

TEST(UngmTimes, RejectsMalformedText) {
  for (const char* bad : {"", "03-Sep-2025", "03-Sep-2025 25:00 (GMT -4.00)", "31-Foo-2025 10:00 (GMT 1.00)",
                          "03-Sep-2025 10:00 (GMT -99.00)"}) {
    EXPECT_FALSE(ParseGmtOffsetTime(bad, nullptr).ok()) << bad;
  }
  EXPECT_FALSE(ParseNewYorkTime("09-Sep-25\n13:00 PM (New York time)", nullptr).ok());
  EXPECT_FALSE(ParseNewYorkTime("09-Sep-25 10:00 AM (Paris time)", nullptr).ok());
}

}  // namespace
}  // namespace tb::notices::importers
