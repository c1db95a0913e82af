#pragma once

#include <functional>

#include "search/supplier_index.h"
#include "suppliers/directory_index.h"
#include "suppliers/supplier_store.h"

namespace tb::app {

// What the directory index holds of a stored supplier: names, codes, countries, size,
// declarations, certificate types, readiness and review state. Nothing else of the profile
// (contacts, numbers, owners, references) and no document goes in.
search::SupplierDocument ToSupplierDocument(const suppliers::DirectoryRecord& stored);

// suppliers::DirectoryIndex over the Xapian supplier index: the service's query and page in,
// the engine's query and response out. Before each search it calls `bring_up_to_date` (when
// given; SearchProjection::CatchUpSuppliers), so a search sees every write finished before
// it; when that fails the search is Unavailable and the service answers from the database.
// Thread-safe; `index` and what `bring_up_to_date` uses must outlive it.
class IndexedSupplierDirectory final : public suppliers::DirectoryIndex {
 public:
  explicit IndexedSupplierDirectory(search::SupplierIndex& index,
                                    std::function<Status()> bring_up_to_date = {})
      : index_(index), bring_up_to_date_(std::move(bring_up_to_date)) {}

  Result<suppliers::DirectoryPage> Search(const suppliers::DirectoryQuery& query) override;

 private:
  search::SupplierIndex& index_;
  const std::function<Status()> bring_up_to_date_;
};

}  // namespace tb::app
