#pragma once

#include <functional>
#include <vector>

#include "screening/screening_service.h"

namespace tb::suppliers {
class SupplierService;
struct ScreeningSubject;
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

  // What one supplier is screened as: the company (when it has a name) and each named owner.
  // Also used when a profile is submitted for review (Context wires it).
  static std::vector<screening::ScreeningSubject> SubjectsOf(const suppliers::ScreeningSubject& s);

 private:
  suppliers::SupplierService& suppliers_;
  const int page_size_;
};

}  // namespace tb::app
