// Import throughput: OCDS releases into SQLite through the real ImportService and stores,
// with two baselines in the same binary (reader alone; bare SQLite inserts of the same count).
// Sizes: TB_BENCH_RELEASES (default 100000); data: TB_DATA_DIR (default ./data).
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "notices/import_service.h"
#include "notices/notice_store.h"
#include "notices/unspsc_catalogue.h"
#include "ocds_scale.h"
#include "storage/database.h"
#include "storage/storage.h"

namespace tb::bench {
namespace {

std::int64_t ReleaseCount() {
  const char* env = std::getenv("TB_BENCH_RELEASES");
  return env != nullptr ? std::atoll(env) : 100'000;
}

std::string DataDir() {
  const char* env = std::getenv("TB_DATA_DIR");
  return env != nullptr ? env : "data";
}

// The scaled input is generated once per size and seed and kept in /tmp between runs.
const std::string& ScaledFile(std::int64_t releases) {
  static std::string path;
  if (!path.empty()) return path;
  path = "/tmp/tb-bench-ocds-" + std::to_string(releases) + "-seed42.json";
  if (!std::filesystem::exists(path)) {
    ScaleOptions options{DataDir() + "/ocds", releases, 42, 2};
    Result<std::int64_t> templates = WriteScaledReleasePackage(options, path + ".tmp");
    if (!templates.ok()) {
      std::fprintf(stderr, "generator: %s\n", templates.status().ToString().c_str());
      std::exit(1);
    }
    std::filesystem::rename(path + ".tmp", path);
  }
  return path;
}

// Accepts everything and writes nothing: the reader, mapping and merge call alone.
class NullNoticeStore final : public notices::NoticeStore {
 public:
  Result<std::vector<notices::WriteOutcome>> UpsertBatch(std::span<const notices::Notice> batch,
                                                         const MergeFn& merge) override {
    std::vector<notices::WriteOutcome> outcomes;
    outcomes.reserve(batch.size());
    for (const notices::Notice& n : batch) {
      benchmark::DoNotOptimize(merge(nullptr, n));
      outcomes.push_back(notices::WriteOutcome::kNew);
    }
    return outcomes;
  }
  Result<notices::Notice> Get(NoticeId) override { return Status::NotFound("null store"); }
  Result<notices::Notice> GetByPublicId(std::string_view) override {
    return Status::NotFound("null store");
  }
  Result<notices::NoticePage> List(const notices::NoticeFilter&, notices::NoticeOrder,
                                   const notices::PageRequest&, Timestamp) override {
    return notices::NoticePage{};
  }
  Result<std::vector<notices::NoticeVersion>> History(NoticeId) override {
    return std::vector<notices::NoticeVersion>{};
  }
  Result<std::int64_t> Version(NoticeId) override { return Status::NotFound("null store"); }
  Result<std::int64_t> Count() override { return 0; }
};

void BM_ImportOcdsIntoSqlite(benchmark::State& state) {
  const std::int64_t releases = state.range(0);
  const std::string& file = ScaledFile(releases);
  const std::string db_path = "/tmp/tb-bench-import.db";
  SystemClock clock;
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path + suffix);
    auto db = storage::OpenDatabase(db_path);
    if (!db.ok()) {
      state.SkipWithError(db.status().ToString().c_str());
      return;
    }
    auto store = storage::MakeNoticeStore(**db, clock);
    auto unspsc = storage::MakeUnspscCatalogue(**db);
    notices::ImportService importer(*store, *unspsc, clock);
    state.ResumeTiming();

    Result<notices::ImportReport> report = importer.ImportFiles(
        notices::ImportKind::kOcds, std::vector<std::string>{file}, notices::ImportOptions{});

    state.PauseTiming();
    // Check the answer outside the timed part: every process stored, nothing refused.
    if (!report.ok() || report->rejected != 0 || report->created != (releases + 1) / 2 ||
        *store->Count() != (releases + 1) / 2) {
      state.SkipWithError(report.ok() ? "wrong counts after import"
                                      : report.status().ToString().c_str());
      return;
    }
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * releases);
}

void BM_ReadOcdsOnly(benchmark::State& state) {
  const std::int64_t releases = state.range(0);
  const std::string& file = ScaledFile(releases);
  NullNoticeStore store;
  SystemClock clock;
  auto db = storage::OpenDatabase("/tmp/tb-bench-null-unspsc.db");
  auto unspsc = storage::MakeUnspscCatalogue(**db);
  notices::ImportService importer(store, *unspsc, clock);
  for (auto _ : state) {
    Result<notices::ImportReport> report = importer.ImportFiles(
        notices::ImportKind::kOcds, std::vector<std::string>{file}, notices::ImportOptions{});
    if (!report.ok() || report->created != releases) {
      state.SkipWithError("reader lost releases");
      return;
    }
  }
  state.SetItemsProcessed(state.iterations() * releases);
}

// Baseline: the same number of ~1 KB documents inserted into one table with a unique index,
// 1000 per transaction, prepared statement, WAL, synchronous=FULL (what the store uses), or
// NORMAL to show what an fsync per batch costs on this machine.
void SqliteInsertBaseline(benchmark::State& state, const char* synchronous) {
  const std::int64_t rows = state.range(0);
  const std::string db_path = "/tmp/tb-bench-baseline.db";
  const std::string doc_tail(900, 'x');
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path + suffix);
    sqlite3* db = nullptr;
    sqlite3_open(db_path.c_str(), &db);
    const std::string setup = std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=") +
                              synchronous +
                              "; CREATE TABLE docs(id INTEGER PRIMARY KEY, public_id TEXT UNIQUE, "
                              "doc TEXT)";
    sqlite3_exec(db, setup.c_str(), nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO docs(public_id, doc) VALUES (?, ?)", -1, &insert, nullptr);
    state.ResumeTiming();
    for (std::int64_t i = 0; i < rows; ++i) {
      if (i % 1000 == 0) sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
      const std::string id = "ocds-baseline-" + std::to_string(i);
      const std::string doc = R"({"public_id":")" + id + R"(","title":")" + doc_tail + "\"}";
      sqlite3_bind_text(insert, 1, id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 2, doc.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(insert);
      sqlite3_reset(insert);
      if (i % 1000 == 999 || i + 1 == rows) sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    state.PauseTiming();
    sqlite3_finalize(insert);
    sqlite3_close(db);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * rows);
}

void BM_SqliteInsertBaseline(benchmark::State& state) { SqliteInsertBaseline(state, "FULL"); }
void BM_SqliteInsertBaselineNormalSync(benchmark::State& state) {
  SqliteInsertBaseline(state, "NORMAL");
}

}  // namespace
}  // namespace tb::bench

int main(int argc, char** argv) {
  const std::int64_t releases = tb::bench::ReleaseCount();
  for (auto* b :
       {benchmark::RegisterBenchmark("BM_ImportOcdsIntoSqlite", tb::bench::BM_ImportOcdsIntoSqlite),
        benchmark::RegisterBenchmark("BM_ReadOcdsOnly", tb::bench::BM_ReadOcdsOnly),
        benchmark::RegisterBenchmark("BM_SqliteInsertBaseline", tb::bench::BM_SqliteInsertBaseline),
        benchmark::RegisterBenchmark("BM_SqliteInsertBaselineNormalSync",
                                     tb::bench::BM_SqliteInsertBaselineNormalSync)}) {
    b->Arg(releases)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
