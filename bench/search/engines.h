#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bench_queries.h"
#include "core/result.h"
#include "notices/notice.h"

namespace tb::bench::search {

class NoticeCorpus;

struct BuildStats {
  double seconds = 0;          // time inside the engine (generation of the notices excluded)
  double generate_seconds = 0; // time spent generating the notices (not part of the build)
  std::int64_t index_bytes = 0;
  std::string notes;           // tuning choices, for the report
};

// One reader: a thread's own connection or index handle. Not thread-safe.
class EngineSession {
 public:
  virtual ~EngineSession() = default;
  // The ids (NoticeId values) of the top 10 notices for `query`, best first.
  virtual Result<std::vector<std::int64_t>> Top10(const BenchQuery& query) = 0;
};

// An engine under test. Build() indexes notices 0..size-1 of the corpus; Connect() opens a
// session for one thread.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string name() const = 0;
  virtual Result<BuildStats> Build(const NoticeCorpus& corpus, std::int64_t size) = 0;
  virtual Result<std::unique_ptr<EngineSession>> Connect() = 0;
  // Whether sessions opened afterwards also count facets (Xapian only; the SQL baselines
  // have no facets and ignore it).
  virtual void SetFacets(bool) {}
};

// The text every engine indexes for a notice, field by field, so the SQL baselines see
// exactly what Xapian sees: title, English titles of the codes, agency, description.
struct NoticeText {
  std::string title, codes, agency, description;
};
NoticeText TextOf(const notices::Notice& notice, const NoticeCorpus& corpus);

// `dir` is the index directory (recreated by Build); `batch` the notices per Apply().
std::unique_ptr<Engine> MakeXapianEngine(std::string dir, int batch);
std::unique_ptr<Engine> MakeFts5Engine(std::string dir);
std::unique_ptr<Engine> MakePostgresEngine(std::string url);

// Directory size in bytes (recursively).
std::int64_t DiskBytes(const std::string& path);

}  // namespace tb::bench::search
