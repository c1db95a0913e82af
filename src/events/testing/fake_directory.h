#pragma once

#include <map>
#include <string>

#include "events/event_service.h"

namespace tb::events::testing {

// Organisations for tests: the ones added, plus agencies created on demand by name.
class FakeDirectory final : public OrganisationDirectory {
 public:
  void Add(OrganisationInfo info) { known_[info.id.value] = std::move(info); }

  Result<std::optional<OrganisationInfo>> Find(OrganisationId id) override {
    auto it = known_.find(id.value);
    if (it == known_.end()) return std::optional<OrganisationInfo>();
    return std::optional<OrganisationInfo>(it->second);
  }
  Result<OrganisationId> EnsureAgency(const std::string& name) override {
    for (const auto& [id, info] : known_) {
      if (info.agency && info.name == name) return info.id;
    }
    const OrganisationId id{next_++};
    known_[id.value] = {id, name, true, false, {}};
    return id;
  }

 private:
  std::map<std::int64_t, OrganisationInfo> known_;
  std::int64_t next_ = 1000;
};

}  // namespace tb::events::testing
