#pragma once

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "tenders/tender.h"

// The JSON form of a tender (docs/tendering.md, "API"): the fields an officer edits, the same
// in a POST body, after a PATCH's merge patch is applied, and in the stored document; and the
// read form with the server's fields.
namespace tb::tenders {

// The editable fields: reference, title, description, language, method, main_category,
// countries, lots, items, documents, deadline (local wall-clock text, when set), time_zone,
// envelope_mode, evaluation, eligibility, bid_security, currency, estimated_value,
// source_notice. Amounts are decimal strings in the tender's currency ("150000.00").
nlohmann::json EditableJson(const Tender& tender, bool include_deadline = true);

// Replaces every editable field of `tender` with `body`'s (an absent field takes its default),
// then runs ValidateDraft. `deadline` is a local time ("2026-12-01T17:00") in `time_zone`
// (ET-13 refusals with field "deadline"), or an RFC 3339 instant with an offset. A field
// that is not editable is InvalidArgument with an "unknown field" message (IsUnknownField),
// a wrong type InvalidArgument naming it.
Status ApplyEditableJson(const nlohmann::json& body, Tender& tender);

// True for the "unknown field" refusals of ApplyEditableJson (http/ answers 400).
bool IsUnknownField(const Status& status);

// The read form: EditableJson plus ocid, state, buyer {id, name}, deadline as UTC
// ("deadline") and local ("deadline_local"), published_at, created_at, updated_at,
// version, amendment_count, reconfirm_required(_after), cancellation_reason,
// opening_threshold.
nlohmann::json TenderJson(const Tender& tender);

// One line of a list: ocid, title, state, buyer, method, deadline, time_zone, currency,
// published_at.
nlohmann::json TenderSummaryJson(const Tender& tender);

}  // namespace tb::tenders
