#include "suppliers/profile_json.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <set>
#include <utility>

namespace tb::suppliers {
namespace {

using nlohmann::json;
using ordered = nlohmann::ordered_json;

constexpr std::string_view kUnknownField = "unknown field";
constexpr std::string_view kServerOwned = "is set by the server";

// Fields the server alone sets: a PATCH naming one is refused (AS-20, no mass assignment).
constexpr std::array<std::string_view, 11> kServerOwnedFields = {"id",
                                                                 "organisation_id",
                                                                 "state",
                                                                 "status",
                                                                 "review_comment",
                                                                 "ungm_number",
                                                                 "code_of_conduct_accepted_at",
                                                                 "created_at",
                                                                 "updated_at",
                                                                 "version",
                                                                 "unspsc_code_titles"};

Status UnknownField(const std::string& path) {
  return Status::InvalidArgument(std::string(kUnknownField)).WithField(path);
}

Status WrongType(const std::string& path, std::string_view what) {
  return Status::InvalidArgument(path + " must be " + std::string(what)).WithField(path);
}

// Refuses members of `obj` that are not in `known`.
Status OnlyKnown(const json& obj, const std::string& path,
                 std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : obj.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return UnknownField(path + "/" + key);
    }
  }
  return Status::Ok();
}

Status ReadString(const json& obj, std::string_view key, const std::string& path,
                  std::string& out) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_string()) return WrongType(path + "/" + std::string(key), "a string");
  out = it->get<std::string>();
  return Status::Ok();
}

Status ReadBool(const json& obj, std::string_view key, const std::string& path, bool& out) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_boolean()) return WrongType(path + "/" + std::string(key), "true or false");
  out = it->get<bool>();
  return Status::Ok();
}

Status ReadInt(const json& obj, std::string_view key, const std::string& path, int& out) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_number_integer() || it->get<std::int64_t>() < -1'000'000 ||
      it->get<std::int64_t>() > 1'000'000) {
    return WrongType(path + "/" + std::string(key), "a whole number");
  }
  out = it->get<int>();
  return Status::Ok();
}

// Reads an array member, calling `each(element, element_path)` for every element.
template <typename Fn>
Status ReadArray(const json& obj, std::string_view key, const std::string& path, Fn each) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  const std::string at = path + "/" + std::string(key);
  if (!it->is_array()) return WrongType(at, "a list");
  for (std::size_t i = 0; i < it->size(); ++i) {
    TB_RETURN_IF_ERROR(each((*it)[i], at + "/" + std::to_string(i)));
  }
  return Status::Ok();
}

Status ExpectObject(const json& value, const std::string& path) {
  return value.is_object() ? Status::Ok() : WrongType(path.empty() ? "/" : path, "an object");
}

const json* Member(const json& obj, std::string_view key) {
  const auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

Result<CompanyNumber> ReadNumber(const json& v, const std::string& path) {
  TB_RETURN_IF_ERROR(ExpectObject(v, path));
  TB_RETURN_IF_ERROR(OnlyKnown(v, path, {"country", "number"}));
  CompanyNumber n;
  TB_RETURN_IF_ERROR(ReadString(v, "country", path, n.country));
  TB_RETURN_IF_ERROR(ReadString(v, "number", path, n.number));
  return n;
}

Status ReadNumbers(const json& obj, std::string_view key, std::vector<CompanyNumber>& out) {
  return ReadArray(obj, key, "", [&](const json& v, const std::string& at) -> Status {
    TB_ASSIGN_OR_RETURN(CompanyNumber n, ReadNumber(v, at));
    out.push_back(std::move(n));
    return Status::Ok();
  });
}

Status ReadStrings(const json& obj, std::string_view key, const std::string& path,
                   std::vector<std::string>& out) {
  return ReadArray(obj, key, path, [&](const json& v, const std::string& at) -> Status {
    if (!v.is_string()) return WrongType(at, "a string");
    out.push_back(v.get<std::string>());
    return Status::Ok();
  });
}

Status ReadDate(const json& obj, std::string_view key, const std::string& path,
                std::optional<Timestamp>& out) {
  std::string text;
  TB_RETURN_IF_ERROR(ReadString(obj, key, path, text));
  if (text.empty()) return Status::Ok();
  TB_ASSIGN_OR_RETURN(out, ParseDate(text, path + "/" + std::string(key)));
  return Status::Ok();
}

Status ReadAddress(const json& v, Address& a) {
  TB_RETURN_IF_ERROR(ExpectObject(v, "/address"));
  TB_RETURN_IF_ERROR(
      OnlyKnown(v, "/address", {"street", "city", "postal_code", "region", "country"}));
  TB_RETURN_IF_ERROR(ReadString(v, "street", "/address", a.street));
  TB_RETURN_IF_ERROR(ReadString(v, "city", "/address", a.city));
  TB_RETURN_IF_ERROR(ReadString(v, "postal_code", "/address", a.postal_code));
  TB_RETURN_IF_ERROR(ReadString(v, "region", "/address", a.region));
  return ReadString(v, "country", "/address", a.country);
}

Status ReadSustainability(const json& v, Sustainability& s) {
  const std::string path = "/sustainability";
  TB_RETURN_IF_ERROR(ExpectObject(v, path));
  TB_RETURN_IF_ERROR(OnlyKnown(
      v, path,
      {"un_global_compact_participant", "un_global_compact_id", "hlcm_indicators", "emissions"}));
  TB_RETURN_IF_ERROR(
      ReadBool(v, "un_global_compact_participant", path, s.un_global_compact_participant));
  TB_RETURN_IF_ERROR(ReadString(v, "un_global_compact_id", path, s.un_global_compact_id));
  TB_RETURN_IF_ERROR(ReadStrings(v, "hlcm_indicators", path, s.hlcm_indicators));
  if (const json* e = Member(v, "emissions")) {
    const std::string at = path + "/emissions";
    TB_RETURN_IF_ERROR(ExpectObject(*e, at));
    TB_RETURN_IF_ERROR(OnlyKnown(*e, at, {"discloses", "reporting_year", "scopes", "report_url"}));
    TB_RETURN_IF_ERROR(ReadBool(*e, "discloses", at, s.emissions.discloses));
    TB_RETURN_IF_ERROR(ReadInt(*e, "reporting_year", at, s.emissions.reporting_year));
    TB_RETURN_IF_ERROR(ReadString(*e, "scopes", at, s.emissions.scopes));
    TB_RETURN_IF_ERROR(ReadString(*e, "report_url", at, s.emissions.report_url));
  }
  return Status::Ok();
}

Status ReadLists(const json& doc, Profile& p) {
  TB_RETURN_IF_ERROR(
      ReadArray(doc, "contacts", "", [&](const json& v, const std::string& at) -> Status {
        TB_RETURN_IF_ERROR(ExpectObject(v, at));
        TB_RETURN_IF_ERROR(OnlyKnown(v, at, {"name", "position", "email", "phone"}));
        Contact c;
        TB_RETURN_IF_ERROR(ReadString(v, "name", at, c.name));
        TB_RETURN_IF_ERROR(ReadString(v, "position", at, c.position));
        TB_RETURN_IF_ERROR(ReadString(v, "email", at, c.email));
        TB_RETURN_IF_ERROR(ReadString(v, "phone", at, c.phone));
        p.contacts.push_back(std::move(c));
        return Status::Ok();
      }));
  TB_RETURN_IF_ERROR(
      ReadArray(doc, "unspsc_codes", "", [&](const json& v, const std::string& at) -> Status {
        if (!v.is_string()) return WrongType(at, "a UNSPSC code such as \"43211500\"");
        Result<UnspscCode> code = UnspscCode::Parse(v.get<std::string>());
        if (!code.ok())
          return Status::InvalidArgument(at + ": " + code.status().message()).WithField(at);
        p.unspsc_codes.push_back(*code);
        return Status::Ok();
      }));
  TB_RETURN_IF_ERROR(
      ReadArray(doc, "certificates", "", [&](const json& v, const std::string& at) -> Status {
        TB_RETURN_IF_ERROR(ExpectObject(v, at));
        TB_RETURN_IF_ERROR(OnlyKnown(v, at, {"type", "name", "number", "issuer", "valid_until"}));
        Certificate c;
        TB_RETURN_IF_ERROR(ReadString(v, "type", at, c.type));
        TB_RETURN_IF_ERROR(ReadString(v, "name", at, c.name));
        TB_RETURN_IF_ERROR(ReadString(v, "number", at, c.number));
        TB_RETURN_IF_ERROR(ReadString(v, "issuer", at, c.issuer));
        TB_RETURN_IF_ERROR(ReadDate(v, "valid_until", at, c.valid_until));
        p.certificates.push_back(std::move(c));
        return Status::Ok();
      }));
  TB_RETURN_IF_ERROR(
      ReadArray(doc, "references", "", [&](const json& v, const std::string& at) -> Status {
        TB_RETURN_IF_ERROR(ExpectObject(v, at));
        TB_RETURN_IF_ERROR(OnlyKnown(
            v, at,
            {"client_name", "contact_name", "contact_email", "description", "year", "country"}));
        Reference r;
        TB_RETURN_IF_ERROR(ReadString(v, "client_name", at, r.client_name));
        TB_RETURN_IF_ERROR(ReadString(v, "contact_name", at, r.contact_name));
        TB_RETURN_IF_ERROR(ReadString(v, "contact_email", at, r.contact_email));
        TB_RETURN_IF_ERROR(ReadString(v, "description", at, r.description));
        TB_RETURN_IF_ERROR(ReadInt(v, "year", at, r.year));
        TB_RETURN_IF_ERROR(ReadString(v, "country", at, r.country));
        p.references.push_back(std::move(r));
        return Status::Ok();
      }));
  return ReadArray(doc, "owners", "", [&](const json& v, const std::string& at) -> Status {
    TB_RETURN_IF_ERROR(ExpectObject(v, at));
    TB_RETURN_IF_ERROR(OnlyKnown(v, at, {"name", "share_percent", "country"}));
    Owner o;
    TB_RETURN_IF_ERROR(ReadString(v, "name", at, o.name));
    TB_RETURN_IF_ERROR(ReadInt(v, "share_percent", at, o.share_percent));
    TB_RETURN_IF_ERROR(ReadString(v, "country", at, o.country));
    p.owners.push_back(std::move(o));
    return Status::Ok();
  });
}

json NumbersToJson(const std::vector<CompanyNumber>& list) {
  json out = json::array();
  for (const CompanyNumber& n : list) out.push_back({{"country", n.country}, {"number", n.number}});
  return out;
}

Status RefuseServerOwned(const json& doc) {
  for (std::string_view key : kServerOwnedFields) {
    if (doc.contains(key)) {
      return Status::InvalidArgument(std::string(key) + " " + std::string(kServerOwned))
          .WithField("/" + std::string(key));
    }
  }
  return Status::Ok();
}

void MergePatch(json& target, const json& patch) {
  for (const auto& [key, value] : patch.items()) {
    if (value.is_null()) {
      target.erase(key);
    } else if (value.is_object() && target.contains(key) && target[key].is_object()) {
      MergePatch(target[key], value);
    } else {
      target[key] = value;
    }
  }
}

}  // namespace

std::string DateText(Timestamp t) { return t.ToRfc3339().substr(0, 10); }

Result<Timestamp> ParseDate(std::string_view text, std::string_view field) {
  Result<Timestamp> t = Timestamp::FromRfc3339(text);
  if (!t.ok()) {
    return Status::InvalidArgument(std::string(field) + " must be a date such as 2025-06-30")
        .WithField(std::string(field));
  }
  return t;
}

json ProfileToJson(const Profile& p) {
  json doc = json::object();
  doc["legal_name"] = p.legal_name;
  doc["legal_name_latin"] = p.legal_name_latin;
  doc["trading_names"] = p.trading_names;
  doc["registration_numbers"] = NumbersToJson(p.registration_numbers);
  doc["tax_numbers"] = NumbersToJson(p.tax_numbers);
  doc["year_established"] = p.year_established ? json(*p.year_established) : json(nullptr);
  doc["address"] = {{"street", p.address.street},
                    {"city", p.address.city},
                    {"postal_code", p.address.postal_code},
                    {"region", p.address.region},
                    {"country", p.address.country}};
  doc["countries_of_operation"] = p.countries_of_operation;
  json contacts = json::array();
  for (const Contact& c : p.contacts) {
    contacts.push_back(
        {{"name", c.name}, {"position", c.position}, {"email", c.email}, {"phone", c.phone}});
  }
  doc["contacts"] = std::move(contacts);
  doc["website"] = p.website;
  json codes = json::array();
  for (const UnspscCode& code : p.unspsc_codes) codes.push_back(code.ToString());
  doc["unspsc_codes"] = std::move(codes);
  doc["party_scale"] = p.party_scale ? json(PartyScaleName(*p.party_scale)) : json(nullptr);
  doc["sme"] = p.sme ? json(*p.sme) : json(nullptr);
  doc["women_owned"] = {{"declared", p.women_owned.declared},
                        {"ownership_percent", p.women_owned.ownership_percent},
                        {"controlled", p.women_owned.controlled}};
  doc["disability_inclusive"] = p.disability_inclusive;
  json certs = json::array();
  for (const Certificate& c : p.certificates) {
    certs.push_back(
        {{"type", c.type},
         {"name", c.name},
         {"number", c.number},
         {"issuer", c.issuer},
         {"valid_until", c.valid_until ? json(DateText(*c.valid_until)) : json(nullptr)}});
  }
  doc["certificates"] = std::move(certs);
  const Sustainability& s = p.sustainability;
  doc["sustainability"] = {{"un_global_compact_participant", s.un_global_compact_participant},
                           {"un_global_compact_id", s.un_global_compact_id},
                           {"hlcm_indicators", s.hlcm_indicators},
                           {"emissions",
                            {{"discloses", s.emissions.discloses},
                             {"reporting_year", s.emissions.reporting_year},
                             {"scopes", s.emissions.scopes},
                             {"report_url", s.emissions.report_url}}}};
  json refs = json::array();
  for (const Reference& r : p.references) {
    refs.push_back({{"client_name", r.client_name},
                    {"contact_name", r.contact_name},
                    {"contact_email", r.contact_email},
                    {"description", r.description},
                    {"year", r.year},
                    {"country", r.country}});
  }
  doc["references"] = std::move(refs);
  json owners = json::array();
  for (const Owner& o : p.owners) {
    owners.push_back(
        {{"name", o.name}, {"share_percent", o.share_percent}, {"country", o.country}});
  }
  doc["owners"] = std::move(owners);
  return doc;
}

json RecordToJson(const SupplierRecord& r, const std::map<std::string, std::string>& code_titles) {
  json doc = ProfileToJson(r.profile);
  doc["id"] = r.id.value;
  doc["state"] = ReviewStateName(r.state);
  doc["review_comment"] = r.review_comment;
  doc["ungm_number"] = r.ungm_number;
  doc["code_of_conduct_accepted_at"] = r.code_of_conduct_accepted_at
                                           ? json(r.code_of_conduct_accepted_at->ToRfc3339())
                                           : json(nullptr);
  doc["created_at"] = r.created_at.ToRfc3339();
  doc["updated_at"] = r.updated_at.ToRfc3339();
  doc["version"] = r.version;
  if (!code_titles.empty()) doc["unspsc_code_titles"] = code_titles;
  return doc;
}

Result<Profile> ProfileFromJson(const json& doc) {
  TB_RETURN_IF_ERROR(ExpectObject(doc, ""));
  TB_RETURN_IF_ERROR(RefuseServerOwned(doc));
  TB_RETURN_IF_ERROR(OnlyKnown(
      doc, "",
      {"legal_name", "legal_name_latin", "trading_names", "registration_numbers", "tax_numbers",
       "year_established", "address", "countries_of_operation", "contacts", "website",
       "unspsc_codes", "party_scale", "sme", "women_owned", "disability_inclusive", "certificates",
       "sustainability", "references", "owners"}));
  Profile p;
  TB_RETURN_IF_ERROR(ReadString(doc, "legal_name", "", p.legal_name));
  TB_RETURN_IF_ERROR(ReadString(doc, "legal_name_latin", "", p.legal_name_latin));
  TB_RETURN_IF_ERROR(ReadStrings(doc, "trading_names", "", p.trading_names));
  TB_RETURN_IF_ERROR(ReadNumbers(doc, "registration_numbers", p.registration_numbers));
  TB_RETURN_IF_ERROR(ReadNumbers(doc, "tax_numbers", p.tax_numbers));
  if (Member(doc, "year_established")) {
    int year = 0;
    TB_RETURN_IF_ERROR(ReadInt(doc, "year_established", "", year));
    p.year_established = year;
  }
  if (const json* a = Member(doc, "address")) TB_RETURN_IF_ERROR(ReadAddress(*a, p.address));
  TB_RETURN_IF_ERROR(ReadStrings(doc, "countries_of_operation", "", p.countries_of_operation));
  TB_RETURN_IF_ERROR(ReadString(doc, "website", "", p.website));
  if (Member(doc, "party_scale")) {
    std::string name;
    TB_RETURN_IF_ERROR(ReadString(doc, "party_scale", "", name));
    p.party_scale = ParsePartyScale(name);
    if (!p.party_scale) return WrongType("/party_scale", "one of micro, small, medium, large");
  }
  if (Member(doc, "sme")) {
    bool sme = false;
    TB_RETURN_IF_ERROR(ReadBool(doc, "sme", "", sme));
    p.sme = sme;
  }
  if (const json* w = Member(doc, "women_owned")) {
    TB_RETURN_IF_ERROR(ExpectObject(*w, "/women_owned"));
    TB_RETURN_IF_ERROR(
        OnlyKnown(*w, "/women_owned", {"declared", "ownership_percent", "controlled"}));
    TB_RETURN_IF_ERROR(ReadBool(*w, "declared", "/women_owned", p.women_owned.declared));
    TB_RETURN_IF_ERROR(
        ReadInt(*w, "ownership_percent", "/women_owned", p.women_owned.ownership_percent));
    TB_RETURN_IF_ERROR(ReadBool(*w, "controlled", "/women_owned", p.women_owned.controlled));
  }
  TB_RETURN_IF_ERROR(ReadBool(doc, "disability_inclusive", "", p.disability_inclusive));
  if (const json* s = Member(doc, "sustainability")) {
    TB_RETURN_IF_ERROR(ReadSustainability(*s, p.sustainability));
  }
  TB_RETURN_IF_ERROR(ReadLists(doc, p));
  return p;
}

Result<ProfilePatch> ApplyProfilePatch(const Profile& current, const json& patch) {
  if (!patch.is_object()) {
    return Status::InvalidArgument("the body must be a JSON object").WithField("/");
  }
  TB_RETURN_IF_ERROR(RefuseServerOwned(patch));
  ProfilePatch out;
  json fields = patch;
  if (const auto it = fields.find("code_of_conduct_accepted"); it != fields.end()) {
    if (!it->is_boolean()) return WrongType("/code_of_conduct_accepted", "true or false");
    out.code_of_conduct_accepted = it->get<bool>();
    fields.erase(it);
  }
  json merged = ProfileToJson(current);
  MergePatch(merged, fields);
  TB_ASSIGN_OR_RETURN(out.profile, ProfileFromJson(merged));
  for (const auto& [key, value] : patch.items()) out.changed_fields.push_back(key);
  std::sort(out.changed_fields.begin(), out.changed_fields.end());
  return out;
}

bool IsUnknownFieldError(const Status& status) {
  return status.code() == StatusCode::kInvalidArgument &&
         (status.message() == kUnknownField ||
          std::string_view(status.message()).ends_with(kServerOwned));
}

}  // namespace tb::suppliers
