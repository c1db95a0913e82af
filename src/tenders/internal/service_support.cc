#include "tenders/internal/service_support.h"

#include <algorithm>

#include "auth/policy.h"
#include "core/text.h"
#include "tenders/lifecycle.h"

namespace tb::tenders::internal {

std::string ActorName(const auth::Actor& actor) {
  return actor.authenticated() ? "user:" + std::to_string(actor.user.value) : "";
}

audit::Entry MakeEntry(std::string kind, Timestamp at, const auth::Actor& actor,
                       const Tender& tender, Fields fields) {
  return audit::Entry{std::move(kind), at, ActorName(actor), "tender:" + tender.ocid,
                      std::move(fields)};
}

bool IsOwner(const auth::Actor& actor, const Tender& tender) {
  return auth::CanActForAgency(actor, tender.organisation);
}

Result<bool> OnCommittee(TenderStore& store, const auth::Actor& actor, const Tender& tender,
                         std::optional<CommitteeRole> role) {
  if (!actor.authenticated()) return false;
  TB_ASSIGN_OR_RETURN(std::vector<CommitteeMember> members, store.Committee(tender.id));
  return std::any_of(members.begin(), members.end(), [&](const CommitteeMember& m) {
    return m.user == actor.user && (!role || m.role == *role);
  });
}

Result<bool> CanRead(TenderStore& store, const auth::Actor& actor, const Tender& tender) {
  if (tender.published_at.has_value() || IsPublicState(tender.state)) return true;
  if (IsOwner(actor, tender)) return true;
  return OnCommittee(store, actor, tender, std::nullopt);
}

Status NoSuchTender() { return Status::NotFound("no such tender").WithField("ocid"); }

Status Deny(TenderStore& store, Timestamp now, const auth::Actor& actor, const Tender& tender,
            std::string_view action, std::string_view who_may) {
  // The refusal stands even when the entry cannot be written: an unrecorded attempt must not
  // become an allow (http/ also writes it to the security log).
  (void)store.RecordAudit(
      MakeEntry("access.denied", now, actor, tender, {{"action", std::string(action)}}));
  return Status::PermissionDenied(std::string(who_may) + " may " + std::string(action));
}

std::vector<std::string> ChangedFields(const nlohmann::json& before, const nlohmann::json& after) {
  std::vector<std::string> changed;
  for (const auto& [key, value] : after.items()) {
    if (!before.contains(key) || before.at(key) != value) changed.push_back(key);
  }
  for (const auto& [key, value] : before.items()) {
    (void)value;
    if (!after.contains(key)) changed.push_back(key);
  }
  return changed;
}

Result<std::string> RequiredText(std::string_view text, std::size_t max, std::string field) {
  const std::string trimmed(text::Trim(text));
  if (trimmed.empty()) return Status::InvalidArgument("is required").WithField(std::move(field));
  if (!text::IsValidUtf8(trimmed)) {
    return Status::InvalidArgument("must be valid UTF-8 text").WithField(std::move(field));
  }
  std::size_t length = 0;
  for (unsigned char c : trimmed) length += (c & 0xC0) != 0x80;
  if (length > max) {
    return Status::InvalidArgument("must be at most " + std::to_string(max) + " characters")
        .WithField(std::move(field));
  }
  return trimmed;
}

Result<SupplierId> ActingSupplier(const auth::Actor& actor, SupplierId requested) {
  if (requested.valid()) {
    if (!auth::CanActForSupplier(actor, OrganisationId{requested.value})) {
      return Status::PermissionDenied("only the supplier's own users may act for it");
    }
    return requested;
  }
  std::vector<OrganisationId> own;
  for (OrganisationId org : actor.OrganisationsWith(auth::Role::kSupplierUser)) {
    if (auth::CanActForSupplier(actor, org)) own.push_back(org);
  }
  if (own.empty()) return Status::PermissionDenied("only supplier users may do this");
  if (own.size() > 1) {
    return Status::InvalidArgument("you act for several suppliers; name one")
        .WithField("supplier_id");
  }
  return SupplierId{own.front().value};
}

Result<Timestamp> SameLocalTimeOnOrAfter(Timestamp deadline, std::string_view zone,
                                         Timestamp earliest) {
  TB_ASSIGN_OR_RETURN(std::string time_of_day, LocalDeadlineText(deadline, zone));
  time_of_day = time_of_day.substr(10);  // "T17:00:00"
  for (int day = 0; day < 4; ++day) {
    TB_ASSIGN_OR_RETURN(std::string local,
                        LocalDeadlineText(earliest + std::chrono::hours(24) * day, zone));
    Result<Timestamp> candidate = DeadlineFromLocal(local.substr(0, 10) + time_of_day, zone);
    if (candidate.ok() && *candidate >= earliest) return *candidate;
  }
  return earliest;
}

}  // namespace tb::tenders::internal
