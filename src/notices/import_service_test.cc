#include "notices/import_service.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "notices/import_progress.h"
#include "notices/importers/ocds_reader.h"
#include "notices/testing/in_memory_notice_store.h"
#include "notices/testing/read_all.h"

namespace tb::notices {
namespace {

class ImportServiceTest : public ::testing::Test {
 protected:
  testing::InMemoryNoticeStore store_;
  testing::InMemoryUnspscCatalogue catalogue_;
  FakeClock clock_{Timestamp::FromSeconds(1'700'000'000)};
  ImportService importer_{store_, catalogue_, clock_};
};

TEST(ImportKindFromName, Table) {
  for (const char* name : {"ungm", "ocds", "secop", "austender", "unspsc"}) {
    auto kind = ImportKindFromName(name);
    ASSERT_TRUE(kind.ok()) << name;
    EXPECT_EQ(ImportKindName(*kind), name);
  }
  EXPECT_EQ(ImportKindFromName("csv").status().field(), "kind");
}

TEST_F(ImportServiceTest, SecondImportChangesNothing) {
  const std::vector<std::string> files = {testing::DataDir() + "/ungm-notices/ungm-notices-2024-03.csv",
                                          testing::DataDir() + "/ocds/fictional-example-1.1/ocds-213czf-000-00001.json"};
  auto first = importer_.ImportFiles(ImportKind::kUngm, std::span(files).first(1), {});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->created, 21);
  auto ocds = importer_.ImportFiles(ImportKind::kOcds, std::span(files).last(1), {});
  ASSERT_TRUE(ocds.ok()) << ocds.status().ToString();
  EXPECT_EQ(ocds->created, 1);
  EXPECT_EQ(ocds->updated, 5);  // six releases of one process, merged in order

  auto again = importer_.ImportFiles(ImportKind::kUngm, std::span(files).first(1), {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created + again->updated, 0);
  EXPECT_EQ(again->unchanged, 21);
  EXPECT_FALSE(again->changed_anything());
  auto ocds_again = importer_.ImportFiles(ImportKind::kOcds, std::span(files).last(1), {});
  ASSERT_TRUE(ocds_again.ok());
  EXPECT_EQ(ocds_again->unchanged, 6);
  EXPECT_EQ(*store_.Count(), 22);
}

std::string Releases(int first, int count, const std::string& bad_at = "") {
  std::string s = "{\"releases\":[\n";
  for (int i = first; i < first + count; ++i) {
    if (i > first) s += ",\n";
    const std::string date = std::to_string(i) == bad_at ? "not-a-date" : "2020-01-01T00:00:00Z";
    s += "{\"ocid\":\"o-" + std::to_string(i) + "\",\"date\":\"" + date + "\",\"tender\":{\"title\":\"T\"}}";
  }
  return s + "]}";
}

TEST_F(ImportServiceTest, BadRecordStopsAndWritesNothingOfItsBatch) {
  std::istringstream in(Releases(0, 25, "13"));
  ImportOptions options;
  options.batch_size = 10;
  auto report = importer_.ImportStream(ImportKind::kOcds, in, "r.json", options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().field(), "/date");
  EXPECT_NE(report.status().message().find("r.json#/releases/13"), std::string::npos) << report.status().message();
  EXPECT_EQ(*store_.Count(), 10);  // the first batch (0..9) stays; 10..12 of the failed batch do not
  EXPECT_FALSE(store_.GetByPublicId("o-10").ok());
}

TEST_F(ImportServiceTest, KeepGoingSkipsAndListsRejects) {
  std::istringstream in(Releases(0, 25, "13"));
  ImportOptions options;
  options.batch_size = 10;
  options.keep_going = true;
  int progress_calls = 0;
  options.on_progress = [&](const ImportProgress& p) {
    ++progress_calls;
    EXPECT_GT(p.bytes_read, 0);
  };
  auto report = importer_.ImportStream(ImportKind::kOcds, in, "r.json", options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->created, 24);
  EXPECT_EQ(report->rejected, 1);
  ASSERT_EQ(report->rejects.size(), 1u);
  EXPECT_EQ(report->rejects[0].locator, "r.json#/releases/13");
  EXPECT_EQ(report->rejects[0].status.field(), "/date");
  EXPECT_GE(progress_calls, 3);
}

TEST_F(ImportServiceTest, StoreFailureWritesNothingOfTheBatch) {
  store_.FailBatchesContaining("o-4");
  std::istringstream in(Releases(0, 8));
  ImportOptions options;
  options.batch_size = 3;
  auto report = importer_.ImportStream(ImportKind::kOcds, in, "r.json", options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(*store_.Count(), 3);
}

TEST_F(ImportServiceTest, BrokenStreamWritesTheBatchesBeforeItsOwnOnly) {
  // Reading runs ahead of writing on another thread: the batches read before the break are
  // still all written, in order, and nothing of the batch in which the JSON breaks.
  std::string text = Releases(0, 47);
  text.resize(text.size() - 2);  // drop "]}"
  text += ",{\"ocid\":\"o-47\"]}";
  std::istringstream in(text);
  ImportOptions options;
  options.batch_size = 10;
  auto report = importer_.ImportStream(ImportKind::kOcds, in, "r.json", options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(report.status().message().find("r.json"), std::string::npos) << report.status().message();
  EXPECT_EQ(*store_.Count(), 40);
  EXPECT_TRUE(store_.GetByPublicId("o-39").ok());
  EXPECT_FALSE(store_.GetByPublicId("o-40").ok());
}

TEST_F(ImportServiceTest, StoreFailureEarlyInALongStreamStopsTheReader) {
  store_.FailBatchesContaining("o-4");
  std::istringstream in(Releases(0, 5000));
  ImportOptions options;
  options.batch_size = 3;
  int progress_calls = 0;
  options.on_progress = [&](const ImportProgress&) { ++progress_calls; };
  auto report = importer_.ImportStream(ImportKind::kOcds, in, "r.json", options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(*store_.Count(), 3);
  EXPECT_EQ(progress_calls, 1);  // after the one batch written
}

TEST_F(ImportServiceTest, ProgressComesFromTheImportingThreadInOrder) {
  const std::string text = Releases(0, 95);
  std::istringstream in(text);
  ImportOptions options;
  options.batch_size = 10;
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<ImportProgress> seen;
  options.on_progress = [&](const ImportProgress& p) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    seen.push_back(p);
  };
  auto report = importer_.ImportStream(ImportKind::kOcds, in, "r.json", options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->created, 95);
  ASSERT_EQ(seen.size(), 10u);  // nine full batches and the last, partial one
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].records, i < 9 ? static_cast<std::int64_t>(10 * (i + 1)) : 95) << i;
    EXPECT_EQ(seen[i].file, "r.json");
    if (i > 0) {
      EXPECT_GE(seen[i].bytes_read, seen[i - 1].bytes_read);
    }
  }
  EXPECT_EQ(seen.back().bytes_read, static_cast<std::int64_t>(text.size()));
}

TEST(MergeByReleaseDate, OlderReleaseDoesNotOverwriteNewer) {
  Notice newer;
  newer.public_id = "o";
  newer.id = NoticeId{7};
  newer.title.text = "new";
  newer.updated = Timestamp::FromSeconds(200);
  Notice older = newer;
  older.id = NoticeId{};
  older.title.text = "old";
  older.description.text = "only in the old one";
  older.updated = Timestamp::FromSeconds(100);
  const Notice merged = MergeByReleaseDate(&newer, older);
  EXPECT_EQ(merged.title.text, "new");
  EXPECT_EQ(merged.description.text, "only in the old one");
  EXPECT_EQ(merged.updated, Timestamp::FromSeconds(200));
  EXPECT_EQ(merged.id, NoticeId{7});
  EXPECT_EQ(MergeByReleaseDate(&older, newer).title.text, "new");
  EXPECT_EQ(MergeByReleaseDate(nullptr, older).title.text, "old");
}

TEST_F(ImportServiceTest, LargeReleasePackageStreamsInBoundedMemory) {
  // A name of its own: parallel test runs (ctest -j, the ASan leg) must not share the file.
  const auto path = std::filesystem::temp_directory_path() /
                    ("tb_import_large_releases_" + std::to_string(::getpid()) + ".json");
  constexpr int kReleases = 200'000;
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"uri\":\"x\",\"releases\":[";
    for (int i = 0; i < kReleases; ++i) {
      out << (i ? "," : "") << "{\"ocid\":\"big-" << i
          << "\",\"date\":\"2020-01-01T00:00:00Z\",\"tender\":{\"title\":\"Release \\\"" << i
          << "\\\" {x}\",\"items\":[{\"classification\":{\"scheme\":\"UNSPSC\",\"id\":\"43211503\"}}]}}";
    }
    out << "]}";
  }
  const auto size = std::filesystem::file_size(path);
  ASSERT_GT(size, 20u << 20);
  {
    std::ifstream in(path, std::ios::binary);
    importers::OcdsReader reader(in, "big.json");
    importers::ReadRecord record;
    int count = 0;
    while (*reader.Next(record)) ++count;
    EXPECT_EQ(count, kReleases);
    EXPECT_LT(reader.splitter().max_buffer_bytes(), 4096u);  // one release, not the file
  }
  const std::vector<std::string> files = {path.string()};
  auto report = importer_.ImportFiles(ImportKind::kOcds, files, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->created, kReleases);
  std::filesystem::remove(path);
}

TEST_F(ImportServiceTest, DemoDataLoadsWithoutRejects) {
  const auto start = std::chrono::steady_clock::now();
  ImportOptions options;
  options.keep_going = true;
  auto report = LoadDemoData(importer_, testing::DataDir(), options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  for (const auto& r : report->rejects) ADD_FAILURE() << r.locator << ": " << r.status.ToString();
  EXPECT_EQ(report->rejected, 0);
  std::printf("demo load: %.2f s, created %lld updated %lld unchanged %lld; %lld notices, %lld codes\n",
              seconds, static_cast<long long>(report->created), static_cast<long long>(report->updated),
              static_cast<long long>(report->unchanged), static_cast<long long>(*store_.Count()),
              static_cast<long long>(*catalogue_.Count()));
  // 21 UNGM + 5 UNGM list + 10 UNDP + OCDS ocids + 1,594 + 6,644 SECOP + 40,627 AusTender.
  EXPECT_GE(*store_.Count(), 21 + 5 + 10 + 1594 + 6644 + 40627 + 150);
  auto again = LoadDemoData(importer_, testing::DataDir(), options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  auto oslo = store_.GetByPublicId("ungm-274154");
  ASSERT_TRUE(oslo.ok());
  EXPECT_EQ(oslo->amendments.size(), 1u);
  auto fr = catalogue_.Get(*UnspscCode::Parse("10100000"));
  ASSERT_TRUE(fr.ok());
  EXPECT_EQ(fr->titles.at("fr"), "Animaux vivants");
}

TEST(ImportProgressPrinter, PlainLinesWhenPiped) {
  ImportProgress p{"notices.csv", 450, 1000, 12000};
  EXPECT_EQ(ImportProgressPrinter::FormatLine(p, 8300), "import: notices.csv 45% 12000 records 8300/s");
  EXPECT_EQ(ImportProgressPrinter::Bar(0.5, 4), "[##--]");
  char buffer[512] = {};
  std::FILE* out = fmemopen(buffer, sizeof buffer, "w");
  ImportProgressPrinter printer(out, false, std::chrono::milliseconds(0));
  printer.Update(p);
  printer.Finish();
  std::fclose(out);
  EXPECT_NE(std::string(buffer).find("import: notices.csv 45% 12000 records"), std::string::npos) << buffer;
}

}  // namespace
}  // namespace tb::notices
