#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "suppliers/profile.h"
#include "suppliers/readiness.h"

namespace tb::suppliers {

// The centre's review of a profile before UNGM registration (docs/suppliers.md):
//   draft ─submit→ submitted ─start_review→ in_review ─mark_ready→ ready ─mark_registered→
//   registered
//                      │                        │
//                      └──── request_changes ───┴→ changes_requested ─submit→ submitted ...
// The supplier submits; centre staff do the rest.
enum class ReviewAction { kSubmit, kStartReview, kRequestChanges, kMarkReady, kMarkRegistered };
std::string_view ReviewActionName(ReviewAction action);
std::optional<ReviewAction> ParseReviewAction(std::string_view name);

struct ReviewRequest {
  ReviewAction action = ReviewAction::kSubmit;
  std::string comment;      // required for request_changes, optional otherwise
  std::string ungm_number;  // required for mark_registered
};

// Who is acting on the review, as the service determined from the actor.
enum class ReviewerRole { kSupplier, kCentreStaff };

// Applies `request` to `record` and returns the record in its new state. PermissionDenied
// when `role` may not take the action; FailedPrecondition when the current state does not
// allow it, or (submit) when the Basic level of `readiness` is not complete;
// InvalidArgument naming "comment" or "ungm_number" when one is missing or malformed.
Result<SupplierRecord> ApplyReview(SupplierRecord record, const ReviewRequest& request,
                                   ReviewerRole role, const Readiness& readiness);

// UNGM vendor numbers as UNGM shows them: 1..20 letters, digits and hyphens.
bool IsUngmNumber(std::string_view number);

}  // namespace tb::suppliers
