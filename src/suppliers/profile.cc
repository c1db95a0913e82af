#include "suppliers/profile.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <set>
#include <utility>

#include "core/text.h"
#include "notices/importers/country_codes.h"

namespace tb::suppliers {
namespace {

constexpr std::array<std::pair<PartyScale, std::string_view>, 4> kScales = {{
    {PartyScale::kMicro, "micro"},
    {PartyScale::kSmall, "small"},
    {PartyScale::kMedium, "medium"},
    {PartyScale::kLarge, "large"},
}};

constexpr std::array<std::pair<ReviewState, std::string_view>, 6> kStates = {{
    {ReviewState::kDraft, "draft"},
    {ReviewState::kSubmitted, "submitted"},
    {ReviewState::kInReview, "in_review"},
    {ReviewState::kChangesRequested, "changes_requested"},
    {ReviewState::kReady, "ready"},
    {ReviewState::kRegistered, "registered"},
}};

constexpr std::array<std::string_view, 4> kCertificateTypes = {"iso_9001", "iso_14001", "iso_45001",
                                                               "other"};

// Generous limits: they stop abuse (a 10 MB company name), not real companies.
constexpr std::size_t kMaxShortText = 300;
constexpr std::size_t kMaxLongText = 4000;
constexpr std::size_t kMaxListLength = 200;
constexpr std::size_t kMaxCodes = 500;

bool IsSnakeId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

class Checker {
 public:
  explicit Checker(Timestamp now) : current_year_(YearOf(now)) {}

  void Add(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }

  void Text(const std::string& field, const std::string& value, std::size_t max = kMaxShortText) {
    if (!text::IsValidUtf8(value)) {
      Add(field, "is not valid UTF-8");
    } else if (value.size() > max) {
      Add(field, "is longer than " + std::to_string(max) + " bytes");
    } else if (std::any_of(value.begin(), value.end(), [](char c) {
                 return static_cast<unsigned char>(c) < 0x20 && c != '\n';
               })) {
      Add(field, "contains control characters");
    }
  }

  // An optional country: empty is fine, anything else must be an ISO code.
  void Country(const std::string& field, const std::string& code) {
    if (!code.empty() && !IsCountryCode(code)) {
      Add(field, "is not an ISO 3166-1 alpha-2 country code (upper case, such as KE)");
    }
  }

  void Year(const std::string& field, int year) {
    if (year < 1800 || year > current_year_) {
      Add(field, "must be a year from 1800 to " + std::to_string(current_year_));
    }
  }

  void Percent(const std::string& field, int value) {
    if (value < 0 || value > 100) Add(field, "must be between 0 and 100");
  }

  void Email(const std::string& field, const std::string& value) {
    if (!value.empty() && !LooksLikeEmail(value)) Add(field, "is not an e-mail address");
  }

  void Url(const std::string& field, const std::string& value) {
    if (!value.empty() && !LooksLikeWebUrl(value)) {
      Add(field, "must be a web address starting with https:// or http://");
    }
  }

  template <typename T>
  bool ListLength(const std::string& field, const std::vector<T>& list,
                  std::size_t max = kMaxListLength) {
    if (list.size() > max) {
      Add(field, "has more than " + std::to_string(max) + " entries");
      return false;
    }
    return true;
  }

  std::vector<FieldError> Take() { return std::move(errors_); }

 private:
  int current_year_;
  std::vector<FieldError> errors_;
};

void CheckNumbers(Checker& c, const std::string& field, const std::vector<CompanyNumber>& list) {
  if (!c.ListLength(field, list, 20)) return;
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = field + "/" + std::to_string(i);
    if (list[i].country.empty()) {
      c.Add(at + "/country", "is required");
    } else {
      c.Country(at + "/country", list[i].country);
    }
    const std::string_view number = text::Trim(list[i].number);
    if (number.empty()) c.Add(at + "/number", "is required");
    c.Text(at + "/number", list[i].number, 64);
    if (!seen.insert({list[i].country, NormaliseCompanyNumber(list[i].number)}).second) {
      c.Add(at + "/number", "is listed twice");
    }
  }
}

}  // namespace

std::string_view PartyScaleName(PartyScale scale) {
  for (const auto& [value, name] : kScales) {
    if (value == scale) return name;
  }
  return "micro";
}

std::optional<PartyScale> ParsePartyScale(std::string_view name) {
  for (const auto& [value, n] : kScales) {
    if (n == name) return value;
  }
  return std::nullopt;
}

std::string_view ReviewStateName(ReviewState state) {
  for (const auto& [value, name] : kStates) {
    if (value == state) return name;
  }
  return "draft";
}

std::optional<ReviewState> ParseReviewState(std::string_view name) {
  for (const auto& [value, n] : kStates) {
    if (n == name) return value;
  }
  return std::nullopt;
}

std::string NormaliseCompanyNumber(std::string_view number) {
  // Registries print the same number with spaces, dots, dashes or slashes; only letters and
  // digits identify it.
  std::string out;
  for (char c : number) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) out.push_back(static_cast<char>(std::toupper(u)));
  }
  return out;
}

bool IsCountryCode(std::string_view code) {
  if (code.size() != 2 || !std::isupper(static_cast<unsigned char>(code[0])) ||
      !std::isupper(static_cast<unsigned char>(code[1]))) {
    return false;
  }
  Result<const notices::importers::CountryCodes*> codes =
      notices::importers::CountryCodes::Default();
  if (!codes.ok()) return true;  // without iso-codes, the shape is all we can check
  const std::optional<std::string> found = (*codes)->Lookup(code);
  return found && *found == code;
}

bool LooksLikeEmail(std::string_view email) {
  if (email.size() > 254) return false;
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = email.substr(at + 1);
  const std::size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
  return std::none_of(email.begin(), email.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == '"' || c == ',';
  });
}

bool LooksLikeWebUrl(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  if (url.size() > 2000) return false;
  const std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host.find('.') == std::string_view::npos ||
      host.find('@') != std::string_view::npos) {
    return false;
  }
  return std::none_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == '"' || c == '\\';
  });
}

int YearOf(Timestamp t) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_time<microseconds>(microseconds(t.micros())));
  return static_cast<int>(year_month_day(day).year());
}

std::vector<FieldError> ValidateProfile(const Profile& p, Timestamp now) {
  Checker c(now);
  c.Text("/legal_name", p.legal_name);
  c.Text("/legal_name_latin", p.legal_name_latin);
  if (c.ListLength("/trading_names", p.trading_names, 20)) {
    for (std::size_t i = 0; i < p.trading_names.size(); ++i) {
      const std::string at = "/trading_names/" + std::to_string(i);
      if (text::Trim(p.trading_names[i]).empty()) c.Add(at, "is empty");
      c.Text(at, p.trading_names[i]);
    }
  }
  CheckNumbers(c, "/registration_numbers", p.registration_numbers);
  CheckNumbers(c, "/tax_numbers", p.tax_numbers);
  if (p.year_established) c.Year("/year_established", *p.year_established);

  c.Text("/address/street", p.address.street);
  c.Text("/address/city", p.address.city);
  c.Text("/address/postal_code", p.address.postal_code, 32);
  c.Text("/address/region", p.address.region);
  c.Country("/address/country", p.address.country);

  if (c.ListLength("/countries_of_operation", p.countries_of_operation, 250)) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < p.countries_of_operation.size(); ++i) {
      const std::string at = "/countries_of_operation/" + std::to_string(i);
      const std::string& code = p.countries_of_operation[i];
      if (code.empty()) c.Add(at, "is empty");
      c.Country(at, code);
      if (!seen.insert(code).second) c.Add(at, "is listed twice");
    }
  }
  if (c.ListLength("/contacts", p.contacts, 20)) {
    for (std::size_t i = 0; i < p.contacts.size(); ++i) {
      const std::string at = "/contacts/" + std::to_string(i);
      const Contact& contact = p.contacts[i];
      c.Text(at + "/name", contact.name);
      c.Text(at + "/position", contact.position);
      c.Email(at + "/email", contact.email);
      c.Text(at + "/phone", contact.phone, 40);
    }
  }
  c.Url("/website", p.website);
  if (c.ListLength("/unspsc_codes", p.unspsc_codes, kMaxCodes)) {
    std::set<UnspscCode> seen;
    for (std::size_t i = 0; i < p.unspsc_codes.size(); ++i) {
      if (!seen.insert(p.unspsc_codes[i]).second) {
        c.Add("/unspsc_codes/" + std::to_string(i), "is listed twice");
      }
    }
  }
  if (p.sme && *p.sme && p.party_scale == PartyScale::kLarge) {
    c.Add("/sme", "a large company is not an SME; choose a smaller size or sme false");
  }
  c.Percent("/women_owned/ownership_percent", p.women_owned.ownership_percent);
  if (p.women_owned.declared &&
      (p.women_owned.ownership_percent < 51 || !p.women_owned.controlled)) {
    c.Add("/women_owned/declared",
          "a women-owned company is at least 51 % owned and controlled by women");
  }
  if (c.ListLength("/certificates", p.certificates, 50)) {
    for (std::size_t i = 0; i < p.certificates.size(); ++i) {
      const std::string at = "/certificates/" + std::to_string(i);
      const Certificate& cert = p.certificates[i];
      if (std::find(kCertificateTypes.begin(), kCertificateTypes.end(), cert.type) ==
          kCertificateTypes.end()) {
        c.Add(at + "/type", "must be one of iso_9001, iso_14001, iso_45001, other");
      }
      if (cert.type == "other" && text::Trim(cert.name).empty()) {
        c.Add(at + "/name", "is required for a certificate of type other");
      }
      c.Text(at + "/name", cert.name);
      c.Text(at + "/number", cert.number, 100);
      c.Text(at + "/issuer", cert.issuer);
    }
  }
  const Sustainability& s = p.sustainability;
  c.Text("/sustainability/un_global_compact_id", s.un_global_compact_id, 64);
  if (c.ListLength("/sustainability/hlcm_indicators", s.hlcm_indicators, 50)) {
    for (std::size_t i = 0; i < s.hlcm_indicators.size(); ++i) {
      if (!IsSnakeId(s.hlcm_indicators[i])) {
        c.Add("/sustainability/hlcm_indicators/" + std::to_string(i),
              "must be a short snake_case indicator id");
      }
    }
  }
  if (s.emissions.reporting_year != 0) {
    c.Year("/sustainability/emissions/reporting_year", s.emissions.reporting_year);
  }
  if (!s.emissions.scopes.empty() && s.emissions.scopes != "1" && s.emissions.scopes != "1-2" &&
      s.emissions.scopes != "1-3") {
    c.Add("/sustainability/emissions/scopes", "must be 1, 1-2 or 1-3");
  }
  c.Url("/sustainability/emissions/report_url", s.emissions.report_url);
  if (c.ListLength("/references", p.references, 50)) {
    for (std::size_t i = 0; i < p.references.size(); ++i) {
      const std::string at = "/references/" + std::to_string(i);
      const Reference& r = p.references[i];
      c.Text(at + "/client_name", r.client_name);
      c.Text(at + "/contact_name", r.contact_name);
      c.Email(at + "/contact_email", r.contact_email);
      c.Text(at + "/description", r.description, kMaxLongText);
      if (r.year != 0) c.Year(at + "/year", r.year);
      c.Country(at + "/country", r.country);
    }
  }
  if (c.ListLength("/owners", p.owners, 100)) {
    int total = 0;
    for (std::size_t i = 0; i < p.owners.size(); ++i) {
      const std::string at = "/owners/" + std::to_string(i);
      const Owner& o = p.owners[i];
      if (text::Trim(o.name).empty()) c.Add(at + "/name", "is required");
      c.Text(at + "/name", o.name);
      c.Percent(at + "/share_percent", o.share_percent);
      c.Country(at + "/country", o.country);
      total += o.share_percent;
    }
    if (total > 100) c.Add("/owners", "the shares add up to more than 100 %");
  }
  return c.Take();
}

Status FirstError(const std::vector<FieldError>& errors) {
  if (errors.empty()) return Status::Ok();
  std::string message = errors.front().field + " " + errors.front().message;
  if (errors.size() > 1) {
    message += " (and " + std::to_string(errors.size() - 1) + " more)";
  }
  return Status::InvalidArgument(std::move(message)).WithField(errors.front().field);
}

}  // namespace tb::suppliers
