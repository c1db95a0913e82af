#include "notices/import_service.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

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

// Writes what the readers produce in batches; one instance per stream.
class BatchWriter {
 public:
  BatchWriter(NoticeStore& notices, UnspscCatalogue& unspsc, ImportReport& report,
              const importers::RecordReader& reader)
      : notices_(notices), unspsc_(unspsc), report_(report), reader_(reader) {}

  void Add(importers::ReadRecord& record) {
    if (record.notice) notices_batch_.push_back(std::move(*record.notice));
    if (record.entry) entries_batch_.push_back(std::move(*record.entry));
  }
  std::size_t size() const { return notices_batch_.size() + entries_batch_.size(); }

  Status Flush() {
    if (!notices_batch_.empty()) {
      TB_ASSIGN_OR_RETURN(std::vector<WriteOutcome> outcomes,
                          notices_.UpsertBatch(notices_batch_, MergeByReleaseDate));
      for (WriteOutcome outcome : outcomes) {
        switch (outcome) {
          case WriteOutcome::kNew: ++report_.created; break;
          case WriteOutcome::kUpdated: ++report_.updated; break;
          case WriteOutcome::kUnchanged: ++report_.unchanged; break;
        }
      }
      notices_batch_.clear();
    }
    if (!entries_batch_.empty()) {
      const auto batch_records = static_cast<std::int64_t>(entries_batch_.size());
      std::set<UnspscCode> codes;
      for (const UnspscEntry& e : entries_batch_) codes.insert(e.code);
      const std::vector<UnspscCode> code_list(codes.begin(), codes.end());
      TB_ASSIGN_OR_RETURN(std::vector<UnspscEntry> existing, unspsc_.GetMany(code_list));
      if (reader_.fills_gaps_only()) {
        for (UnspscEntry& e : entries_batch_) {
          const auto it = std::lower_bound(existing.begin(), existing.end(), e.code,
                                           [](const UnspscEntry& x, UnspscCode c) { return x.code < c; });
          if (it == existing.end() || it->code != e.code) continue;
          std::erase_if(e.titles, [&](const auto& title) { return it->titles.count(title.first) > 0; });
        }
        std::erase_if(entries_batch_, [](const UnspscEntry& e) { return e.titles.empty(); });
      }
      TB_ASSIGN_OR_RETURN(std::int64_t changed, unspsc_.UpsertBatch(entries_batch_));
      const std::int64_t created = static_cast<std::int64_t>(codes.size() - existing.size());
      const std::int64_t updated = std::max<std::int64_t>(0, changed - created);
      report_.created += created;
      report_.updated += updated;
      report_.unchanged += std::max<std::int64_t>(0, batch_records - created - updated);
      entries_batch_.clear();
    }
    return Status::Ok();
  }

 private:
  NoticeStore& notices_;
  UnspscCatalogue& unspsc_;
  ImportReport& report_;
  const importers::RecordReader& reader_;
  std::vector<Notice> notices_batch_;
  std::vector<UnspscEntry> entries_batch_;
};

Result<ImportReport> ImportFrom(NoticeStore& notices, UnspscCatalogue& unspsc, ImportKind kind,
                                std::istream& in, std::string_view name, std::int64_t total_bytes,
                                const ImportOptions& options) {
  ImportReport report;
  TB_ASSIGN_OR_RETURN(std::unique_ptr<importers::RecordReader> reader,
                      importers::MakeReader(kind, in, std::string(name)));
  BatchWriter writer(notices, unspsc, report, *reader);
  const std::size_t batch_size = static_cast<std::size_t>(std::max(1, options.batch_size));
  ImportProgress progress;
  progress.file = std::string(name);
  progress.bytes_total = total_bytes;
  const auto report_progress = [&] {
    if (!options.on_progress) return;
    progress.bytes_read = reader->bytes_read();
    options.on_progress(progress);
  };
  importers::ReadRecord record;
  while (true) {
    auto more = reader->Next(record);
    if (!more.ok()) {
      // The input cannot be read further: what is in the batch is not written.
      const Status& s = more.status();
      return s.message().starts_with(std::string(name)) ? s : s.WithContext(name);
    }
    if (!*more) break;
    ++progress.records;
    if (!record.error.ok()) {
      if (!options.keep_going) return record.error.WithContext(record.locator);
      ++report.rejected;
      if (report.rejects.size() < kMaxListedRejects) {
        report.rejects.push_back({record.locator, record.error});
      }
      continue;
    }
    writer.Add(record);
    if (writer.size() >= batch_size) {
      TB_RETURN_IF_ERROR(writer.Flush());
      report_progress();
    }
  }
  TB_RETURN_IF_ERROR(writer.Flush());
  report_progress();
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
