#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/timestamp.h"
#include "notices/notice.h"
#include "search/notice_facets.h"

namespace Xapian {
class Document;
}

namespace tb::search {
class UnspscTitleLookup;
}

// Turns a Notice into a Xapian document (terms, values, stored data) and back into the hit
// fields. Private to search/.
namespace tb::search::internal {

// What a hit needs without reading the database: kept as the document's data.
struct StoredNotice {
  NoticeId id;
  std::string public_id;
  std::string title;
  std::string title_language;
  std::string agency;
  std::string buyer;
  std::string type;
  std::vector<std::string> countries;
  std::vector<std::string> codes;
  std::optional<Timestamp> published;
  std::optional<Timestamp> deadline;
  bool terminal = false;  // cancelled, unsuccessful, complete or withdrawn
  std::string description;  // cut to kStoredDescriptionBytes, for snippets
  std::string description_language;
};

using search::AgencyKey;         // search/notice_facets.h
using search::LooksSustainable;  // search/notice_facets.h

// The unique term of a notice: "Q<id>".
std::string IdTerm(NoticeId id);

// Builds the document. `titles` (may be null) supplies the titles of the notice's codes.
Xapian::Document BuildDocument(const notices::Notice& notice, const UnspscTitleLookup* titles);

StoredNotice ReadStored(const std::string& data);

}  // namespace tb::search::internal
