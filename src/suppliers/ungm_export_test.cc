#include "suppliers/ungm_export.h"

#include <gtest/gtest.h>

#include "suppliers/testing/fixtures.h"

namespace tb::suppliers {
namespace {

const Timestamp kNow = Timestamp::FromRfc3339("2025-06-01T00:00:00Z").value();

TEST(UngmExport, FollowsTheOrderOfUngmsForms) {
  SupplierRecord r = testing::BasicCompleteRecord(1, kNow);
  DocumentInfo statement;
  statement.id = DocumentId{5};
  statement.kind = DocumentKind::kFinancialStatement;
  statement.display_name = "accounts-2024.pdf";
  statement.fiscal_year = 2024;
  statement.audited = true;
  const std::vector<DocumentInfo> docs = {statement};
  const nlohmann::ordered_json out = UngmExportJson(
      r, docs, AssessReadiness(r, docs, kNow), {{"43211500", "Ordinateurs"}}, Language::French());
  std::vector<std::string> sections;
  for (const auto& [key, value] : out.items()) sections.push_back(key);
  EXPECT_EQ(sections,
            (std::vector<std::string>{"general_information", "address", "contacts", "countries",
                                      "unspsc_codes", "declarations", "level_1", "level_2",
                                      "certificates", "sustainability", "readiness", "review"}));
  EXPECT_EQ(out["unspsc_codes"][0]["title"], "Ordinateurs");
  EXPECT_EQ(out["level_2"]["financial_statements"][0],
            (nlohmann::ordered_json{{"fiscal_year", 2024}, {"audited", true}}))
      << "a statement by year and flag only, not by name";
  EXPECT_EQ(
      out["readiness"]["levels"][1]["next_steps"][0],
      "Téléversez votre certificat de constitution, en anglais ou accompagné d'une traduction "
      "certifiée en anglais.");
}

TEST(UngmExport, PlainTextHasOneHeadingPerSectionInOrder) {
  const SupplierRecord r = testing::BasicCompleteRecord(1, kNow);
  const std::string text =
      UngmExportText(UngmExportJson(r, {}, AssessReadiness(r, {}, kNow), {}, Language::English()));
  const std::size_t general = text.find("General information\n");
  const std::size_t address = text.find("Address\n");
  const std::size_t level2 = text.find("Level 2\n");
  ASSERT_NE(general, std::string::npos);
  EXPECT_LT(general, address);
  EXPECT_LT(address, level2);
  EXPECT_NE(text.find("  Legal name: Acme Ltd\n"), std::string::npos);
  EXPECT_NE(text.find("Countries\n  - KE\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace tb::suppliers
