#include "tenders/tender_json.h"

#include <algorithm>
#include <set>

#include "core/text.h"
#include "core/unspsc.h"

namespace tb::tenders {
namespace {

using nlohmann::json;

constexpr std::string_view kUnknownField = "unknown field";

Status Bad(std::string message, std::string field) {
  return Status::InvalidArgument(std::move(message)).WithField(std::move(field));
}

std::string Join(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : std::string(parent) + "/" + std::string(key);
}

// Refuses keys of `object` that are not in `known`.
Status OnlyKnown(const json& object, std::initializer_list<std::string_view> known,
                 std::string_view path) {
  for (const auto& [key, value] : object.items()) {
    (void)value;
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return Bad(std::string(kUnknownField), Join(path, key));
    }
  }
  return Status::Ok();
}

Status ReadObject(const json& parent, std::string_view key, std::string_view path,
                  const json*& out) {
  out = nullptr;
  if (!parent.contains(std::string(key))) return Status::Ok();
  const json& value = parent.at(std::string(key));
  if (value.is_null()) return Status::Ok();
  if (!value.is_object()) return Bad("must be an object", Join(path, key));
  out = &value;
  return Status::Ok();
}

Status ReadString(const json& object, std::string_view key, std::string_view path,
                  std::string& out) {
  out.clear();
  if (!object.contains(std::string(key))) return Status::Ok();
  const json& value = object.at(std::string(key));
  if (value.is_null()) return Status::Ok();
  if (!value.is_string()) return Bad("must be a string", Join(path, key));
  out = std::string(text::Trim(value.get<std::string>()));
  return Status::Ok();
}

Status ReadBool(const json& object, std::string_view key, std::string_view path, bool& out) {
  out = false;
  if (!object.contains(std::string(key)) || object.at(std::string(key)).is_null()) {
    return Status::Ok();
  }
  const json& value = object.at(std::string(key));
  if (!value.is_boolean()) return Bad("must be true or false", Join(path, key));
  out = value.get<bool>();
  return Status::Ok();
}

Status ReadInt(const json& object, std::string_view key, std::string_view path, int& out) {
  if (!object.contains(std::string(key)) || object.at(std::string(key)).is_null()) {
    return Status::Ok();
  }
  const json& value = object.at(std::string(key));
  if (!value.is_number_integer() || value.get<std::int64_t>() < -1'000'000 ||
      value.get<std::int64_t>() > 1'000'000) {
    return Bad("must be a whole number", Join(path, key));
  }
  out = value.get<int>();
  return Status::Ok();
}

Status ReadArray(const json& object, std::string_view key, std::string_view path,
                 const json*& out) {
  out = nullptr;
  if (!object.contains(std::string(key)) || object.at(std::string(key)).is_null()) {
    return Status::Ok();
  }
  const json& value = object.at(std::string(key));
  if (!value.is_array()) return Bad("must be an array", Join(path, key));
  if (value.size() > 1000) return Bad("must have at most 1000 entries", Join(path, key));
  out = &value;
  return Status::Ok();
}

Status ReadStrings(const json& object, std::string_view key, std::string_view path,
                   std::vector<std::string>& out, bool upper) {
  out.clear();
  const json* array = nullptr;
  TB_RETURN_IF_ERROR(ReadArray(object, key, path, array));
  if (array == nullptr) return Status::Ok();
  for (std::size_t i = 0; i < array->size(); ++i) {
    if (!(*array)[i].is_string()) {
      return Bad("must be a string", Join(path, key) + "/" + std::to_string(i));
    }
    std::string value(text::Trim((*array)[i].get<std::string>()));
    out.push_back(upper ? text::ToUpperAscii(value) : value);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return Status::Ok();
}

Status ReadAmount(const json& object, std::string_view key, std::string_view path,
                  const std::string& currency, std::optional<Money>& out) {
  out.reset();
  std::string text;
  if (object.contains(std::string(key)) && object.at(std::string(key)).is_number()) {
    return Bad("must be a decimal amount as a string (\"1500.00\")", Join(path, key));
  }
  TB_RETURN_IF_ERROR(ReadString(object, key, path, text));
  if (text.empty()) return Status::Ok();
  Result<Money> money = Money::FromDecimal(text, currency);
  if (!money.ok()) return Bad(money.status().message(), Join(path, key));
  out = *money;
  return Status::Ok();
}

json Amount(const std::optional<Money>& money) {
  return money ? json(money->ToDecimal()) : json(nullptr);
}

Status ReadEvaluation(const json& body, Tender& t) {
  const json* e = nullptr;
  TB_RETURN_IF_ERROR(ReadObject(body, "evaluation", "", e));
  EvaluationRules rules;
  rules.currency = t.currency;
  if (e == nullptr) {
    t.evaluation = rules;
    return Status::Ok();
  }
  TB_RETURN_IF_ERROR(OnlyKnown(*e,
                               {"method", "technical_weight", "financial_weight",
                                "minimum_technical_percent", "criteria", "compliance"},
                               "evaluation"));
  std::string method;
  TB_RETURN_IF_ERROR(ReadString(*e, "method", "evaluation", method));
  if (!method.empty()) {
    std::optional<EvaluationMethod> parsed = ParseEvaluationMethod(method);
    if (!parsed) return Bad("must be lowest_price or weighted", "evaluation/method");
    rules.method = *parsed;
  }
  TB_RETURN_IF_ERROR(ReadInt(*e, "technical_weight", "evaluation", rules.technical_weight));
  TB_RETURN_IF_ERROR(ReadInt(*e, "financial_weight", "evaluation", rules.financial_weight));
  TB_RETURN_IF_ERROR(
      ReadInt(*e, "minimum_technical_percent", "evaluation", rules.minimum_technical_percent));
  const json* criteria = nullptr;
  TB_RETURN_IF_ERROR(ReadArray(*e, "criteria", "evaluation", criteria));
  for (std::size_t i = 0; criteria != nullptr && i < criteria->size(); ++i) {
    const std::string path = "evaluation/criteria/" + std::to_string(i);
    const json& c = (*criteria)[i];
    if (!c.is_object()) return Bad("must be an object", path);
    TB_RETURN_IF_ERROR(
        OnlyKnown(c, {"id", "title", "weight", "max_score", "sustainability"}, path));
    ScoringCriterion criterion;
    criterion.weight = 0;
    TB_RETURN_IF_ERROR(ReadString(c, "id", path, criterion.id));
    TB_RETURN_IF_ERROR(ReadString(c, "title", path, criterion.title));
    TB_RETURN_IF_ERROR(ReadInt(c, "weight", path, criterion.weight));
    TB_RETURN_IF_ERROR(ReadInt(c, "max_score", path, criterion.max_score));
    TB_RETURN_IF_ERROR(ReadBool(c, "sustainability", path, criterion.sustainability));
    rules.criteria.push_back(std::move(criterion));
  }
  const json* compliance = nullptr;
  TB_RETURN_IF_ERROR(ReadArray(*e, "compliance", "evaluation", compliance));
  for (std::size_t i = 0; compliance != nullptr && i < compliance->size(); ++i) {
    const std::string path = "evaluation/compliance/" + std::to_string(i);
    const json& c = (*compliance)[i];
    if (!c.is_object()) return Bad("must be an object", path);
    TB_RETURN_IF_ERROR(OnlyKnown(c, {"id", "title"}, path));
    ComplianceItem item;
    TB_RETURN_IF_ERROR(ReadString(c, "id", path, item.id));
    TB_RETURN_IF_ERROR(ReadString(c, "title", path, item.title));
    rules.compliance.push_back(std::move(item));
  }
  if (rules.method == EvaluationMethod::kLowestPrice) {
    // Weights have no meaning for lowest price; keep them out of the stored form.
    rules.technical_weight = 0;
    rules.financial_weight = 0;
  }
  t.evaluation = std::move(rules);
  return Status::Ok();
}

// The stored form of uploaded versions (TenderDocumentService writes them; CheckUploadedFiles
// keeps clients from changing them).
Status ReadDocumentFiles(const json& d, const std::string& path,
                         std::vector<TenderDocumentFile>& out) {
  const json* files = nullptr;
  TB_RETURN_IF_ERROR(ReadArray(d, "files", path, files));
  for (std::size_t i = 0; files != nullptr && i < files->size(); ++i) {
    const std::string at = path + "/files/" + std::to_string(i);
    const json& f = (*files)[i];
    if (!f.is_object()) return Bad("must be an object", at);
    TB_RETURN_IF_ERROR(OnlyKnown(
        f, {"version", "filename", "format", "size", "sha256", "uploaded_at", "url"}, at));
    TenderDocumentFile file;
    for (const char* number : {"version", "size"}) {
      if (!f.contains(number) || !f[number].is_number_integer()) {
        return Bad("must be a whole number", at + "/" + number);
      }
    }
    file.version = f["version"].get<int>();
    file.size = f["size"].get<std::int64_t>();
    TB_RETURN_IF_ERROR(ReadString(f, "filename", at, file.filename));
    TB_RETURN_IF_ERROR(ReadString(f, "format", at, file.media_type));
    TB_RETURN_IF_ERROR(ReadString(f, "sha256", at, file.sha256));
    std::string uploaded;
    TB_RETURN_IF_ERROR(ReadString(f, "uploaded_at", at, uploaded));
    Result<Timestamp> when = Timestamp::FromRfc3339(uploaded);
    if (!when.ok()) return Bad("must be an RFC 3339 time", at + "/uploaded_at");
    file.uploaded_at = *when;
    out.push_back(std::move(file));
  }
  return Status::Ok();
}

Status ReadLotsItemsDocuments(const json& body, Tender& t) {
  const json* lots = nullptr;
  TB_RETURN_IF_ERROR(ReadArray(body, "lots", "", lots));
  for (std::size_t i = 0; lots != nullptr && i < lots->size(); ++i) {
    const std::string path = "lots/" + std::to_string(i);
    const json& l = (*lots)[i];
    if (!l.is_object()) return Bad("must be an object", path);
    TB_RETURN_IF_ERROR(OnlyKnown(l, {"id", "title", "description", "estimated_value"}, path));
    TenderLot lot;
    TB_RETURN_IF_ERROR(ReadString(l, "id", path, lot.id));
    TB_RETURN_IF_ERROR(ReadString(l, "title", path, lot.title));
    TB_RETURN_IF_ERROR(ReadString(l, "description", path, lot.description));
    TB_RETURN_IF_ERROR(ReadAmount(l, "estimated_value", path, t.currency, lot.estimated_value));
    t.lots.push_back(std::move(lot));
  }
  const json* items = nullptr;
  TB_RETURN_IF_ERROR(ReadArray(body, "items", "", items));
  for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
    const std::string path = "items/" + std::to_string(i);
    const json& it = (*items)[i];
    if (!it.is_object()) return Bad("must be an object", path);
    TB_RETURN_IF_ERROR(
        OnlyKnown(it, {"id", "lot_id", "description", "unspsc", "quantity", "unit"}, path));
    TenderItem item;
    TB_RETURN_IF_ERROR(ReadString(it, "id", path, item.id));
    TB_RETURN_IF_ERROR(ReadString(it, "lot_id", path, item.lot_id));
    TB_RETURN_IF_ERROR(ReadString(it, "description", path, item.description));
    TB_RETURN_IF_ERROR(ReadString(it, "unspsc", path, item.unspsc));
    if (!item.unspsc.empty()) {
      // Stored as the 8-digit form, so "4321" and "43210000" are the same code.
      if (Result<UnspscCode> code = UnspscCode::Parse(item.unspsc); code.ok()) {
        item.unspsc = code->ToString();
      }
    }
    if (it.contains("quantity") && !it["quantity"].is_null()) {
      if (!it["quantity"].is_number()) return Bad("must be a number", path + "/quantity");
      item.quantity = it["quantity"].get<double>();
    }
    TB_RETURN_IF_ERROR(ReadString(it, "unit", path, item.unit));
    t.items.push_back(std::move(item));
  }
  const json* documents = nullptr;
  TB_RETURN_IF_ERROR(ReadArray(body, "documents", "", documents));
  for (std::size_t i = 0; documents != nullptr && i < documents->size(); ++i) {
    const std::string path = "documents/" + std::to_string(i);
    const json& d = (*documents)[i];
    if (!d.is_object()) return Bad("must be an object", path);
    TB_RETURN_IF_ERROR(OnlyKnown(
        d, {"id", "title", "url", "document_type", "language", "kind", "files", "download_url"},
        path));
    TenderDocument document;
    TB_RETURN_IF_ERROR(ReadString(d, "id", path, document.id));
    TB_RETURN_IF_ERROR(ReadString(d, "title", path, document.title));
    TB_RETURN_IF_ERROR(ReadString(d, "url", path, document.url));
    TB_RETURN_IF_ERROR(ReadString(d, "document_type", path, document.document_type));
    TB_RETURN_IF_ERROR(ReadString(d, "language", path, document.language));
    TB_RETURN_IF_ERROR(ReadString(d, "kind", path, document.kind));
    TB_RETURN_IF_ERROR(ReadDocumentFiles(d, path, document.files));
    t.documents.push_back(std::move(document));
  }
  return Status::Ok();
}

Status ReadEligibilityAndSecurity(const json& body, Tender& t) {
  const json* e = nullptr;
  TB_RETURN_IF_ERROR(ReadObject(body, "eligibility", "", e));
  if (e != nullptr) {
    TB_RETURN_IF_ERROR(OnlyKnown(
        *e, {"minimum_ungm_level", "countries", "reserved_for_sme", "reserved_for_women_owned"},
        "eligibility"));
    std::string level;
    TB_RETURN_IF_ERROR(ReadString(*e, "minimum_ungm_level", "eligibility", level));
    if (!level.empty()) {
      std::optional<suppliers::UngmLevel> parsed = suppliers::ParseUngmLevel(level);
      if (!parsed) {
        return Bad("must be none, basic, level_1 or level_2", "eligibility/minimum_ungm_level");
      }
      t.eligibility.minimum_level = *parsed;
    }
    TB_RETURN_IF_ERROR(
        ReadStrings(*e, "countries", "eligibility", t.eligibility.countries, /*upper=*/true));
    TB_RETURN_IF_ERROR(
        ReadBool(*e, "reserved_for_sme", "eligibility", t.eligibility.reserved_for_sme));
    TB_RETURN_IF_ERROR(ReadBool(*e, "reserved_for_women_owned", "eligibility",
                                t.eligibility.reserved_for_women_owned));
  }
  const json* s = nullptr;
  TB_RETURN_IF_ERROR(ReadObject(body, "bid_security", "", s));
  if (s != nullptr) {
    TB_RETURN_IF_ERROR(OnlyKnown(*s, {"required", "amount"}, "bid_security"));
    TB_RETURN_IF_ERROR(ReadBool(*s, "required", "bid_security", t.bid_security.required));
    TB_RETURN_IF_ERROR(ReadAmount(*s, "amount", "bid_security", t.currency, t.bid_security.amount));
  }
  return Status::Ok();
}

Status ReadDeadline(const json& body, Tender& t) {
  std::string text;
  TB_RETURN_IF_ERROR(ReadString(body, "deadline", "", text));
  if (text.empty()) return Status::Ok();
  const bool has_offset =
      text.size() > 19 && (text.back() == 'Z' || text.back() == 'z' ||
                           text[text.size() - 6] == '+' || text[text.size() - 6] == '-');
  if (has_offset) {
    // An instant names itself; the zone is still needed to show it as the agency's time.
    Result<Timestamp> instant = Timestamp::FromRfc3339(text);
    if (!instant.ok()) return Bad(instant.status().message(), "deadline");
    if (t.time_zone.empty()) return Bad("is required with a deadline", "time_zone");
    t.deadline = *instant;
    return Status::Ok();
  }
  TB_ASSIGN_OR_RETURN(Timestamp deadline, DeadlineFromLocal(text, t.time_zone));
  t.deadline = deadline;
  return Status::Ok();
}

}  // namespace

bool IsUnknownField(const Status& status) {
  return status.code() == StatusCode::kInvalidArgument && status.message() == kUnknownField;
}

json EditableJson(const Tender& t, bool include_deadline) {
  json body = json::object();
  body["reference"] = t.reference;
  body["title"] = t.title;
  body["description"] = t.description;
  body["language"] = t.language.code();
  body["method"] = ProcurementMethodName(t.method);
  body["main_category"] = t.main_category;
  body["countries"] = t.countries;
  json lots = json::array();
  for (const TenderLot& lot : t.lots) {
    lots.push_back({{"id", lot.id},
                    {"title", lot.title},
                    {"description", lot.description},
                    {"estimated_value", Amount(lot.estimated_value)}});
  }
  body["lots"] = std::move(lots);
  json items = json::array();
  for (const TenderItem& item : t.items) {
    items.push_back({{"id", item.id},
                     {"lot_id", item.lot_id},
                     {"description", item.description},
                     {"unspsc", item.unspsc},
                     {"quantity", item.quantity},
                     {"unit", item.unit}});
  }
  body["items"] = std::move(items);
  json documents = json::array();
  for (const TenderDocument& d : t.documents) {
    json document = {{"id", d.id},
                     {"title", d.title},
                     {"url", d.url},
                     {"document_type", d.document_type},
                     {"language", d.language}};
    // Only uploaded documents carry these, so linked ones keep their old form.
    if (!d.kind.empty()) document["kind"] = d.kind;
    if (!d.files.empty()) {
      json files = json::array();
      for (const TenderDocumentFile& f : d.files) {
        files.push_back({{"version", f.version},
                         {"filename", f.filename},
                         {"format", f.media_type},
                         {"size", f.size},
                         {"sha256", f.sha256},
                         {"uploaded_at", f.uploaded_at.ToRfc3339()}});
      }
      document["files"] = std::move(files);
    }
    documents.push_back(std::move(document));
  }
  body["documents"] = std::move(documents);
  if (include_deadline && t.deadline && !t.time_zone.empty()) {
    Result<std::string> local = LocalDeadlineText(*t.deadline, t.time_zone);
    body["deadline"] = local.ok() ? json(*local) : json(t.deadline->ToRfc3339());
  }
  body["time_zone"] = t.time_zone;
  body["envelope_mode"] = EnvelopeModeName(t.envelope_mode);
  json evaluation = {{"method", EvaluationMethodName(t.evaluation.method)},
                     {"minimum_technical_percent", t.evaluation.minimum_technical_percent}};
  if (t.evaluation.method == EvaluationMethod::kWeighted) {
    evaluation["technical_weight"] = t.evaluation.technical_weight;
    evaluation["financial_weight"] = t.evaluation.financial_weight;
  }
  json criteria = json::array();
  for (const ScoringCriterion& c : t.evaluation.criteria) {
    criteria.push_back({{"id", c.id},
                        {"title", c.title},
                        {"weight", c.weight},
                        {"max_score", c.max_score},
                        {"sustainability", c.sustainability}});
  }
  evaluation["criteria"] = std::move(criteria);
  json compliance = json::array();
  for (const ComplianceItem& c : t.evaluation.compliance) {
    compliance.push_back({{"id", c.id}, {"title", c.title}});
  }
  evaluation["compliance"] = std::move(compliance);
  body["evaluation"] = std::move(evaluation);
  body["eligibility"] = {
      {"minimum_ungm_level", suppliers::UngmLevelName(t.eligibility.minimum_level)},
      {"countries", t.eligibility.countries},
      {"reserved_for_sme", t.eligibility.reserved_for_sme},
      {"reserved_for_women_owned", t.eligibility.reserved_for_women_owned}};
  body["bid_security"] = {{"required", t.bid_security.required},
                          {"amount", Amount(t.bid_security.amount)}};
  body["currency"] = t.currency;
  body["estimated_value"] = Amount(t.estimated_value);
  body["source_notice"] = t.source_notice;
  return body;
}

Status ApplyEditableJson(const json& body, Tender& t) {
  if (!body.is_object()) return Bad("the tender must be a JSON object", "body");
  TB_RETURN_IF_ERROR(OnlyKnown(
      body,
      {"reference", "title", "description", "language", "method", "main_category", "countries",
       "lots", "items", "documents", "deadline", "time_zone", "envelope_mode", "evaluation",
       "eligibility", "bid_security", "currency", "estimated_value", "source_notice"},
      ""));
  Tender out = t;
  out.lots.clear();
  out.items.clear();
  out.documents.clear();
  out.eligibility = {};
  out.bid_security = {};
  out.deadline.reset();
  TB_RETURN_IF_ERROR(ReadString(body, "reference", "", out.reference));
  TB_RETURN_IF_ERROR(ReadString(body, "title", "", out.title));
  TB_RETURN_IF_ERROR(ReadString(body, "description", "", out.description));
  std::string language;
  TB_RETURN_IF_ERROR(ReadString(body, "language", "", language));
  out.language = language.empty() ? Language::English() : Language::FromTag(language);
  if (!language.empty() && !out.language.known()) {
    return Bad("must be an ISO 639-1 language code", "language");
  }
  std::string method;
  TB_RETURN_IF_ERROR(ReadString(body, "method", "", method));
  out.method = ProcurementMethod::kRfq;
  if (!method.empty()) {
    std::optional<ProcurementMethod> parsed = ParseProcurementMethod(method);
    if (!parsed) return Bad("must be rfq, itb or rfp", "method");
    out.method = *parsed;
  }
  TB_RETURN_IF_ERROR(ReadString(body, "main_category", "", out.main_category));
  TB_RETURN_IF_ERROR(ReadStrings(body, "countries", "", out.countries, /*upper=*/true));
  TB_RETURN_IF_ERROR(ReadString(body, "currency", "", out.currency));
  out.currency = out.currency.empty() ? "USD" : text::ToUpperAscii(out.currency);
  if (CurrencyExponent(out.currency) < 0) {
    return Bad("'" + out.currency + "' is not an ISO 4217 currency", "currency");
  }
  TB_RETURN_IF_ERROR(ReadAmount(body, "estimated_value", "", out.currency, out.estimated_value));
  TB_RETURN_IF_ERROR(ReadString(body, "time_zone", "", out.time_zone));
  TB_RETURN_IF_ERROR(ReadDeadline(body, out));
  std::string mode;
  TB_RETURN_IF_ERROR(ReadString(body, "envelope_mode", "", mode));
  out.envelope_mode = EnvelopeMode::kSingle;
  if (!mode.empty()) {
    std::optional<EnvelopeMode> parsed = ParseEnvelopeMode(mode);
    if (!parsed) return Bad("must be single or two", "envelope_mode");
    out.envelope_mode = *parsed;
  }
  TB_RETURN_IF_ERROR(ReadLotsItemsDocuments(body, out));
  TB_RETURN_IF_ERROR(ReadEvaluation(body, out));
  TB_RETURN_IF_ERROR(ReadEligibilityAndSecurity(body, out));
  TB_RETURN_IF_ERROR(ReadString(body, "source_notice", "", out.source_notice));
  TB_RETURN_IF_ERROR(ValidateDraft(out));
  t = std::move(out);
  return Status::Ok();
}

json TenderJson(const Tender& t) {
  json body = EditableJson(t);
  body.erase("deadline");
  // Uploaded documents are read through the download route, each version at its own path.
  // Read-only keys that ApplyEditableJson ignores, so a client may send the form back.
  for (std::size_t i = 0; i < t.documents.size(); ++i) {
    const TenderDocument& d = t.documents[i];
    if (d.files.empty()) continue;
    json& document = body["documents"][i];
    document["download_url"] = TenderDocumentPath(t.ocid, d);
    for (std::size_t v = 0; v < d.files.size(); ++v) {
      document["files"][v]["url"] = TenderDocumentPath(t.ocid, d, d.files[v].version);
    }
  }
  body["ocid"] = t.ocid;
  body["state"] = TenderStateName(t.state);
  body["buyer"] = {{"id", t.organisation.value}, {"name", t.buyer_name}};
  body["deadline"] = t.deadline ? json(t.deadline->ToRfc3339()) : json(nullptr);
  json local = nullptr;
  if (t.deadline && !t.time_zone.empty()) {
    if (Result<std::string> text = time_zone::FormatLocal(*t.deadline, t.time_zone); text.ok()) {
      local = *text;
    }
  }
  body["deadline_local"] = local;
  body["opening_threshold"] = t.opening_threshold;
  body["amendment_count"] = t.amendment_count;
  body["reconfirm_required"] = t.reconfirm_required;
  body["reconfirm_after"] =
      t.reconfirm_after ? json(t.reconfirm_after->ToRfc3339()) : json(nullptr);
  body["cancellation_reason"] = t.cancellation_reason;
  body["created_at"] = t.created_at.ToRfc3339();
  body["updated_at"] = t.updated_at.ToRfc3339();
  body["published_at"] = t.published_at ? json(t.published_at->ToRfc3339()) : json(nullptr);
  body["closed_at"] = t.closed_at ? json(t.closed_at->ToRfc3339()) : json(nullptr);
  body["version"] = t.version;
  return body;
}

json TenderSummaryJson(const Tender& t) {
  return {{"ocid", t.ocid},
          {"title", t.title},
          {"state", TenderStateName(t.state)},
          {"buyer", {{"id", t.organisation.value}, {"name", t.buyer_name}}},
          {"method", ProcurementMethodName(t.method)},
          {"deadline", t.deadline ? json(t.deadline->ToRfc3339()) : json(nullptr)},
          {"time_zone", t.time_zone},
          {"currency", t.currency},
          {"published_at", t.published_at ? json(t.published_at->ToRfc3339()) : json(nullptr)}};
}

}  // namespace tb::tenders
