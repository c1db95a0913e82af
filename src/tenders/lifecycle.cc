#include "tenders/lifecycle.h"

#include <string>

namespace tb::tenders {

std::string_view TenderActorName(TenderActor actor) {
  switch (actor) {
    case TenderActor::kOwner:
      return "owner";
    case TenderActor::kSystem:
      return "system";
    case TenderActor::kOpeningCommittee:
      return "opening_committee";
  }
  return "";
}

std::span<const Transition> Transitions() {
  using S = TenderState;
  using A = TenderActor;
  // Cancellation is open to the owner in every state before completion: an award can still
  // be cancelled during the standstill (a successful challenge). Closing is the scheduler's
  // alone, so the deadline is the only thing that ends the submission period.
  static constexpr Transition kTable[] = {
      {S::kDraft, S::kPublished, A::kOwner, "publish"},
      {S::kDraft, S::kCancelled, A::kOwner, "cancel"},
      {S::kPublished, S::kClosed, A::kSystem, "close"},
      {S::kPublished, S::kCancelled, A::kOwner, "cancel"},
      {S::kClosed, S::kOpened, A::kOpeningCommittee, "open"},
      {S::kClosed, S::kCancelled, A::kOwner, "cancel"},
      {S::kOpened, S::kEvaluation, A::kOwner, "start_evaluation"},
      {S::kOpened, S::kCancelled, A::kOwner, "cancel"},
      {S::kEvaluation, S::kAwarded, A::kOwner, "award"},
      {S::kEvaluation, S::kCancelled, A::kOwner, "cancel"},
      {S::kAwarded, S::kCompleted, A::kOwner, "complete"},
      {S::kAwarded, S::kCancelled, A::kOwner, "cancel"},
  };
  return kTable;
}

Status CheckTransition(TenderState from, TenderState to, TenderActor by) {
  bool exists = false;
  for (const Transition& t : Transitions()) {
    if (t.from != from || t.to != to) continue;
    if (t.by == by) return Status::Ok();
    exists = true;
  }
  const std::string move = "a " + std::string(TenderStateName(from)) + " tender cannot become " +
                           std::string(TenderStateName(to));
  if (exists) {
    return Status::PermissionDenied(move + " by the " + std::string(TenderActorName(by)));
  }
  return Status::FailedPrecondition(move).WithField("state");
}

bool IsPublicState(TenderState state) {
  return state != TenderState::kDraft && state != TenderState::kCancelled;
}

}  // namespace tb::tenders
