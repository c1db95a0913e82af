#pragma once

#include <span>
#include <string_view>

#include "core/status.h"
#include "tenders/tender.h"

// The tender state machine as a table (docs/tendering.md, "States"): which role may move a
// tender from which state to which. Every module that changes a tender's state (publishing
// and cancelling here, the opening in bids, evaluation and award) checks its move against
// this one table.
namespace tb::tenders {

// Who moves a tender, as far as the table cares. The caller decides who the actor is (an
// agency officer of the buying organisation is the owner; the deadline job is the system).
enum class TenderActor {
  kOwner,             // an agency officer of the buying organisation
  kSystem,            // the scheduler: time-driven moves only
  kOpeningCommittee,  // k members acting together (ET-06)
};
std::string_view TenderActorName(TenderActor actor);  // "owner", "system", "opening_committee"

struct Transition {
  TenderState from;
  TenderState to;
  TenderActor by;
  std::string_view action;  // "publish", "close", "open", ...: the audit kind's verb
};

// Every allowed move. Anything not listed is refused.
std::span<const Transition> Transitions();

// Ok when `by` may move a tender from `from` to `to`. FailedPrecondition naming both states
// when no one may ("a closed tender cannot become published"); PermissionDenied when the move
// exists but belongs to another actor (only the scheduler closes a tender at its deadline).
Status CheckTransition(TenderState from, TenderState to, TenderActor by);

// True for the states in which the tender is public (published and every later state
// reached through publication). A cancelled tender is public when it had been published.
bool IsPublicState(TenderState state);

}  // namespace tb::tenders
