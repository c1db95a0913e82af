#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "suppliers/profile.h"

namespace tb::suppliers {

// The JSON form of a profile (docs/suppliers.md lists every field). One mapping for the API,
// the stored document and the export, so the three cannot drift apart.

// The writable fields of `profile`, every field present (defaults included), in a stable
// order.
nlohmann::json ProfileToJson(const Profile& profile);

// The whole record as GET /suppliers/{id}/profile answers: the profile's fields plus the
// server-owned ones (id, state, review_comment, ungm_number, code_of_conduct_accepted_at,
// created_at, updated_at, version). `code_titles` (code -> title in the reader's language)
// adds "unspsc_code_titles" when not empty.
nlohmann::json RecordToJson(const SupplierRecord& record,
                            const std::map<std::string, std::string>& code_titles = {});

// Reads a whole profile document strictly (AS-20): an unknown field is InvalidArgument with
// the message "unknown field" and the field's JSON pointer; a server-owned field is
// InvalidArgument "... is set by the server" with its name; a value of the wrong type is
// InvalidArgument naming the field. Content rules are ValidateProfile's job.
Result<Profile> ProfileFromJson(const nlohmann::json& document);

// What a PATCH carries besides profile fields: `code_of_conduct_accepted: true` records the
// acceptance (the server stamps the time), false withdraws it.
struct ProfilePatch {
  Profile profile;                               // the current profile with the patch applied
  std::optional<bool> code_of_conduct_accepted;  // present when the patch said so
  std::vector<std::string> changed_fields;       // top-level names the patch touched, sorted
};

// Applies a JSON merge patch (RFC 7396: a present field replaces, null resets it to empty,
// objects merge member by member, arrays are replaced whole) to `current`, then reads the
// result strictly as ProfileFromJson does. InvalidArgument when `patch` is not an object.
Result<ProfilePatch> ApplyProfilePatch(const Profile& current, const nlohmann::json& patch);

// True for a Status that ProfileFromJson or ApplyProfilePatch return for an unknown or
// server-owned field, which http/ answers as 400 "unknown_field" rather than 422.
bool IsUnknownFieldError(const Status& status);

// "2025-06-30" for a date stored as midnight UTC.
std::string DateText(Timestamp t);
// Reads "2025-06-30" (or an RFC 3339 time). InvalidArgument naming `field` otherwise.
Result<Timestamp> ParseDate(std::string_view text, std::string_view field);

}  // namespace tb::suppliers
