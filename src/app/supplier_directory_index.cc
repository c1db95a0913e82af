#include "app/supplier_directory_index.h"

#include <charconv>
#include <string>

namespace tb::app {
namespace {

using Counts = std::map<std::string, std::int64_t>;

Counts ToCounts(const std::vector<search::FacetValue>& facet) {
  Counts counts;
  for (const search::FacetValue& f : facet) counts[f.value] = f.count;
  return counts;
}

}  // namespace

search::SupplierDocument ToSupplierDocument(const suppliers::DirectoryRecord& stored) {
  const suppliers::SupplierRecord& r = stored.record;
  const suppliers::Profile& p = r.profile;
  search::SupplierDocument d;
  d.id = r.id;
  d.legal_name = p.legal_name;
  d.legal_name_latin = p.legal_name_latin;
  d.trading_names = p.trading_names;
  // The profile has no description of what the company offers yet; its codes say it.
  d.codes = p.unspsc_codes;
  d.country = p.address.country;
  d.countries_of_operation = p.countries_of_operation;
  if (p.party_scale) d.size = std::string(suppliers::PartyScaleName(*p.party_scale));
  d.sme = p.sme;
  d.women_owned = p.women_owned.declared;
  d.disability_inclusive = p.disability_inclusive;
  for (const suppliers::Certificate& c : p.certificates) d.certificates.push_back(c.type);
  d.readiness_level = static_cast<int>(stored.level);
  d.review_state = std::string(suppliers::ReviewStateName(r.state));
  return d;
}

Result<suppliers::DirectoryPage> IndexedSupplierDirectory::Search(
    const suppliers::DirectoryQuery& q) {
  if (q.limit < 1 || q.limit > 100)
    return Status::InvalidArgument("limit must be 1..100").WithField("limit");
  if (bring_up_to_date_) {
    if (Status current = bring_up_to_date_(); !current.ok()) {
      return Status::Unavailable("the supplier index is not up to date: " + current.message());
    }
  }
  search::SupplierQuery query;
  query.text = q.text;
  query.language = q.language;
  if (q.code) query.codes = {*q.code};
  if (!q.country.empty()) query.countries = {q.country};
  if (q.size) query.sizes = {std::string(suppliers::PartyScaleName(*q.size))};
  query.women_owned = q.women_owned;
  if (!q.certificate.empty()) query.certificates = {q.certificate};
  if (q.level) query.min_readiness_level = static_cast<int>(*q.level);
  query.after = q.after;
  query.page_size = q.limit;
  TB_ASSIGN_OR_RETURN(search::SupplierSearchResponse found, index_.Search(query));

  suppliers::DirectoryPage page;
  for (const search::SupplierDocument& s : found.hits) {
    suppliers::DirectoryEntry e;
    e.id = s.id;
    e.legal_name = s.legal_name;
    e.legal_name_latin = s.legal_name_latin;
    e.country = s.country;
    e.party_scale = suppliers::ParsePartyScale(s.size);
    e.women_owned = s.women_owned;
    e.level = static_cast<suppliers::UngmLevel>(s.readiness_level);
    e.state = suppliers::ParseReviewState(s.review_state).value_or(suppliers::ReviewState::kDraft);
    page.entries.push_back(std::move(e));
  }
  page.total = found.total;
  page.next = found.next;
  page.facets["country"] = ToCounts(found.facets.country);
  page.facets["size"] = ToCounts(found.facets.size);
  page.facets["women_owned"] = ToCounts(found.facets.women_owned);
  page.facets["certificate"] = ToCounts(found.facets.certificate);
  Counts& levels = page.facets["level"];
  for (const search::FacetValue& f : found.facets.level) {
    int rank = 0;
    std::from_chars(f.value.data(), f.value.data() + f.value.size(), rank);
    levels[std::string(suppliers::UngmLevelName(static_cast<suppliers::UngmLevel>(rank)))] =
        f.count;
  }
  return page;
}

}  // namespace tb::app
