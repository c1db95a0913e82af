#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace tb {

// An internal integer id that cannot be mixed up with another kind of id:
// `NoticeId{7}` does not convert to `SupplierId`. Zero means "not stored yet".
template <typename Tag>
struct StrongId {
  std::int64_t value = 0;

  constexpr bool valid() const { return value > 0; }
  constexpr auto operator<=>(const StrongId&) const = default;
};

using NoticeId = StrongId<struct NoticeIdTag>;
using SupplierId = StrongId<struct SupplierIdTag>;
using OrganisationId = StrongId<struct OrganisationIdTag>;
using UserId = StrongId<struct UserIdTag>;
using TenderId = StrongId<struct TenderIdTag>;

}  // namespace tb

template <typename Tag>
struct std::hash<tb::StrongId<Tag>> {
  std::size_t operator()(const tb::StrongId<Tag>& id) const noexcept {
    return std::hash<std::int64_t>{}(id.value);
  }
};
