#include "matching/alert_store.h"

#include <array>
#include <utility>

namespace tb::matching {
namespace {

constexpr std::array<std::pair<AlertFrequency, std::string_view>, 4> kFrequencies = {{
    {AlertFrequency::kInstant, "instant"},
    {AlertFrequency::kDaily, "daily"},
    {AlertFrequency::kWeekly, "weekly"},
    {AlertFrequency::kOff, "off"},
}};
constexpr std::array<std::pair<AlertReason, std::string_view>, 4> kReasons = {{
    {AlertReason::kProfile, "profile"},
    {AlertReason::kSavedSearch, "saved_search"},
    {AlertReason::kAmendment, "amendment"},
    {AlertReason::kInvitation, "invitation"},
}};

template <typename Enum, std::size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "";
}

template <typename Enum, std::size_t N>
std::optional<Enum> Parse(const std::array<std::pair<Enum, std::string_view>, N>& table,
                          std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string_view AlertFrequencyName(AlertFrequency frequency) { return NameOf(kFrequencies, frequency); }
std::optional<AlertFrequency> ParseAlertFrequency(std::string_view name) {
  return Parse(kFrequencies, name);
}
std::string_view AlertReasonName(AlertReason reason) { return NameOf(kReasons, reason); }
std::optional<AlertReason> ParseAlertReason(std::string_view name) { return Parse(kReasons, name); }

}  // namespace tb::matching
