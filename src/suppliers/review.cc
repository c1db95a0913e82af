#include "suppliers/review.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "core/text.h"

namespace tb::suppliers {
namespace {

constexpr std::array<std::pair<ReviewAction, std::string_view>, 5> kActions = {{
    {ReviewAction::kSubmit, "submit"},
    {ReviewAction::kStartReview, "start_review"},
    {ReviewAction::kRequestChanges, "request_changes"},
    {ReviewAction::kMarkReady, "mark_ready"},
    {ReviewAction::kMarkRegistered, "mark_registered"},
}};

constexpr std::size_t kMaxCommentBytes = 4000;

Status WrongState(ReviewAction action, ReviewState state) {
  return Status::FailedPrecondition("cannot " + std::string(ReviewActionName(action)) +
                                    " a profile that is " + std::string(ReviewStateName(state)))
      .WithField("action");
}

}  // namespace

std::string_view ReviewActionName(ReviewAction action) {
  for (const auto& [value, name] : kActions) {
    if (value == action) return name;
  }
  return "submit";
}

std::optional<ReviewAction> ParseReviewAction(std::string_view name) {
  for (const auto& [value, n] : kActions) {
    if (n == name) return value;
  }
  return std::nullopt;
}

bool IsUngmNumber(std::string_view number) {
  return !number.empty() && number.size() <= 20 &&
         std::all_of(number.begin(), number.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
         });
}

Result<SupplierRecord> ApplyReview(SupplierRecord record, const ReviewRequest& request,
                                   ReviewerRole role, const Readiness& readiness) {
  const bool supplier_action = request.action == ReviewAction::kSubmit;
  if (supplier_action != (role == ReviewerRole::kSupplier)) {
    return Status::PermissionDenied(supplier_action ? "only the company submits its profile"
                                                    : "only centre staff review profiles")
        .WithField("action");
  }
  if (request.comment.size() > kMaxCommentBytes || !text::IsValidUtf8(request.comment)) {
    return Status::InvalidArgument("the comment must be valid UTF-8 of at most 4000 bytes")
        .WithField("comment");
  }
  const ReviewState state = record.state;
  switch (request.action) {
    case ReviewAction::kSubmit: {
      if (state != ReviewState::kDraft && state != ReviewState::kChangesRequested) {
        return WrongState(request.action, state);
      }
      if (readiness.levels.empty() || !readiness.levels.front().complete) {
        return Status::FailedPrecondition(
                   "complete the Basic items of the readiness checklist "
                   "before submitting")
            .WithField("action");
      }
      record.state = ReviewState::kSubmitted;
      break;
    }
    case ReviewAction::kStartReview:
      if (state != ReviewState::kSubmitted) return WrongState(request.action, state);
      record.state = ReviewState::kInReview;
      break;
    case ReviewAction::kRequestChanges:
      if (state != ReviewState::kSubmitted && state != ReviewState::kInReview) {
        return WrongState(request.action, state);
      }
      if (text::Trim(request.comment).empty()) {
        return Status::InvalidArgument("say what the company should change").WithField("comment");
      }
      record.state = ReviewState::kChangesRequested;
      record.review_comment = request.comment;
      break;
    case ReviewAction::kMarkReady:
      if (state != ReviewState::kInReview) return WrongState(request.action, state);
      record.state = ReviewState::kReady;
      record.review_comment.clear();
      break;
    case ReviewAction::kMarkRegistered:
      if (state != ReviewState::kReady) return WrongState(request.action, state);
      if (!IsUngmNumber(request.ungm_number)) {
        return Status::InvalidArgument("the UNGM number is 1 to 20 letters, digits or hyphens")
            .WithField("ungm_number");
      }
      record.state = ReviewState::kRegistered;
      record.ungm_number = request.ungm_number;
      break;
  }
  return record;
}

}  // namespace tb::suppliers
