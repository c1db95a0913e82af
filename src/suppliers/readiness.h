#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/language.h"
#include "core/timestamp.h"
#include "suppliers/documents.h"
#include "suppliers/profile.h"

namespace tb::suppliers {

// UNGM registration levels, in order. kNone: not even Basic is complete.
enum class UngmLevel { kNone = 0, kBasic = 1, kLevel1 = 2, kLevel2 = 3 };
std::string_view UngmLevelName(UngmLevel level);  // "none", "basic", "level_1", "level_2"
std::optional<UngmLevel> ParseUngmLevel(std::string_view name);

// What to do next, as an i18n key ("readiness.references") and its parameters
// ({"missing": "2"}). The web UI translates the key; RenderNextStep does it for the CLI and
// the export.
struct NextStep {
  std::string key;
  std::map<std::string, std::string> params;
  bool operator==(const NextStep&) const = default;
};

struct ChecklistItem {
  std::string id;  // stable: "general_information", "references", ...
  bool done = false;
  NextStep next;  // empty key when done
  bool operator==(const ChecklistItem&) const = default;
};

struct LevelReadiness {
  UngmLevel level = UngmLevel::kBasic;
  std::vector<ChecklistItem> items;
  int score = 0;          // 0..100: the share of this level's items done, rounded down
  bool complete = false;  // every item of this level done
};

struct Readiness {
  std::vector<LevelReadiness> levels;  // basic, level_1, level_2
  UngmLevel reached =
      UngmLevel::kNone;  // the highest level whose items and all lower ones are done
};

// The checklist toward each UNGM level (docs/suppliers.md, "Readiness rules"). Pure: the
// same record, documents and time give the same answer. Expired documents (valid_until
// before `now`) do not count.
Readiness AssessReadiness(const SupplierRecord& record, std::span<const DocumentInfo> documents,
                          Timestamp now);

// The message for `step` in `language` (one of the six UN languages; English otherwise),
// with its {parameters} filled in. An unknown key renders as the key itself.
std::string RenderNextStep(const NextStep& step, const Language& language);

// Every message key, for the test that each has a text in all six languages.
std::vector<std::string_view> ReadinessMessageKeys();
// The raw template, or nullopt when `key` has none in `language_code`.
std::optional<std::string_view> ReadinessMessageTemplate(std::string_view key,
                                                         std::string_view language_code);

// {"reached": "basic", "levels": [{"level", "score", "complete", "items": [{"id", "done",
// "next": {"key", "params"}, "message"}]}]}; "message" only when `language` is given.
nlohmann::json ReadinessToJson(const Readiness& readiness, const Language* language = nullptr);

}  // namespace tb::suppliers
