#pragma once

#include <string_view>
#include <vector>

#include "notices/notice.h"
#include "tenders/tender.h"
#include "tenders/tender_store.h"

namespace tb::tenders {

// The public notice of a published tender (docs/tendering.md, "Notice"): public id = ocid,
// source "tenderbridge", source_url = `<base>/tenders/<ocid>` (the tender page), the items'
// UNSPSC codes, lots, documents and amendments, so that search finds it like an imported
// notice. Normalised (notices::Normalize).
notices::Notice NoticeFromTender(const Tender& tender, const std::vector<Amendment>& amendments,
                                 std::string_view public_base_url);

// The fields of a new tender taken from an existing notice ("create from a notice"): title,
// description and language, reference, method from the notice type (RFQ, ITB, RFP; else
// RFQ), main category, countries, lots, estimated value and currency, one item per UNSPSC
// code (quantity 1, unit "lot"), document links. The source_notice is the notice's id.
Tender TenderFromNotice(const notices::Notice& notice);

}  // namespace tb::tenders
