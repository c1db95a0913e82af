#include "tenders/evaluation_store.h"

#include <array>
#include <utility>

namespace tb::tenders {
namespace {

constexpr std::array<std::pair<EvaluationStage, std::string_view>, 8> kStages = {{
    {EvaluationStage::kTechnical, "technical"},
    {EvaluationStage::kFinancial, "financial"},
    {EvaluationStage::kRanked, "ranked"},
    {EvaluationStage::kRecommended, "recommended"},
    {EvaluationStage::kApproved, "approved"},
    {EvaluationStage::kStandstill, "standstill"},
    {EvaluationStage::kContracted, "contracted"},
    {EvaluationStage::kCancelled, "cancelled"},
}};

}  // namespace

std::string_view EvaluationStageName(EvaluationStage stage) {
  for (const auto& [s, name] : kStages) {
    if (s == stage) return name;
  }
  return "technical";
}

std::optional<EvaluationStage> ParseEvaluationStage(std::string_view name) {
  for (const auto& [s, n] : kStages) {
    if (n == name) return s;
  }
  return std::nullopt;
}

}  // namespace tb::tenders
