#include "notices/import_service.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "notices/importers/reader_factory.h"

namespace tb::notices {
namespace {

constexpr std::size_t kMaxListedRejects = 1000;

struct KindName {
  ImportKind kind;
  std::string_view name;
};
constexpr KindName kKinds[] = {{ImportKind::kUngm, "ungm"},
                               {ImportKind::kOcds, "ocds"},
                               {ImportKind::kSecop, "secop"},
                               {ImportKind::kAustender, "austender"},
                               {ImportKind::kUnspsc, "unspsc"}};

void Add(ImportReport& into, const ImportReport& from) {
  into.created += from.created;
  into.updated += from.updated;
  into.unchanged += from.unchanged;
  into.rejected += from.rejected;
  for (const RejectedRecord& r : from.rejects) {
    if (into.rejects.size() >= kMaxListedRejects) break;
    into.rejects.push_back(r);
  }
}

// One batch as the reading thread hands it to the writing one: the records to write, what
// was refused while reading them, and where the reader stood when the batch was complete.
struct ReadBatch {
  std::vector<Notice> notices;
  std::vector<UnspscEntry> entries;
  bool fills_gaps_only = false;  // sampled on the reading thread: the reader may still change it
  std::int64_t rejected = 0;
  std::vector<RejectedRecord> rejects;
  std::int64_t bytes_read = 0;
  std::int64_t records = 0;  // records read so far in the stream
  // Not ok: reading stopped here; the records above belong to the failed batch and are not
  // written, and the import ends with this Status.
  Status error;
  bool last = false;

  std::size_t size() const { return notices.size() + entries.size(); }
};

// Writes one batch through the stores and counts the outcomes into `report`.
Status WriteBatch(NoticeStore& notices, UnspscCatalogue& unspsc, ReadBatch& batch,
                  ImportReport& report) {
  if (!batch.notices.empty()) {
    TB_ASSIGN_OR_RETURN(std::vector<WriteOutcome> outcomes,
                        notices.UpsertBatch(batch.notices, MergeByReleaseDate));
    for (WriteOutcome outcome : outcomes) {
      switch (outcome) {
        case WriteOutcome::kNew: ++report.created; break;
        case WriteOutcome::kUpdated: ++report.updated; break;
        case WriteOutcome::kUnchanged: ++report.unchanged; break;
      }
    }
  }
  if (!batch.entries.empty()) {
    std::vector<UnspscEntry>& entries = batch.entries;
    const auto batch_records = static_cast<std::int64_t>(entries.size());
    std::set<UnspscCode> codes;
    for (const UnspscEntry& e : entries) codes.insert(e.code);
    const std::vector<UnspscCode> code_list(codes.begin(), codes.end());
    TB_ASSIGN_OR_RETURN(std::vector<UnspscEntry> existing, unspsc.GetMany(code_list));
    if (batch.fills_gaps_only) {
      for (UnspscEntry& e : entries) {
        const auto it = std::lower_bound(existing.begin(), existing.end(), e.code,
                                         [](const UnspscEntry& x, UnspscCode c) { return x.code < c; });
        if (it == existing.end() || it->code != e.code) continue;
        std::erase_if(e.titles, [&](const auto& title) { return it->titles.count(title.first) > 0; });
      }
      std::erase_if(entries, [](const UnspscEntry& e) { return e.titles.empty(); });
    }
    TB_ASSIGN_OR_RETURN(std::int64_t changed, unspsc.UpsertBatch(entries));
    const std::int64_t created = static_cast<std::int64_t>(codes.size() - existing.size());
    const std::int64_t updated = std::max<std::int64_t>(0, changed - created);
    report.created += created;
    report.updated += updated;
    report.unchanged += std::max<std::int64_t>(0, batch_records - created - updated);
  }
  return Status::Ok();
}

// Hands batches from the reading thread to the writing one. It holds at most kDepth
// batches, so reading runs at most that far ahead of the writes and memory stays bounded
// by a few batches whatever the file size.
class BatchQueue {
 public:
  static constexpr std::size_t kDepth = 2;

  // False when the consumer has gone away (the import failed while writing).
  bool Push(ReadBatch batch) {
    std::unique_lock<std::mutex> lock(mu_);
    space_.wait(lock, [&] { return cancelled_ || batches_.size() < kDepth; });
    if (cancelled_) return false;
    batches_.push_back(std::move(batch));
    ready_.notify_one();
    return true;
  }
  ReadBatch Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [&] { return !batches_.empty(); });
    ReadBatch batch = std::move(batches_.front());
    batches_.pop_front();
    space_.notify_one();
    return batch;
  }
  void Cancel() {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = true;
    batches_.clear();
    space_.notify_all();
  }
 private:
  std::mutex mu_;
  std::condition_variable ready_;
  std::condition_variable space_;
  std::deque<ReadBatch> batches_;  // Guarded by mu_.
  bool cancelled_ = false;         // Guarded by mu_.
};

// The reading half: runs on its own thread and ends by pushing a batch with `last` set (or
// when the queue is cancelled).
void ReadBatches(importers::RecordReader& reader, std::string_view name, std::size_t batch_size,
                 bool keep_going, BatchQueue& queue) {
  ReadBatch batch;
  std::int64_t records = 0;
  importers::ReadRecord record;
  const auto seal = [&](ReadBatch& b) {
    b.fills_gaps_only = reader.fills_gaps_only();
    b.bytes_read = reader.bytes_read();
    b.records = records;
  };
  try {
    while (true) {
      auto more = reader.Next(record);
      if (!more.ok()) {
        // The input cannot be read further: what is in the batch is not written.
        const Status& s = more.status();
        batch.error = s.message().starts_with(std::string(name)) ? s : s.WithContext(name);
        break;
      }
      if (!*more) break;
      ++records;
      if (!record.error.ok()) {
        if (!keep_going) {
          batch.error = record.error.WithContext(record.locator);
          break;
        }
        ++batch.rejected;
        if (batch.rejects.size() < kMaxListedRejects) batch.rejects.push_back({record.locator, record.error});
        continue;
      }
      if (record.notice) batch.notices.push_back(std::move(*record.notice));
      if (record.entry) batch.entries.push_back(std::move(*record.entry));
      if (batch.size() >= batch_size) {
        seal(batch);
        if (!queue.Push(std::move(batch))) return;
        batch = ReadBatch{};
      }
    }
  } catch (const std::exception& e) {
    batch.error = Status::Internal(std::string(name) + ": reading failed: " + e.what());
  } catch (...) {
    batch.error = Status::Internal(std::string(name) + ": reading failed");
  }
  seal(batch);
  batch.last = true;
  queue.Push(std::move(batch));
}

// Reads on a second thread while this one writes: on a machine with two cores the parsing
// of batch n+1 overlaps the transaction of batch n. The outcome is the same as reading and
// writing in turn: batches are written in order, a reading error writes nothing of its own
// batch (the batches before it are written first), a write error stops the reading, and
// progress is reported from this thread after each write.
Result<ImportReport> ImportFrom(NoticeStore& notices, UnspscCatalogue& unspsc, ImportKind kind,
                                std::istream& in, std::string_view name, std::int64_t total_bytes,
                                const ImportOptions& options) {
  ImportReport report;
  TB_ASSIGN_OR_RETURN(std::unique_ptr<importers::RecordReader> reader,
                      importers::MakeReader(kind, in, std::string(name)));
  const std::size_t batch_size = static_cast<std::size_t>(std::max(1, options.batch_size));
  ImportProgress progress;
  progress.file = std::string(name);
  progress.bytes_total = total_bytes;

  BatchQueue queue;
  std::thread reading([&] { ReadBatches(*reader, name, batch_size, options.keep_going, queue); });
  // However this function is left (an error, an exception from a store), the reader is
  // released from a full queue and joined before the reader and the stream go away.
  struct StopReading {
    BatchQueue& queue;
    std::thread& thread;
    ~StopReading() {
      queue.Cancel();
      thread.join();
    }
  } stop_reading{queue, reading};
  Status status;
  while (true) {
    ReadBatch batch = queue.Pop();
    report.rejected += batch.rejected;
    for (RejectedRecord& r : batch.rejects) {
      if (report.rejects.size() >= kMaxListedRejects) break;
      report.rejects.push_back(std::move(r));
    }
    if (!batch.error.ok()) {
      status = batch.error;
      break;
    }
    status = WriteBatch(notices, unspsc, batch, report);
    if (!status.ok()) break;
    if (options.on_progress) {
      progress.bytes_read = batch.bytes_read;
      progress.records = batch.records;
      options.on_progress(progress);
    }
    if (batch.last) break;
  }
  if (!status.ok()) return status;
  return report;
}

}  // namespace

Result<ImportKind> ImportKindFromName(std::string_view name) {
  for (const auto& [kind, n] : kKinds) {
    if (n == name) return kind;
  }
  return Status::InvalidArgument("unknown import kind \"" + std::string(name) +
                                 "\" (expected ungm, ocds, secop, austender or unspsc)")
      .WithField("kind");
}

std::string_view ImportKindName(ImportKind kind) {
  for (const auto& [k, n] : kKinds) {
    if (k == kind) return n;
  }
  return "unknown";
}

Notice MergeByReleaseDate(const Notice* current, const Notice& incoming) {
  if (current == nullptr) return incoming;
  if (incoming.updated && current->updated && *incoming.updated <= *current->updated) {
    Notice merged = Merge(incoming, *current);
    // Merge keeps the base's version of a document or amendment with the same id; here the
    // stored one is newer, so its versions win and only unseen ones of `incoming` are added.
    merged.documents = current->documents;
    for (const Document& d : incoming.documents) {
      const auto key = [](const Document& x) { return x.id.empty() ? x.url : x.id; };
      if (std::none_of(merged.documents.begin(), merged.documents.end(),
                       [&](const Document& m) { return key(m) == key(d); })) {
        merged.documents.push_back(d);
      }
    }
    merged.amendments = current->amendments;
    for (const Amendment& a : incoming.amendments) {
      if (std::none_of(merged.amendments.begin(), merged.amendments.end(),
                       [&](const Amendment& m) { return m.id == a.id; })) {
        merged.amendments.push_back(a);
      }
    }
    merged.id = current->id;
    return merged;
  }
  return Merge(*current, incoming);
}

ImportService::ImportService(NoticeStore& notices, UnspscCatalogue& unspsc, const Clock& clock)
    : notices_(notices), unspsc_(unspsc), clock_(clock) {}

Result<ImportReport> ImportService::ImportFiles(ImportKind kind, std::span<const std::string> paths,
                                                const ImportOptions& options) {
  ImportReport total;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound("cannot open " + path).WithField("file");
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    TB_ASSIGN_OR_RETURN(ImportReport report,
                        ImportFrom(notices_, unspsc_, kind, in, path, ec ? 0 : static_cast<std::int64_t>(size), options));
    Add(total, report);
  }
  return total;
}

Result<ImportReport> ImportService::ImportStream(ImportKind kind, std::istream& in, std::string_view name,
                                                 const ImportOptions& options) {
  return ImportFrom(notices_, unspsc_, kind, in, name, 0, options);
}

Result<ImportReport> LoadDemoData(ImportService& importer, const std::string& data_dir,
                                  const ImportOptions& options) {
  namespace fs = std::filesystem;
  const fs::path root(data_dir);
  if (!fs::is_directory(root)) return Status::NotFound("no data directory at " + data_dir).WithField("data_dir");
  const auto files = [&](const fs::path& dir, std::string_view extension) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == extension) out.push_back(it->path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto existing = [](std::vector<std::string> paths) {
    std::erase_if(paths, [](const std::string& p) { return !fs::exists(p); });
    return paths;
  };
  // UNGM's tree is the master list; v7 (2005) then adds fr/es/zh/pt/ja/ko titles and the
  // codes UNGM lacks, without overwriting UNGM's English titles.
  const std::vector<std::pair<ImportKind, std::vector<std::string>>> plan = {
      {ImportKind::kUnspsc, existing({(root / "unspsc/ungm-unspsc-2026-04.csv").string(),
                                      (root / "unspsc/unspsc-v7-multilingual.csv").string()})},
      {ImportKind::kUngm, existing({(root / "ungm-notices/ungm-notices-2024-03.csv").string(),
                                    (root / "ungm-notices/ungm-listing-2025-09.json").string(),
                                    (root / "ungm-notices/undp-listing-2025-09.json").string()})},
      {ImportKind::kOcds, [&] {
         std::vector<std::string> all;
         std::vector<fs::path> publishers;
         std::error_code ec;
         for (fs::directory_iterator it(root / "ocds", ec), end; !ec && it != end; it.increment(ec)) {
           if (it->is_directory() && it->path().filename() != "schema-1.1.5") publishers.push_back(it->path());
         }
         std::sort(publishers.begin(), publishers.end());
         for (const fs::path& p : publishers) {
           for (std::string& f : files(p, ".json")) all.push_back(std::move(f));
         }
         return all;
       }()},
      {ImportKind::kSecop, existing({(root / "secop-colombia/secop2-procesos-2025-12_2026-04.csv").string(),
                                     (root / "secop-colombia/secop1-procesos-2026-01_2026-04.csv").string()})},
      {ImportKind::kAustender, existing({(root / "austender/austender-cn-fy2023-24.csv").string()})},
  };
  ImportReport total;
  for (const auto& [kind, paths] : plan) {
    TB_ASSIGN_OR_RETURN(ImportReport report, importer.ImportFiles(kind, paths, options));
    Add(total, report);
  }
  return total;
}

}  // namespace tb::notices
