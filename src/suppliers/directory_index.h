#pragma once

#include "core/result.h"
#include "suppliers/supplier_store.h"

namespace tb::suppliers {

// The supplier directory answered from a search index, a projection of the `changes` log,
// instead of the store's SQL (SupplierStore::SearchDirectory stays the fallback). app/
// implements it over search::SupplierIndex, bringing the index up to date before each search
// so that it sees every write finished before it. Thread-safe.
class DirectoryIndex {
 public:
  virtual ~DirectoryIndex() = default;

  // The store's contract (filters, order by folded name then id, `after` cursor, `total`,
  // facets "country", "size", "women_owned", "certificate", "level"), with word search on
  // names and code titles, stemming, Chinese words and UNSPSC expansion of the text in
  // `query.language`. InvalidArgument (field "cursor") when `after` names no indexed
  // supplier; Unavailable when the index cannot be read.
  virtual Result<DirectoryPage> Search(const DirectoryQuery& query) = 0;
};

}  // namespace tb::suppliers
