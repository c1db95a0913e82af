#pragma once

#include <istream>
#include <memory>
#include <string>

#include "core/result.h"
#include "notices/import_service.h"
#include "notices/importers/record_reader.h"

namespace tb::notices::importers {

// The reader for `kind` over `in`. For kUngm the first byte that is not white space picks
// the shape: '{' or '[' is a JSON listing (UNGM or UNDP), anything else the UNGM CSV.
// `name` appears in every locator. Never fails today; Result leaves room for kinds that
// need set-up.
Result<std::unique_ptr<RecordReader>> MakeReader(ImportKind kind, std::istream& in, std::string name);

}  // namespace tb::notices::importers
