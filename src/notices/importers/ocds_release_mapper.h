#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

#include "core/result.h"
#include "notices/notice.h"

namespace tb::notices::importers {

// Maps one OCDS 1.0 or 1.1 release (or compiled release) to a Notice (docs/importers.md has
// the field table). public_id is the ocid; `updated` is the release date, so that releases
// of one process merge in date order. InvalidArgument with field() = the JSON pointer of
// the offending value inside the release ("/ocid", "/tender/value/amount",
// "/tender/tenderPeriod/endDate").
Result<Notice> MapOcdsRelease(simdjson::dom::element release);

// True for a "linked release" of a record ({"url", "date", "tag"} with no content).
bool IsLinkedRelease(simdjson::dom::element release);

// The NoticeType an OCDS procurementMethodDetails / procurementMethod / title suggests.
NoticeType OcdsNoticeType(std::string_view method_details, std::string_view method,
                          std::string_view title);

}  // namespace tb::notices::importers
