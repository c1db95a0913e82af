#include "matching/training_corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

#include "matching/text_features.h"
#include "notices/importers/austender_reader.h"
#include "notices/importers/ocds_reader.h"
#include "notices/importers/secop_reader.h"
#include "notices/importers/ungm_csv_reader.h"
#include "notices/importers/unspsc_reader.h"

namespace tb::matching {
namespace fs = std::filesystem;
namespace imp = notices::importers;

namespace {

// Files under `dir` whose name starts with `prefix` and ends with `suffix`, sorted; with
// `recursive`, in sub-directories too.
std::vector<std::string> FilesIn(const fs::path& dir, std::string_view prefix,
                                 std::string_view suffix, bool recursive = false) {
  std::vector<std::string> paths;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return paths;
  const auto consider = [&](const fs::directory_entry& entry) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.starts_with(prefix) && name.ends_with(suffix)) {
      paths.push_back(entry.path().string());
    }
  };
  if (recursive) {
    for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) consider(entry);
  } else {
    for (const auto& entry : fs::directory_iterator(dir, ec)) consider(entry);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// Drops codes that are ancestors of another code in the list (UNGM lists the whole path).
std::vector<UnspscCode> DeepestCodes(const std::vector<UnspscCode>& codes) {
  std::vector<UnspscCode> out;
  for (UnspscCode c : codes) {
    const bool ancestor = std::any_of(codes.begin(), codes.end(), [&](UnspscCode other) {
      return other != c && c.Contains(other);
    });
    if (!ancestor) out.push_back(c);
  }
  return out;
}

template <typename ReaderT>
Status ReadNotices(const std::string& path, const std::string& source,
                   std::vector<LabelledNotice>& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path).WithField("data");
  ReaderT reader(in, fs::path(path).filename().string());
  imp::ReadRecord record;
  std::size_t order = 0;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool more, reader.Next(record));
    if (!more) break;
    if (!record.error.ok() || !record.notice || record.notice->unspsc.empty()) continue;
    const notices::Notice& n = *record.notice;
    std::string text = n.title.text;
    if (!n.description.text.empty() && n.description.text != n.title.text) {
      text += (text.empty() ? "" : " ") + n.description.text;
    }
    if (text.empty()) continue;
    LabelledNotice labelled;
    labelled.source = source;
    labelled.id = n.public_id;
    labelled.text = std::move(text);
    labelled.language = n.title.language.known() ? n.title.language : n.description.language;
    labelled.codes = DeepestCodes(n.unspsc);
    labelled.time = n.published ? n.published : n.deadline;
    labelled.order = order++;
    out.push_back(std::move(labelled));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<LabelledNotice>> LoadLabelledNotices(const std::string& data_dir) {
  const fs::path root(data_dir);
  std::vector<LabelledNotice> out;
  for (const std::string& path : FilesIn(root / "austender", "austender-cn-", ".csv")) {
    TB_RETURN_IF_ERROR(ReadNotices<imp::AustenderReader>(path, "austender", out));
  }
  for (const std::string& path : FilesIn(root / "secop-colombia", "secop", ".csv")) {
    TB_RETURN_IF_ERROR(ReadNotices<imp::SecopReader>(path, "secop", out));
  }
  for (const std::string& path : FilesIn(root / "ungm-notices", "ungm-notices-", ".csv")) {
    TB_RETURN_IF_ERROR(ReadNotices<imp::UngmCsvReader>(path, "ungm", out));
  }
  for (const std::string& path : FilesIn(root / "ocds", "", ".json", /*recursive=*/true)) {
    if (path.find("schema") != std::string::npos) continue;
    std::vector<LabelledNotice> releases;
    // Some samples are broken on purpose (data/ocds/SOURCE.md); a file that cannot be read
    // adds nothing rather than stopping training.
    if (ReadNotices<imp::OcdsReader>(path, "ocds", releases).ok()) {
      out.insert(out.end(), releases.begin(), releases.end());
    }
  }
  if (out.empty()) {
    return Status::InvalidArgument("no labelled notices under " + data_dir +
                                   " (expected austender/, secop-colombia/, ...)")
        .WithField("data");
  }
  // OCDS records repeat their releases: keep one notice per (id, text, codes).
  std::set<std::tuple<std::string, std::string, std::vector<UnspscCode>>> seen;
  std::erase_if(out, [&](const LabelledNotice& n) {
    return n.source == "ocds" && !seen.insert({n.id, n.text, n.codes}).second;
  });
  return out;
}

Result<CodeTitles> LoadCodeTitles(const std::string& data_dir) {
  CodeTitles titles;
  const fs::path dir = fs::path(data_dir) / "unspsc";
  std::vector<std::string> files = FilesIn(dir, "ungm-unspsc-", ".csv");
  for (const std::string& f : FilesIn(dir, "unspsc-v7-", ".csv")) files.push_back(f);
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound("cannot read " + path).WithField("data");
    imp::UnspscReader reader(in, fs::path(path).filename().string());
    const bool master = !reader.fills_gaps_only() && path.find("ungm-unspsc-") != std::string::npos;
    imp::ReadRecord record;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool more, reader.Next(record));
      if (!more) break;
      if (!record.error.ok() || !record.entry) continue;
      const notices::UnspscEntry& entry = *record.entry;
      for (const auto& [language, title] : entry.titles) {
        if (title.empty()) continue;
        if (language == "en" && (master || !titles.english.contains(entry.code))) {
          titles.english[entry.code] = title;
        }
        titles.all_languages.push_back({title, entry.code});
      }
    }
  }
  return titles;
}

std::string DedupeKey(const std::string& text) {
  std::string key;
  for (const std::string& word : MatchingWords(text)) {
    if (!key.empty()) key += ' ';
    key += word;
  }
  return key;
}

TimeSplit SplitByTime(std::vector<LabelledNotice> notices, double train_share,
                      double validation_share, bool dedupe_across) {
  std::stable_sort(notices.begin(), notices.end(),
                   [](const LabelledNotice& a, const LabelledNotice& b) {
                     const std::int64_t ta = a.time ? a.time->micros() : 0;
                     const std::int64_t tb = b.time ? b.time->micros() : 0;
                     return ta != tb ? ta < tb : a.order < b.order;
                   });
  const std::size_t n = notices.size();
  // The epsilon keeps 10 x (0.7 + 0.1) = 7.9999... from losing a notice to rounding.
  const auto cut = [n](double share) {
    return std::min(n, static_cast<std::size_t>(static_cast<double>(n) * share + 1e-9));
  };
  const std::size_t train_end = cut(train_share);
  const std::size_t validation_end = cut(train_share + validation_share);
  TimeSplit split;
  std::set<std::pair<std::string, std::vector<UnspscCode>>> earlier;
  std::set<std::pair<std::string, std::vector<UnspscCode>>> current;
  std::vector<LabelledNotice>* part = &split.train;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<LabelledNotice>* target = i < train_end        ? &split.train
                                          : i < validation_end ? &split.validation
                                                               : &split.test;
    if (target != part) {
      earlier.insert(current.begin(), current.end());
      current.clear();
      part = target;
    }
    if (dedupe_across) {
      std::pair<std::string, std::vector<UnspscCode>> key{DedupeKey(notices[i].text),
                                                          notices[i].codes};
      if (earlier.contains(key)) continue;
      current.insert(std::move(key));
    }
    target->push_back(std::move(notices[i]));
  }
  return split;
}

std::vector<LabelledText> ToExamples(const std::vector<LabelledNotice>& notices,
                                     std::size_t max_codes_per_notice) {
  std::vector<LabelledText> examples;
  examples.reserve(notices.size());
  for (const LabelledNotice& n : notices) {
    for (std::size_t i = 0; i < n.codes.size() && i < max_codes_per_notice; ++i) {
      examples.push_back({n.text, n.codes[i]});
    }
  }
  return examples;
}

}  // namespace tb::matching
