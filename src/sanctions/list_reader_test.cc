#include "sanctions/list_reader.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "sanctions/testing/list_files.h"

namespace tb::sanctions {
namespace {

using testing::ReadListFile;

TEST(ListReader, ReadsThe2024ListWithTheCountsOfItsSourceNote) {
  const std::string xml = ReadListFile(testing::k2024);
  ASSERT_GT(xml.size(), 1'000'000u) << "data/un-sanctions is missing";
  Result<SanctionsList> list = ReadConsolidatedList(xml);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->individual_count(), 682);
  EXPECT_EQ(list->entity_count(), 193);
  EXPECT_EQ(list->date_generated, "2024-09-26T00:00:07.514Z");
  EXPECT_EQ(list->generated_at, Timestamp::FromRfc3339("2024-09-26T00:00:07.514Z").value());
  EXPECT_EQ(list->sha256, "c6ca69960536d56d714dee1981723cdbeb26b2e8da84537a46696269a3942eb1");
  const ListedEntry& first = list->entries.front();
  EXPECT_EQ(first.data_id, "110447");
  EXPECT_EQ(first.primary_name(), "MUHAMMAD TAHER ANWARI");
  EXPECT_EQ(first.reference_number, "TAi.005");
  int original_script = 0;
  for (const ListedEntry& e : list->entries) {
    original_script += std::count_if(e.names.begin(), e.names.end(), [](const ListedName& n) {
      return n.source == ListedName::Source::kOriginalScript;
    });
  }
  // 380 NAME_ORIGINAL_SCRIPT elements; JAMAAH ANSHARUT DAULAH repeats its Latin name there.
  EXPECT_EQ(original_script, 379);
}

TEST(ListReader, ReadsThe2017ListAndCollapsesPaddedNames) {
  Result<SanctionsList> list = ReadConsolidatedList(ReadListFile(testing::k2017));
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->individual_count(), 650);
  EXPECT_EQ(list->entity_count(), 371);
  EXPECT_EQ(list->entries.front().primary_name(), "RI WON HO") << "\" RI \" + \"WON HO\"";
  EXPECT_EQ(list->generated_at, Timestamp::FromRfc3339("2017-07-04T00:27:45.483Z").value());
}

TEST(ListReader, ResolvesCountriesWithTheCallersTable) {
  ReaderOptions options;
  options.country_code = [](std::string_view name) -> std::optional<std::string> {
    if (name == "Russian Federation") return "RU";
    if (name == "China") return "CN";
    return std::nullopt;
  };
  Result<SanctionsList> list = ReadConsolidatedList(testing::SmallList(), options);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->entries[0].country_codes, std::vector<std::string>{"RU"});
  EXPECT_EQ(list->entries[1].country_codes, std::vector<std::string>{"CN"});
  EXPECT_EQ(list->entries[1].version_num, 3);
  EXPECT_EQ(list->entries[0].names.size(), 2u);
}

// AS-24: an external entity naming a local file must not bring the file's content in.
TEST(ListReader, RefusesAnExternalEntityAndNeverReadsTheCanary) {
  const std::filesystem::path canary =
      std::filesystem::temp_directory_path() / ("tb-canary-" + std::to_string(::getpid()));
  {
    std::ofstream out(canary);
    out << "CANARY-7f3a9c";
  }
  const std::string xml = "<?xml version='1.0'?>\n<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x SYSTEM "
                          "'file://" + canary.string() + "'>]>\n"
                          "<CONSOLIDATED_LIST dateGenerated='2026-01-01T00:00:00Z'><INDIVIDUALS>"
                          "<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>&x;</FIRST_NAME></INDIVIDUAL>"
                          "</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>";
  Result<SanctionsList> list = ReadConsolidatedList(xml);
  std::filesystem::remove(canary);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(list.status().message().find("CANARY"), std::string::npos);
  EXPECT_NE(list.status().message().find("AS-24"), std::string::npos);
}

TEST(ListReader, RefusesBillionLaughs) {
  std::string xml = "<?xml version='1.0'?>\n<!DOCTYPE lolz [<!ENTITY lol 'lol'>";
  for (int i = 1; i <= 9; ++i) {
    xml += "<!ENTITY lol" + std::to_string(i) + " '";
    for (int k = 0; k < 10; ++k) xml += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    xml += "'>";
  }
  xml += "]>\n<CONSOLIDATED_LIST dateGenerated='2026-01-01T00:00:00Z'><INDIVIDUALS><INDIVIDUAL>"
         "<DATAID>1</DATAID><FIRST_NAME>&lol9;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS><ENTITIES/>"
         "</CONSOLIDATED_LIST>";
  Result<SanctionsList> list = ReadConsolidatedList(xml);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kInvalidArgument);
}

TEST(ListReader, RefusesATruncatedDownload) {
  const std::string xml = ReadListFile(testing::k2024);
  for (std::size_t cut : {xml.size() / 2, xml.size() - 30, std::size_t{200}}) {
    SCOPED_TRACE(cut);
    Result<SanctionsList> list = ReadConsolidatedList(std::string_view(xml).substr(0, cut));
    ASSERT_FALSE(list.ok());
    EXPECT_NE(list.status().message().find("not well-formed"), std::string::npos)
        << list.status().message();
  }
}

TEST(ListReader, RefusesFilesThatAreNotACompleteList) {
  struct Row {
    std::string name;
    std::string xml;
    std::string message;
  };
  const std::vector<Row> rows = {
      {"empty", "", "empty"},
      {"other root", "<?xml version='1.0'?><html/>", "CONSOLIDATED_LIST"},
      {"no date", "<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>",
       "dateGenerated"},
      {"no sections", "<CONSOLIDATED_LIST dateGenerated='2026-01-01T00:00:00Z'/>",
       "INDIVIDUALS"},
      {"no entries",
       "<CONSOLIDATED_LIST dateGenerated='2026-01-01T00:00:00Z'><INDIVIDUALS/><ENTITIES/>"
       "</CONSOLIDATED_LIST>",
       "no entries"},
      {"entry without id",
       "<CONSOLIDATED_LIST dateGenerated='2026-01-01T00:00:00Z'><INDIVIDUALS><INDIVIDUAL>"
       "<FIRST_NAME>A</FIRST_NAME></INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>",
       "DATAID"},
      {"entry without name",
       "<CONSOLIDATED_LIST dateGenerated='2026-01-01T00:00:00Z'><INDIVIDUALS><INDIVIDUAL>"
       "<DATAID>9</DATAID></INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>",
       "no name"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Result<SanctionsList> list = ReadConsolidatedList(row.xml);
    ASSERT_FALSE(list.ok());
    EXPECT_NE(list.status().message().find(row.message), std::string::npos)
        << list.status().message();
  }
}

TEST(ListReader, RefusesAFileOverTheSizeLimit) {
  ReaderOptions options;
  options.max_bytes = 100;
  Result<SanctionsList> list = ReadConsolidatedList(testing::SmallList(), options);
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.status().message().find("limit"), std::string::npos);
}

TEST(ListReader, HashesTheExactBytes) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace tb::sanctions
