#include "search/search_types.h"

namespace tb::search {

std::string_view SortOrderName(SortOrder order) {
  switch (order) {
    case SortOrder::kRelevance: return "relevance";
    case SortOrder::kDeadline: return "deadline";
    case SortOrder::kPublished: return "published";
  }
  return "relevance";
}

std::optional<SortOrder> SortOrderFromName(std::string_view name) {
  for (SortOrder o : {SortOrder::kRelevance, SortOrder::kDeadline, SortOrder::kPublished}) {
    if (SortOrderName(o) == name) return o;
  }
  return std::nullopt;
}

std::string_view OpenStatusName(OpenStatus status) {
  switch (status) {
    case OpenStatus::kOpen: return "open";
    case OpenStatus::kClosing: return "closing";
    case OpenStatus::kClosed: return "closed";
  }
  return "open";
}

std::optional<OpenStatus> OpenStatusFromName(std::string_view name) {
  for (OpenStatus s : {OpenStatus::kOpen, OpenStatus::kClosing, OpenStatus::kClosed}) {
    if (OpenStatusName(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace tb::search
