#include "notices/notice_json.h"

#include <nlohmann/json.hpp>

namespace tb::notices {
namespace {

using nlohmann::json;

json MoneyJson(const Money& m) { return {{"amount", m.ToDecimal()}, {"currency", m.currency}}; }

void PutIfNotEmpty(json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

// Reads JSON written by to_json. Each accessor records the pointer of the first bad field.
class Reader {
 public:
  explicit Reader(const json& root) : root_(root) {}

  std::string String(const json& obj, const char* key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    if (!it->is_string()) {
      Fail(path + "/" + key, "must be a string");
      return {};
    }
    return it->get<std::string>();
  }

  std::optional<Timestamp> Time(const json& obj, const char* key, const std::string& path) {
    const std::string text = String(obj, key, path);
    if (text.empty()) return std::nullopt;
    Result<Timestamp> t = Timestamp::FromRfc3339(text);
    if (!t.ok()) {
      Fail(path + "/" + key, t.status().message());
      return std::nullopt;
    }
    return *t;
  }

  std::optional<Money> MoneyAt(const json& obj, const char* key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    if (!it->is_object()) {
      Fail(path + "/" + key, "must be an object with amount and currency");
      return std::nullopt;
    }
    const std::string p = path + "/" + key;
    Result<Money> m = Money::FromDecimal(String(*it, "amount", p), String(*it, "currency", p));
    if (!m.ok()) {
      Fail(p + "/" + m.status().field(), m.status().message());
      return std::nullopt;
    }
    return *m;
  }

  const json* Array(const json& obj, const char* key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    if (!it->is_array()) {
      Fail(path + "/" + key, "must be an array");
      return nullptr;
    }
    return &*it;
  }

  void Fail(std::string pointer, std::string message) {
    if (status_.ok()) status_ = Status::InvalidArgument(std::move(message)).WithField(std::move(pointer));
  }
  const Status& status() const { return status_; }
  const json& root() const { return root_; }

 private:
  const json& root_;
  Status status_;
};

}  // namespace

void to_json(json& out, const Notice& n) {
  out = json::object();
  if (n.id.valid()) out["id"] = n.id.value;
  out["public_id"] = n.public_id;
  PutIfNotEmpty(out, "reference", n.reference);
  out["title"] = n.title.text;
  PutIfNotEmpty(out, "title_language", n.title.language.code());
  PutIfNotEmpty(out, "description", n.description.text);
  PutIfNotEmpty(out, "description_language", n.description.language.code());
  out["buyer"] = n.buyer;
  PutIfNotEmpty(out, "buyer_id", n.buyer_id);
  out["type"] = NoticeTypeName(n.type);
  out["status"] = NoticeStatusName(n.status);
  PutIfNotEmpty(out, "procurement_method", n.procurement_method);
  PutIfNotEmpty(out, "main_category", n.main_category);
  if (n.published) out["published"] = n.published->ToRfc3339();
  if (n.deadline) out["deadline"] = n.deadline->ToRfc3339();
  PutIfNotEmpty(out, "deadline_time_zone", n.deadline_time_zone);
  out["countries"] = n.countries;
  json codes = json::array();
  for (const UnspscCode& c : n.unspsc) codes.push_back(c.ToString());
  out["unspsc"] = std::move(codes);
  json lots = json::array();
  for (const Lot& lot : n.lots) {
    json l = {{"id", lot.id}, {"title", lot.title}};
    PutIfNotEmpty(l, "description", lot.description);
    PutIfNotEmpty(l, "status", lot.status);
    if (lot.value) l["value"] = MoneyJson(*lot.value);
    lots.push_back(std::move(l));
  }
  out["lots"] = std::move(lots);
  if (n.estimated_value) out["estimated_value"] = MoneyJson(*n.estimated_value);
  json docs = json::array();
  for (const Document& d : n.documents) {
    json j = {{"url", d.url}};
    PutIfNotEmpty(j, "id", d.id);
    PutIfNotEmpty(j, "title", d.title);
    PutIfNotEmpty(j, "document_type", d.document_type);
    PutIfNotEmpty(j, "format", d.format);
    PutIfNotEmpty(j, "language", d.language.code());
    if (d.published) j["published"] = d.published->ToRfc3339();
    docs.push_back(std::move(j));
  }
  out["documents"] = std::move(docs);
  json contact = json::object();
  PutIfNotEmpty(contact, "name", n.contact.name);
  PutIfNotEmpty(contact, "email", n.contact.email);
  PutIfNotEmpty(contact, "telephone", n.contact.telephone);
  PutIfNotEmpty(contact, "url", n.contact.url);
  PutIfNotEmpty(contact, "address", n.contact.address);
  if (!contact.empty()) out["contact"] = std::move(contact);
  out["source"] = n.source;
  PutIfNotEmpty(out, "source_url", n.source_url);
  json amendments = json::array();
  for (const Amendment& a : n.amendments) {
    json j = {{"id", a.id}};
    if (a.date) j["date"] = a.date->ToRfc3339();
    PutIfNotEmpty(j, "rationale", a.rationale);
    PutIfNotEmpty(j, "description", a.description);
    amendments.push_back(std::move(j));
  }
  out["amendments"] = std::move(amendments);
  if (n.updated) out["updated"] = n.updated->ToRfc3339();
}

Result<Notice> NoticeFromJson(const json& in) {
  if (!in.is_object()) return Status::InvalidArgument("a notice must be a JSON object").WithField("");
  Reader r(in);
  Notice n;
  if (auto it = in.find("id"); it != in.end() && it->is_number_integer()) {
    n.id = NoticeId{it->get<std::int64_t>()};
  }
  n.public_id = r.String(in, "public_id", "");
  n.reference = r.String(in, "reference", "");
  n.title = {r.String(in, "title", ""), Language::FromTag(r.String(in, "title_language", ""))};
  n.description = {r.String(in, "description", ""),
                   Language::FromTag(r.String(in, "description_language", ""))};
  n.buyer = r.String(in, "buyer", "");
  n.buyer_id = r.String(in, "buyer_id", "");
  if (const std::string t = r.String(in, "type", ""); !t.empty()) {
    if (auto type = NoticeTypeFromName(t)) {
      n.type = *type;
    } else {
      r.Fail("/type", "unknown notice type '" + t + "'");
    }
  }
  if (const std::string s = r.String(in, "status", ""); !s.empty()) {
    if (auto status = NoticeStatusFromName(s)) {
      n.status = *status;
    } else {
      r.Fail("/status", "unknown notice status '" + s + "'");
    }
  }
  n.procurement_method = r.String(in, "procurement_method", "");
  n.main_category = r.String(in, "main_category", "");
  n.published = r.Time(in, "published", "");
  n.deadline = r.Time(in, "deadline", "");
  n.deadline_time_zone = r.String(in, "deadline_time_zone", "");
  if (const json* countries = r.Array(in, "countries", "")) {
    for (std::size_t i = 0; i < countries->size(); ++i) {
      if (!(*countries)[i].is_string()) {
        r.Fail("/countries/" + std::to_string(i), "must be a string");
        continue;
      }
      n.countries.push_back((*countries)[i].get<std::string>());
    }
  }
  if (const json* codes = r.Array(in, "unspsc", "")) {
    for (std::size_t i = 0; i < codes->size(); ++i) {
      const std::string text = (*codes)[i].is_string() ? (*codes)[i].get<std::string>() : "";
      Result<UnspscCode> code = UnspscCode::Parse(text);
      if (!code.ok()) {
        r.Fail("/unspsc/" + std::to_string(i), code.status().message());
        continue;
      }
      n.unspsc.push_back(*code);
    }
  }
  if (const json* lots = r.Array(in, "lots", "")) {
    for (std::size_t i = 0; i < lots->size(); ++i) {
      const json& l = (*lots)[i];
      const std::string p = "/lots/" + std::to_string(i);
      if (!l.is_object()) {
        r.Fail(p, "must be an object");
        continue;
      }
      n.lots.push_back({r.String(l, "id", p), r.String(l, "title", p),
                        r.String(l, "description", p), r.MoneyAt(l, "value", p),
                        r.String(l, "status", p)});
    }
  }
  n.estimated_value = r.MoneyAt(in, "estimated_value", "");
  if (const json* docs = r.Array(in, "documents", "")) {
    for (std::size_t i = 0; i < docs->size(); ++i) {
      const json& d = (*docs)[i];
      const std::string p = "/documents/" + std::to_string(i);
      if (!d.is_object()) {
        r.Fail(p, "must be an object");
        continue;
      }
      n.documents.push_back({r.String(d, "id", p), r.String(d, "title", p), r.String(d, "url", p),
                             r.String(d, "document_type", p), r.String(d, "format", p),
                             Language::FromTag(r.String(d, "language", p)),
                             r.Time(d, "published", p)});
    }
  }
  if (auto it = in.find("contact"); it != in.end() && it->is_object()) {
    n.contact = {r.String(*it, "name", "/contact"), r.String(*it, "email", "/contact"),
                 r.String(*it, "telephone", "/contact"), r.String(*it, "url", "/contact"),
                 r.String(*it, "address", "/contact")};
  }
  n.source = r.String(in, "source", "");
  n.source_url = r.String(in, "source_url", "");
  if (const json* amendments = r.Array(in, "amendments", "")) {
    for (std::size_t i = 0; i < amendments->size(); ++i) {
      const json& a = (*amendments)[i];
      const std::string p = "/amendments/" + std::to_string(i);
      if (!a.is_object()) {
        r.Fail(p, "must be an object");
        continue;
      }
      n.amendments.push_back({r.String(a, "id", p), r.Time(a, "date", p),
                              r.String(a, "rationale", p), r.String(a, "description", p)});
    }
  }
  n.updated = r.Time(in, "updated", "");
  if (!r.status().ok()) return r.status();
  return n;
}

std::string NoticeToJsonString(const Notice& notice) {
  json j = notice;
  return j.dump();
}

Result<Notice> NoticeFromJsonString(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("not valid JSON");
  return NoticeFromJson(j);
}

}  // namespace tb::notices
