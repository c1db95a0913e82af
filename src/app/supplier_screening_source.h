#pragma once

#include <functional>

#include "screening/screening_service.h"

namespace tb::suppliers {
class SupplierService;
}  // namespace tb::suppliers

namespace tb::app {

// The supplier register as the screening service's ScreeningSubjectSource: every supplier
// (its legal, Latin and trading names, kind "supplier", id = the supplier id) and each of its
// listed owners (kind "owner", id "<supplier id>/owners/<n>", n from 0 in profile order).
// suppliers/ and screening/ do not know each other, so app/ joins them. Pages through
// SupplierService::ScreeningSubjects; `suppliers` must outlive it.
class SupplierScreeningSource final : public screening::ScreeningSubjectSource {
 public:
  explicit SupplierScreeningSource(suppliers::SupplierService& suppliers, int page_size = 500)
      : suppliers_(suppliers), page_size_(page_size) {}

  Status ForEachSubject(
      const std::function<Status(const screening::ScreeningSubject&)>& visit) override;

 private:
  suppliers::SupplierService& suppliers_;
  const int page_size_;
};

}  // namespace tb::app
