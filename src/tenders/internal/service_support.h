#pragma once

// What the three files of TenderService share (tender_service.cc, tender_service_amend.cc,
// tender_service_committee.cc). Private to tenders/.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "audit/entry.h"
#include "auth/actor.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "tenders/committee.h"
#include "tenders/tender.h"
#include "tenders/tender_store.h"

namespace tb::tenders::internal {

using Fields = std::vector<std::pair<std::string, std::string>>;

// "user:12", or "" for the public.
std::string ActorName(const auth::Actor& actor);

audit::Entry MakeEntry(std::string kind, Timestamp at, const auth::Actor& actor,
                       const Tender& tender, Fields fields = {});

// An agency officer (MFA passed) of the buying organisation.
bool IsOwner(const auth::Actor& actor, const Tender& tender);

// The actor sits on the tender's committee (in `role`, or in either when nullopt).
Result<bool> OnCommittee(TenderStore& store, const auth::Actor& actor, const Tender& tender,
                         std::optional<CommitteeRole> role);

// The actor may read the tender: it was published, or the actor owns it or sits on its
// committee.
Result<bool> CanRead(TenderStore& store, const auth::Actor& actor, const Tender& tender);

// The NotFound every unreadable or missing tender answers.
Status NoSuchTender();

// Records an "access.denied" audit entry for `action` on the tender (ET-08) and returns the
// PermissionDenied to answer with.
Status Deny(TenderStore& store, Timestamp now, const auth::Actor& actor, const Tender& tender,
            std::string_view action, std::string_view who_may);

// Top-level keys whose values differ between two editable forms, in `after`'s key order
// (then keys only `before` has).
std::vector<std::string> ChangedFields(const nlohmann::json& before, const nlohmann::json& after);

// Text checks for questions, answers and reasons: trimmed, 1..max characters, valid UTF-8.
Result<std::string> RequiredText(std::string_view text, std::size_t max, std::string field);

// The supplier a supplier user acts for: `requested` when it may act for it, its only
// supplier organisation when `requested` is invalid. PermissionDenied / InvalidArgument
// (field "supplier_id" when it acts for several).
Result<SupplierId> ActingSupplier(const auth::Actor& actor, SupplierId requested);

// The first instant >= `earliest` at the deadline's local wall-clock time in `zone` (a day
// whose time falls in a DST gap or overlap is skipped).
Result<Timestamp> SameLocalTimeOnOrAfter(Timestamp deadline, std::string_view zone,
                                         Timestamp earliest);

}  // namespace tb::tenders::internal
