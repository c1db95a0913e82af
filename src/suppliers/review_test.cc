#include "suppliers/review.h"

#include <gtest/gtest.h>

#include "suppliers/testing/fixtures.h"

namespace tb::suppliers {
namespace {

const Timestamp kNow = Timestamp::FromRfc3339("2025-06-01T00:00:00Z").value();

Result<SupplierRecord> Act(const SupplierRecord& r, ReviewAction action, ReviewerRole role,
                           std::string comment = "", std::string ungm = "") {
  return ApplyReview(r, {action, std::move(comment), std::move(ungm)}, role,
                     AssessReadiness(r, {}, kNow));
}

TEST(Review, WalksTheWholeWorkflow) {
  SupplierRecord r = testing::BasicCompleteRecord(1, kNow);
  r = Act(r, ReviewAction::kSubmit, ReviewerRole::kSupplier).value();
  EXPECT_EQ(r.state, ReviewState::kSubmitted);
  r = Act(r, ReviewAction::kStartReview, ReviewerRole::kCentreStaff).value();
  r = Act(r, ReviewAction::kRequestChanges, ReviewerRole::kCentreStaff, "add a second contact")
          .value();
  EXPECT_EQ(r.state, ReviewState::kChangesRequested);
  EXPECT_EQ(r.review_comment, "add a second contact");
  r = Act(r, ReviewAction::kSubmit, ReviewerRole::kSupplier).value();
  r = Act(r, ReviewAction::kStartReview, ReviewerRole::kCentreStaff).value();
  r = Act(r, ReviewAction::kMarkReady, ReviewerRole::kCentreStaff).value();
  EXPECT_EQ(r.state, ReviewState::kReady);
  EXPECT_TRUE(r.review_comment.empty());
  r = Act(r, ReviewAction::kMarkRegistered, ReviewerRole::kCentreStaff, "", "672341").value();
  EXPECT_EQ(r.state, ReviewState::kRegistered);
  EXPECT_EQ(r.ungm_number, "672341");
}

TEST(Review, OnlyTheSupplierSubmitsAndOnlyStaffReview) {
  SupplierRecord r = testing::BasicCompleteRecord(1, kNow);
  EXPECT_EQ(Act(r, ReviewAction::kSubmit, ReviewerRole::kCentreStaff).status().code(),
            StatusCode::kPermissionDenied);
  r.state = ReviewState::kSubmitted;
  for (ReviewAction a : {ReviewAction::kStartReview, ReviewAction::kRequestChanges,
                         ReviewAction::kMarkReady, ReviewAction::kMarkRegistered}) {
    EXPECT_EQ(Act(r, a, ReviewerRole::kSupplier, "x", "1").status().code(),
              StatusCode::kPermissionDenied)
        << ReviewActionName(a);
  }
}

TEST(Review, RefusesActionsOutOfOrder) {
  SupplierRecord r = testing::BasicCompleteRecord(1, kNow);
  EXPECT_EQ(Act(r, ReviewAction::kStartReview, ReviewerRole::kCentreStaff).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      Act(r, ReviewAction::kMarkRegistered, ReviewerRole::kCentreStaff, "", "1").status().code(),
      StatusCode::kFailedPrecondition);
  r.state = ReviewState::kInReview;
  EXPECT_EQ(Act(r, ReviewAction::kSubmit, ReviewerRole::kSupplier).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      Act(r, ReviewAction::kMarkRegistered, ReviewerRole::kCentreStaff, "", "1").status().code(),
      StatusCode::kFailedPrecondition)
      << "ready comes first";
}

TEST(Review, SubmitNeedsTheBasicItems) {
  SupplierRecord r = testing::BasicCompleteRecord(1, kNow);
  r.profile.contacts.clear();
  Result<SupplierRecord> refused = Act(r, ReviewAction::kSubmit, ReviewerRole::kSupplier);
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
}

TEST(Review, ChecksCommentAndUngmNumber) {
  SupplierRecord r = testing::BasicCompleteRecord(1, kNow);
  r.state = ReviewState::kInReview;
  EXPECT_EQ(
      Act(r, ReviewAction::kRequestChanges, ReviewerRole::kCentreStaff, "  ").status().field(),
      "comment");
  r.state = ReviewState::kReady;
  for (const char* bad : {"", "12 34", "<script>", "123456789012345678901"}) {
    EXPECT_EQ(
        Act(r, ReviewAction::kMarkRegistered, ReviewerRole::kCentreStaff, "", bad).status().field(),
        "ungm_number")
        << bad;
  }
  EXPECT_EQ(ParseReviewAction("mark_ready"), ReviewAction::kMarkReady);
  EXPECT_FALSE(ParseReviewAction("approve").has_value());
}

}  // namespace
}  // namespace tb::suppliers
