#include "notices/importers/reader_factory.h"

#include "notices/importers/austender_reader.h"
#include "notices/importers/ocds_reader.h"
#include "notices/importers/secop_reader.h"
#include "notices/importers/ungm_csv_reader.h"
#include "notices/importers/ungm_listing_reader.h"
#include "notices/importers/unspsc_reader.h"

namespace tb::notices::importers {

Result<std::unique_ptr<RecordReader>> MakeReader(ImportKind kind, std::istream& in, std::string name) {
  switch (kind) {
    case ImportKind::kUngm: {
      int c = in.peek();
      while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        in.get();
        c = in.peek();
      }
      if (c == '{' || c == '[') return std::unique_ptr<RecordReader>(new UngmListingReader(in, std::move(name)));
      return std::unique_ptr<RecordReader>(new UngmCsvReader(in, std::move(name)));
    }
    case ImportKind::kOcds:
      return std::unique_ptr<RecordReader>(new OcdsReader(in, std::move(name)));
    case ImportKind::kSecop:
      return std::unique_ptr<RecordReader>(new SecopReader(in, std::move(name)));
    case ImportKind::kAustender:
      return std::unique_ptr<RecordReader>(new AustenderReader(in, std::move(name)));
    case ImportKind::kUnspsc:
      return std::unique_ptr<RecordReader>(new UnspscReader(in, std::move(name)));
  }
  return Status::InvalidArgument("unknown import kind");
}

}  // namespace tb::notices::importers
