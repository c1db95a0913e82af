#include "app/supplier_screening_source.h"

#include <string>
#include <vector>

#include "suppliers/supplier_service.h"

namespace tb::app {
namespace {

bool HasText(const std::string& s) { return s.find_first_not_of(" \t\r\n") != std::string::npos; }

}  // namespace

std::vector<screening::ScreeningSubject> SupplierScreeningSource::SubjectsOf(
    const suppliers::ScreeningSubject& s) {
  std::vector<screening::ScreeningSubject> subjects;
  const std::string id = std::to_string(s.supplier.value);
  screening::ScreeningSubject company{"supplier", id, {}, s.country};
  for (const std::string* name : {&s.legal_name, &s.legal_name_latin}) {
    if (HasText(*name)) company.names.push_back(*name);
  }
  for (const std::string& name : s.trading_names) {
    if (HasText(name)) company.names.push_back(name);
  }
  // A draft without any name yet has nothing to compare; it is screened once named.
  if (!company.names.empty()) subjects.push_back(std::move(company));
  for (std::size_t i = 0; i < s.owner_names.size(); ++i) {
    if (!HasText(s.owner_names[i])) continue;
    // The owner's country is not known here; screening does not need it.
    subjects.push_back(
        {"owner", id + "/owners/" + std::to_string(i), {s.owner_names[i]}, std::string()});
  }
  return subjects;
}

Status SupplierScreeningSource::ForEachSubject(
    const std::function<Status(const screening::ScreeningSubject&)>& visit) {
  SupplierId after;
  while (true) {
    TB_ASSIGN_OR_RETURN(std::vector<suppliers::ScreeningSubject> page,
                        suppliers_.ScreeningSubjects(after, page_size_));
    for (const suppliers::ScreeningSubject& s : page) {
      for (const screening::ScreeningSubject& subject : SubjectsOf(s)) {
        TB_RETURN_IF_ERROR(visit(subject));
      }
    }
    if (static_cast<int>(page.size()) < page_size_) return Status::Ok();
    after = page.back().supplier;
  }
}

}  // namespace tb::app
