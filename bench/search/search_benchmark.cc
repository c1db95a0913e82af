// Search benchmark: builds one engine over N synthetic notices (notice_corpus.h), answers
// the fixed query set (queries.txt) top-10 on 2 threads for a fixed time, and grades the
// ranking on the quality queries (nDCG@10 by UNSPSC code overlap). One engine per process,
// so each process' peak RSS is its own. Results are JSON lines appended to --out;
// scripts/bench-search turns them into docs/benchmarks-search.md.
//
//   search_benchmark --engine=xapian|fts5|postgres --size=100000 --queries=bench/search/queries.txt
//                    --out=results.jsonl [--data=data] [--workdir=/tmp/tb-search-bench]
//   search_benchmark --write-queries=bench/search/queries.txt [--data=data]
//
// Environment: TB_SEARCH_BENCH_SECONDS (timed run per engine, default 10),
// TB_SEARCH_BENCH_THREADS (default 2), TB_SEARCH_BENCH_BATCH (Xapian Apply batch, default
// 10000), TB_SEARCH_BENCH_TUNE_SIZE (if set, Xapian builds of that size with batches 1k,
// 10k, 50k first), TB_TEST_POSTGRES_URL (for --engine=postgres).
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

#include "bench_queries.h"
#include "engines.h"
#include "notice_corpus.h"

namespace tb::bench::search {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint64_t kSeed = 20260301;

std::string Arg(int argc, char** argv, const std::string& name, const std::string& fallback = "") {
  const std::string prefix = "--" + name + "=";
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]).rfind(prefix, 0) == 0) return std::string(argv[i]).substr(prefix.size());
  }
  return fallback;
}

long EnvInt(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atol(v) : fallback;
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// A JSON object written field by field (values are numbers or plain strings).
class JsonLine {
 public:
  JsonLine& Str(const std::string& key, const std::string& value) {
    std::string escaped;
    for (char c : value) {
      if (c == '"' || c == '\\') escaped += '\\';
      escaped += c == '\n' ? ' ' : c;
    }
    return Raw(key, "\"" + escaped + "\"");
  }
  JsonLine& Num(const std::string& key, double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", value);
    return Raw(key, buf);
  }
  std::string Done() const { return "{" + body_ + "}"; }

 private:
  JsonLine& Raw(const std::string& key, const std::string& value) {
    if (!body_.empty()) body_ += ", ";
    body_ += "\"" + key + "\": " + value;
    return *this;
  }
  std::string body_;
};

void Emit(const std::string& out_path, const JsonLine& line) {
  std::ofstream out(out_path, std::ios::app);
  out << line.Done() << "\n";
  std::fprintf(stderr, "%s\n", line.Done().c_str());
}

[[noreturn]] void Die(const Status& status) {
  std::fprintf(stderr, "search_benchmark: %s\n", status.ToString().c_str());
  std::exit(1);
}

struct SpeedResult {
  double qps = 0, p50_ms = 0, p99_ms = 0, mean_hits = 0;
  std::int64_t requests = 0, errors = 0, zero_hit_queries = 0;
  std::string slowest;  // the slowest queries of the warm-up pass, for the report
};

SpeedResult RunSpeed(Engine& engine, const std::vector<BenchQuery>& queries, int threads, double seconds) {
  SpeedResult result;
  // Warm-up: one untimed pass over every query (also counts hits per query).
  {
    auto session = engine.Connect();
    if (!session.ok()) Die(session.status());
    std::int64_t hits = 0;
    std::vector<std::pair<double, std::string>> times;
    for (const BenchQuery& q : queries) {
      const auto begun = Clock::now();
      auto ids = (*session)->Top10(q);
      times.emplace_back(std::chrono::duration<double, std::milli>(Clock::now() - begun).count(),
                         q.text + (q.has_filter() ? " [filtered]" : ""));
      if (!ids.ok()) {
        std::fprintf(stderr, "warm-up error on '%s': %s\n", q.text.c_str(), ids.status().ToString().c_str());
        ++result.errors;
        continue;
      }
      hits += static_cast<std::int64_t>(ids->size());
      if (ids->empty()) {
      ++result.zero_hit_queries;
      if (std::getenv("TB_SEARCH_BENCH_VERBOSE") != nullptr) std::fprintf(stderr, "no hit (speed): %s\n", q.text.c_str());
    }
    }
    result.mean_hits = static_cast<double>(hits) / static_cast<double>(queries.size());
    std::sort(times.begin(), times.end(), std::greater<>());
    for (std::size_t i = 0; i < 3 && i < times.size(); ++i) {
      char buf[32];
      std::snprintf(buf, sizeof buf, " (%.1f ms)", times[i].first);
      result.slowest += (i ? "; " : "") + times[i].second + buf;
    }
  }
  std::vector<std::vector<std::uint32_t>> latencies(threads);
  std::atomic<std::int64_t> errors{0};
  std::vector<std::unique_ptr<EngineSession>> sessions;
  for (int t = 0; t < threads; ++t) {
    auto session = engine.Connect();
    if (!session.ok()) Die(session.status());
    sessions.push_back(std::move(*session));
  }
  const auto start = Clock::now();
  const auto stop = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::size_t next = queries.size() * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads);
      while (Clock::now() < stop) {
        const auto begun = Clock::now();
        auto ids = sessions[t]->Top10(queries[next]);
        const auto took = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - begun).count();
        if (!ids.ok()) ++errors;
        latencies[t].push_back(static_cast<std::uint32_t>(took));
        next = (next + 1) % queries.size();
      }
    });
  }
  for (auto& w : workers) w.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<std::uint32_t> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  result.requests = static_cast<std::int64_t>(all.size());
  result.errors += errors.load();
  result.qps = static_cast<double>(all.size()) / elapsed;
  if (!all.empty()) {
    result.p50_ms = all[all.size() / 2] / 1000.0;
    result.p99_ms = all[std::min(all.size() - 1, all.size() * 99 / 100)] / 1000.0;
  }
  return result;
}

struct QualityResult {
  double ndcg = 0;
  std::int64_t queries = 0, zero_hit_queries = 0;
};

// nDCG@10 over the quality queries; the ideal ranking comes from the grade of every notice
// in the corpus (through the histogram of templates the notices were drawn from).
QualityResult RunQuality(Engine& engine, const NoticeCorpus& corpus, const std::vector<BenchQuery>& queries,
                         const std::vector<std::int64_t>& template_histogram) {
  QualityResult result;
  auto session = engine.Connect();
  if (!session.ok()) Die(session.status());
  const auto& templates = corpus.templates();
  auto codes_of = [&](std::size_t t) {
    std::vector<std::uint32_t> codes;
    for (UnspscCode c : templates[t].unspsc) codes.push_back(c.value());
    return codes;
  };
  double total = 0;
  for (const BenchQuery& q : queries) {
    const std::uint32_t target = static_cast<std::uint32_t>(std::stoul(q.target_code));
    std::int64_t ideal[4] = {0, 0, 0, 0};
    for (std::size_t t = 0; t < templates.size(); ++t) {
      if (template_histogram[t] > 0) ideal[Grade(target, codes_of(t))] += template_histogram[t];
    }
    auto ids = (*session)->Top10(q);
    if (!ids.ok()) Die(ids.status());
    if (ids->empty()) {
      ++result.zero_hit_queries;
      if (std::getenv("TB_SEARCH_BENCH_VERBOSE") != nullptr) std::fprintf(stderr, "no hit (quality): %s\n", q.text.c_str());
    }
    std::vector<int> grades;
    for (std::int64_t id : *ids) grades.push_back(Grade(target, codes_of(corpus.TemplateOf(id - 1))));
    total += NdcgAt(grades, ideal, 10);
    ++result.queries;
  }
  result.ndcg = result.queries > 0 ? total / static_cast<double>(result.queries) : 0;
  return result;
}

int Main(int argc, char** argv) {
  const std::string data = Arg(argc, argv, "data", "data");
  const auto loading = Clock::now();
  auto corpus = NoticeCorpus::Load(data, kSeed);
  if (!corpus.ok()) Die(corpus.status());
  const double load_seconds = std::chrono::duration<double>(Clock::now() - loading).count();
  std::fprintf(stderr, "corpus: %zu real template notices, %zu UNSPSC codes, loaded in %.1f s\n",
               (*corpus)->templates().size(), (*corpus)->unspsc().size(), load_seconds);

  if (const std::string path = Arg(argc, argv, "write-queries"); !path.empty()) {
    auto queries = GenerateQueries(**corpus, kSeed, 220, 150);
    if (Status s = SaveQueries(queries, path); !s.ok()) Die(s);
    std::fprintf(stderr, "wrote %zu queries to %s\n", queries.size(), path.c_str());
    return 0;
  }

  const std::string engine_name = Arg(argc, argv, "engine");
  const std::int64_t size = std::atoll(Arg(argc, argv, "size", "100000").c_str());
  const std::string out = Arg(argc, argv, "out", "search-bench.jsonl");
  const std::string workdir = Arg(argc, argv, "workdir", "/tmp/tb-search-bench");
  const int threads = static_cast<int>(EnvInt("TB_SEARCH_BENCH_THREADS", 2));
  const double seconds = static_cast<double>(EnvInt("TB_SEARCH_BENCH_SECONDS", 10));
  auto all_queries = LoadQueries(Arg(argc, argv, "queries", "bench/search/queries.txt"));
  if (!all_queries.ok()) Die(all_queries.status());
  std::vector<BenchQuery> speed, quality;
  for (BenchQuery& q : *all_queries) (q.kind == BenchQuery::Kind::kSpeed ? speed : quality).push_back(q);
  const double rss_after_load = PeakRssMiB();

  std::vector<std::int64_t> histogram((*corpus)->templates().size(), 0);
  for (std::int64_t i = 0; i < size; ++i) ++histogram[(*corpus)->TemplateOf(i)];

  std::unique_ptr<Engine> engine;
  if (engine_name == "xapian") {
    const int batch = static_cast<int>(EnvInt("TB_SEARCH_BENCH_BATCH", 10'000));
    if (const long tune = EnvInt("TB_SEARCH_BENCH_TUNE_SIZE", 0); tune > 0) {
      for (int b : {1'000, 10'000, 50'000}) {
        auto trial = MakeXapianEngine(workdir + "/xapian-tune", b);
        auto stats = trial->Build(**corpus, tune);
        if (!stats.ok()) Die(stats.status());
        Emit(out, JsonLine().Str("row", "tune").Str("engine", "tenderbridge-xapian").Num("size", tune)
                      .Num("batch", b).Num("build_s", stats->seconds).Num("docs_per_s", tune / stats->seconds)
                      .Num("index_bytes", stats->index_bytes));
      }
    }
    engine = MakeXapianEngine(workdir + "/xapian", batch);
  } else if (engine_name == "fts5") {
    engine = MakeFts5Engine(workdir);
  } else if (engine_name == "postgres") {
    const char* url = std::getenv("TB_TEST_POSTGRES_URL");
    if (url == nullptr) Die(Status::FailedPrecondition("TB_TEST_POSTGRES_URL is not set (scripts/with-postgres)"));
    engine = MakePostgresEngine(url);
  } else {
    Die(Status::InvalidArgument("--engine must be xapian, fts5 or postgres"));
  }

  auto stats = engine->Build(**corpus, size);
  if (!stats.ok()) Die(stats.status());
  const double rss_after_build = PeakRssMiB();
  for (bool facets : engine_name == "xapian" ? std::vector<bool>{false, true} : std::vector<bool>{false}) {
    engine->SetFacets(facets);
    const SpeedResult s = RunSpeed(*engine, speed, threads, seconds);
    const QualityResult q = RunQuality(*engine, **corpus, quality, histogram);
    Emit(out, JsonLine()
                  .Str("row", "engine").Str("engine", engine->name()).Num("size", size)
                  .Num("build_s", stats->seconds).Num("generate_s", stats->generate_seconds)
                  .Num("index_bytes", stats->index_bytes).Str("notes", stats->notes)
                  .Num("threads", threads).Num("seconds", seconds).Num("speed_queries", speed.size())
                  .Num("requests", s.requests).Num("qps", s.qps).Num("p50_ms", s.p50_ms).Num("p99_ms", s.p99_ms)
                  .Num("errors", s.errors).Num("mean_hits", s.mean_hits).Num("zero_hit_queries", s.zero_hit_queries).Str("slowest", s.slowest)
                  .Num("quality_queries", q.queries).Num("ndcg10", q.ndcg).Num("quality_zero_hit", q.zero_hit_queries)
                  .Num("rss_after_load_mib", rss_after_load).Num("rss_after_build_mib", rss_after_build)
                  .Num("peak_rss_mib", PeakRssMiB()).Num("corpus_load_s", load_seconds)
                  .Num("templates", (*corpus)->templates().size()));
  }
  return 0;
}

}  // namespace
}  // namespace tb::bench::search

int main(int argc, char** argv) { return tb::bench::search::Main(argc, argv); }
