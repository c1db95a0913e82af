#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "search/search_types.h"

namespace tb::search {

// The full-text index of notices: a projection of the `changes` log (ARCHITECTURE.md §3).
// Each Apply() writes a batch of changes and the seq of its last change in one commit, so a
// projection that restarts resumes exactly after LastAppliedSeq(): nothing missed, nothing
// applied twice. Thread-safe: any number of concurrent Search()/Suggest() calls and one
// applier; a search sees the latest committed batch.
class SearchIndex {
 public:
  virtual ~SearchIndex() = default;

  // Applies `changes` in order and commits them with the last seq, atomically: after a crash
  // either the whole batch and its seq are in the index or none of it. Changes whose seq is
  // <= LastAppliedSeq() are skipped (already applied); upserting a notice that is indexed
  // replaces it. InvalidArgument when seqs within the batch are not increasing or an upsert
  // has no notice (nothing of the batch is written); Internal/Unavailable on I/O failure
  // (nothing written; retry).
  virtual Result<ApplyReport> Apply(std::span<const IndexChange> changes) = 0;

  // The seq of the last applied change; 0 for an empty index.
  virtual Result<std::int64_t> LastAppliedSeq() = 0;

  // Never fails on query text: a malformed query is answered as plain words (and says so).
  // InvalidArgument for a bad cursor, a value range without currency, and the like.
  virtual Result<SearchResponse> Search(const SearchRequest& request) = 0;

  // Notice titles with a word starting with the last word of `prefix` (and containing the
  // words before it), best first, distinct, at most `limit` (clamped to 1..20).
  virtual Result<std::vector<Suggestion>> Suggest(std::string_view prefix, const Language& language,
                                                  int limit) = 0;

  // Removes every document and resets LastAppliedSeq() to 0 in one commit (reindex).
  virtual Status Clear() = 0;

  // Number of indexed notices.
  virtual Result<std::int64_t> DocumentCount() = 0;
};

class UnspscTitleLookup;

struct IndexOptions {
  std::string path;  // directory of the Xapian database; created when missing
  // Used for cross-language expansion at query time and to index the English titles of a
  // notice's codes ("codes" field weight). Optional; must outlive the index.
  const UnspscTitleLookup* titles = nullptr;
};

// Opens (creating if needed) the Xapian index at options.path. Unavailable when another
// process holds the index's write lock; Internal for a corrupt or unreadable database.
Result<std::unique_ptr<SearchIndex>> OpenXapianSearchIndex(const IndexOptions& options);

// Maximum query length; the rest is ignored (SearchResponse::query_truncated).
inline constexpr std::size_t kMaxQueryBytes = 1024;

}  // namespace tb::search
