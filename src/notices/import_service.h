#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/timestamp.h"
#include "notices/notice_store.h"
#include "notices/unspsc_catalogue.h"

namespace tb::notices {

// The outside formats TenderBridge reads (docs/importers.md).
enum class ImportKind { kUngm, kOcds, kSecop, kAustender, kUnspsc };

// "ungm", "ocds", "secop", "austender", "unspsc"; InvalidArgument for anything else.
Result<ImportKind> ImportKindFromName(std::string_view name);
std::string_view ImportKindName(ImportKind kind);

struct ImportProgress {
  std::string file;
  std::int64_t bytes_read = 0;
  std::int64_t bytes_total = 0;  // 0 when unknown (a pipe)
  std::int64_t records = 0;      // records read so far in this file
};

struct ImportOptions {
  // Skip bad records and list them in the report instead of stopping at the first one.
  bool keep_going = false;
  // Records per transaction. A crash loses at most the batch in flight; a rerun resumes
  // because writes are idempotent.
  int batch_size = 1000;
  // Called now and then (at least once per batch) from the importing thread.
  std::function<void(const ImportProgress&)> on_progress;
};

// A record that was refused: where it is and why.
struct RejectedRecord {
  std::string locator;  // "notices.csv:12" or "releases.json#/releases/3"
  Status status;        // status.field() names the field ("deadline", "/tender/value/amount")
};

struct ImportReport {
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t rejected = 0;
  std::vector<RejectedRecord> rejects;  // at most the first 1000

  bool changed_anything() const { return created + updated > 0; }
};

// Reads notice files of each kind and writes them through the stores in batches.
// Idempotent: importing the same file twice reports everything unchanged the second time.
// Without keep_going the first bad record stops the import: batches before it stay
// written, nothing of its own batch is, and the Status names the file, line or JSON
// pointer (in the message) and the field (Status::field()).
// Thread-compatible; the stores and clock must outlive it.
class ImportService {
 public:
  ImportService(NoticeStore& notices, UnspscCatalogue& unspsc, const Clock& clock);

  Result<ImportReport> ImportFiles(ImportKind kind, std::span<const std::string> paths,
                                   const ImportOptions& options);

  // Imports one stream (an uploaded body); `name` is used in locators.
  Result<ImportReport> ImportStream(ImportKind kind, std::istream& in, std::string_view name,
                                    const ImportOptions& options);

 private:
  NoticeStore& notices_;
  UnspscCatalogue& unspsc_;
  const Clock& clock_;
};

// The merge the importers pass to NoticeStore::UpsertBatch: a record applies over the
// stored notice in release-date order (Notice::updated). When `incoming` is older than
// what is stored, or as old (a tie has no OCDS rule; letting the stored values win keeps
// re-imports idempotent), the stored values win: Merge(incoming, *current), with the stored
// versions of documents and amendments. Otherwise, or when either date is unknown,
// Merge(*current, incoming). The stored id is kept.
Notice MergeByReleaseDate(const Notice* current, const Notice& incoming);

// Loads the real data shipped in `data_dir` (the project's data/): UNSPSC titles first, then
// UNGM and UNDP notices, every OCDS publisher, SECOP and AusTender. Used by `tenderbridge demo`
// and the first `make run`.
Result<ImportReport> LoadDemoData(ImportService& importer, const std::string& data_dir,
                                  const ImportOptions& options);

}  // namespace tb::notices
