#include "app/alert_wiring.h"

#include <algorithm>
#include <set>

#include "auth/auth_store.h"
#include "http/query.h"
#include "http/search_query.h"
#include "notices/unspsc_catalogue.h"
#include "screening/screening_store.h"
#include "search/notice_facets.h"
#include "search/search_index.h"
#include "suppliers/supplier_store.h"
#include "tenders/evaluation_store.h"

namespace tb::app {
namespace {

constexpr int kPage = 500;
// The history reads the newest awards only: old wins say little about what a company sells
// now, and the read stays bounded.
constexpr int kHistoryAwards = 20'000;

matching::Recipient RecipientOf(const auth::UserRecord& user) {
  return {user.id, user.email, user.language};
}

Result<search::SearchRequest> ParseSaved(std::string_view query, Timestamp now) {
  TB_ASSIGN_OR_RETURN(http::QueryParams params, http::ParseQuery(query));
  // The page's own parameters (paging, sorting) do not change what a search finds.
  std::erase_if(params, [](const auto& p) {
    return p.first == "cursor" || p.first == "limit" || p.first == "sort" || p.first == "facets";
  });
  TB_RETURN_IF_ERROR(http::CheckKnownParams(params, http::SearchParamNames()));
  return http::ParseSearchQuery(params, now);
}

// A won tender as the ranker's history: one code per awarded item (repeats count) with the
// buyer's agency beside each, and the tender's text once.
void AddHistory(const tenders::StandingAward& won, matching::SupplierProfile& profile) {
  const std::string agency = search::AgencyKey(won.tender.buyer_name);
  for (const tenders::TenderItem& item : won.tender.items) {
    Result<UnspscCode> code = UnspscCode::Parse(item.unspsc);
    if (!code.ok()) continue;
    profile.history.push_back(*code);
    profile.agency_history.push_back(agency);
  }
  profile.history_texts.push_back(won.tender.title + "\n" + won.tender.description);
}

}  // namespace

Result<std::map<SupplierId, std::vector<tenders::StandingAward>>>
StoreAlertDirectory::WinsBySupplier() {
  std::map<SupplierId, std::vector<tenders::StandingAward>> out;
  if (awards_ == nullptr) return out;
  TB_ASSIGN_OR_RETURN(std::vector<tenders::StandingAward> standing,
                      awards_->StandingAwards(kHistoryAwards));
  // A supplier's id is its organisation's (suppliers/supplier_service.h).
  for (tenders::StandingAward& a : standing) {
    out[SupplierId{a.award.supplier.value}].push_back(std::move(a));
  }
  return out;
}

Result<std::vector<matching::MatchableSupplier>> StoreAlertDirectory::Suppliers() {
  TB_ASSIGN_OR_RETURN(auto wins, WinsBySupplier());
  std::vector<matching::MatchableSupplier> out;
  SupplierId after{0};
  for (;;) {
    TB_ASSIGN_OR_RETURN(std::vector<suppliers::ScreeningSubject> page,
                        suppliers_.ScreeningSubjects(after, kPage));
    for (const suppliers::ScreeningSubject& subject : page) {
      Result<suppliers::SupplierRecord> got = suppliers_.Get(subject.supplier);
      if (!got.ok()) {
        if (got.status().code() == StatusCode::kNotFound) continue;
        return got.status();
      }
      const suppliers::Profile& p = got->profile;
      matching::MatchableSupplier s;
      s.profile.id = got->id.value;
      s.profile.codes = p.unspsc_codes;
      s.profile.countries = {p.address.country};
      s.profile.sme = p.sme.value_or(false);
      s.profile.women_owned = p.women_owned.declared;
      std::string text = p.legal_name + "\n" + p.legal_name_latin;
      for (const std::string& name : p.trading_names) text += "\n" + name;
      for (const suppliers::Reference& r : p.references) text += "\n" + r.description;
      for (const suppliers::Certificate& c : p.certificates) text += "\n" + c.name;
      Result<std::vector<notices::UnspscEntry>> titles = codes_.GetMany(p.unspsc_codes);
      if (titles.ok()) {
        for (const notices::UnspscEntry& e : *titles) text += "\n" + e.TitleIn(Language::English());
      }
      s.profile.text = std::move(text);
      TB_ASSIGN_OR_RETURN(std::optional<screening::ScreeningRecord> screened,
                          screening_.LatestScreening("supplier", std::to_string(got->id.value)));
      s.profile.sanctioned =
          screened && (screened->decision == screening::ScreeningDecision::kHit ||
                       screened->decision == screening::ScreeningDecision::kPossibleHit);
      if (const auto won = wins.find(got->id); won != wins.end()) {
        for (const tenders::StandingAward& a : won->second) AddHistory(a, s.profile);
      }
      s.organisation = got->organisation;
      s.name = p.legal_name_latin.empty() ? p.legal_name : p.legal_name_latin;
      s.country = p.address.country;
      s.listed = got->state != suppliers::ReviewState::kDraft;
      out.push_back(std::move(s));
    }
    if (static_cast<int>(page.size()) < kPage) break;
    after = page.back().supplier;
  }
  return out;
}

Result<std::vector<matching::Recipient>> StoreAlertDirectory::MembersOf(
    OrganisationId organisation) {
  TB_ASSIGN_OR_RETURN(std::vector<auth::OrganisationMemberRecord> members,
                      accounts_.MembersOf(organisation));
  std::vector<matching::Recipient> out;
  for (const auth::OrganisationMemberRecord& m : members) out.push_back(RecipientOf(m.user));
  return out;
}

Result<std::optional<matching::Recipient>> StoreAlertDirectory::FindUser(UserId user) {
  TB_ASSIGN_OR_RETURN(std::optional<auth::UserRecord> found, accounts_.FindUser(user));
  if (!found) return std::optional<matching::Recipient>();
  return std::optional<matching::Recipient>(RecipientOf(*found));
}

Result<std::optional<SupplierId>> StoreAlertDirectory::SupplierOf(UserId user) {
  TB_ASSIGN_OR_RETURN(std::vector<auth::Membership> memberships, accounts_.MembershipsOf(user));
  for (const auth::Membership& m : memberships) {
    if (m.kind != auth::OrganisationKind::kSupplier) continue;
    // A supplier's id is its organisation's (suppliers/supplier_service.h).
    return std::optional<SupplierId>(SupplierId{m.organisation.value});
  }
  return std::optional<SupplierId>();
}

Result<std::map<UnspscCode, std::string>> StoreAlertDirectory::CodeTitles(
    std::span<const UnspscCode> codes) {
  TB_ASSIGN_OR_RETURN(std::vector<notices::UnspscEntry> entries, codes_.GetMany(codes));
  std::map<UnspscCode, std::string> out;
  for (const notices::UnspscEntry& e : entries) out[e.code] = e.TitleIn(Language::English());
  return out;
}

Result<std::vector<NoticeId>> IndexSavedSearchRunner::Matching(std::string_view query,
                                                               std::span<const NoticeId> among,
                                                               Timestamp now) {
  TB_ASSIGN_OR_RETURN(search::SearchRequest request, ParseSaved(query, now));
  if (among.empty()) return std::vector<NoticeId>{};
  if (catch_up_) TB_RETURN_IF_ERROR(catch_up_());
  std::vector<NoticeId> out;
  // The id filter grows the query with the batch; a few hundred ids per search keep it small.
  constexpr std::size_t kIdsPerSearch = 200;
  for (std::size_t start = 0; start < among.size(); start += kIdsPerSearch) {
    const std::size_t end = std::min(among.size(), start + kIdsPerSearch);
    request.ids.assign(among.begin() + start, among.begin() + end);
    request.facets = false;
    request.page_size = 100;
    request.cursor.clear();
    request.snippet_chars = 0;
    for (;;) {
      TB_ASSIGN_OR_RETURN(search::SearchResponse response, index_.Search(request));
      for (const search::Hit& hit : response.hits) out.push_back(hit.id);
      if (response.next_cursor.empty()) break;
      request.cursor = response.next_cursor;
    }
  }
  return out;
}

Result<std::vector<NoticeId>> IndexSavedSearchRunner::Newest(std::string_view query, int limit,
                                                             Timestamp now) {
  TB_ASSIGN_OR_RETURN(search::SearchRequest request, ParseSaved(query, now));
  request.sort = search::SortOrder::kPublished;
  request.facets = false;
  request.page_size = std::clamp(limit, 1, 100);
  request.snippet_chars = 0;
  TB_ASSIGN_OR_RETURN(search::SearchResponse response, index_.Search(request));
  std::vector<NoticeId> out;
  for (const search::Hit& hit : response.hits) out.push_back(hit.id);
  return out;
}

}  // namespace tb::app
