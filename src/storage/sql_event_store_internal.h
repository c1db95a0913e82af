#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "events/participant.h"
#include "storage/database.h"

namespace tb::storage::event_sql {

// Shared by sql_event_store.cc and sql_event_store_runs.cc.
Result<nlohmann::json> ParseDoc(const std::string& text, std::string_view what);
// Rows of `SELECT id, doc ...`.
Result<events::Participant> ReadParticipant(const Statement& s);
Result<events::MeetingRequest> ReadRequest(const Statement& s);
// Assign the id; AlreadyExists (with a message for the user) on the partial unique indexes.
Status InsertParticipant(Transaction& tx, events::Participant& participant);
Status InsertRequest(Transaction& tx, events::MeetingRequest& request);

}  // namespace tb::storage::event_sql
