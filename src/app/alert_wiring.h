#pragma once

#include <functional>

#include "matching/alert_service.h"

namespace tb::auth {
class AuthStore;
}
namespace tb::notices {
class UnspscCatalogue;
}
namespace tb::screening {
class ScreeningStore;
}
namespace tb::search {
class SearchIndex;
}
namespace tb::suppliers {
class SupplierStore;
}
namespace tb::tenders {
class EvaluationStore;
struct StandingAward;
}  // namespace tb::tenders

namespace tb::app {

// The supplier register, the screening results and the accounts joined for the alert
// service (matching/ knows none of them). A supplier's ranker text is its names, references
// and certificates and the English titles of its codes (so BM25 can meet a notice that
// states no code); it counts as sanctioned while its last screening is a possible or
// confirmed hit. Its history is the awards it won on TenderBridge that stand (public once
// notified): per awarded item one code with the buying agency beside it, and per award the
// tender's title and description (`awards` may be null: no history). Everything passed in
// must outlive it.
class StoreAlertDirectory final : public matching::AlertDirectory {
 public:
  StoreAlertDirectory(suppliers::SupplierStore& suppliers, screening::ScreeningStore& screening,
                      auth::AuthStore& accounts, notices::UnspscCatalogue& codes,
                      tenders::EvaluationStore* awards = nullptr)
      : suppliers_(suppliers),
        screening_(screening),
        accounts_(accounts),
        codes_(codes),
        awards_(awards) {}

  Result<std::vector<matching::MatchableSupplier>> Suppliers() override;
  Result<std::vector<matching::Recipient>> MembersOf(OrganisationId organisation) override;
  Result<std::optional<matching::Recipient>> FindUser(UserId user) override;
  Result<std::optional<SupplierId>> SupplierOf(UserId user) override;
  Result<std::map<UnspscCode, std::string>> CodeTitles(std::span<const UnspscCode> codes) override;

 private:
  Result<std::map<SupplierId, std::vector<tenders::StandingAward>>> WinsBySupplier();

  suppliers::SupplierStore& suppliers_;
  screening::ScreeningStore& screening_;
  auth::AuthStore& accounts_;
  notices::UnspscCatalogue& codes_;
  tenders::EvaluationStore* awards_;
};

// Saved searches run through this node's search index with the search route's own parser
// (http/search_query.h), so a saved search finds what the search page found. `catch_up`
// (may be empty) brings the index up to the committed changes before a batch is matched, so
// a notice the alert projection just read is in it; only saved searches need that, so a
// first start that is still building the index does not hold back profile alerts.
class IndexSavedSearchRunner final : public matching::SavedSearchRunner {
 public:
  explicit IndexSavedSearchRunner(search::SearchIndex& index, std::function<Status()> catch_up = {})
      : index_(index), catch_up_(std::move(catch_up)) {}

  Result<std::vector<NoticeId>> Matching(std::string_view query, std::span<const NoticeId> among,
                                         Timestamp now) override;
  Result<std::vector<NoticeId>> Newest(std::string_view query, int limit, Timestamp now) override;

 private:
  search::SearchIndex& index_;
  std::function<Status()> catch_up_;
};

}  // namespace tb::app
