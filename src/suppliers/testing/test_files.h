#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tb::suppliers::testing {

using Bytes = std::vector<std::uint8_t>;

// Small, real files of each accepted type and of the kinds an upload must refuse.
Bytes MinimalPdf(const std::string& marker = "hello");
Bytes MinimalPng();
Bytes MinimalJpeg();
Bytes MinimalDocx();
Bytes MinimalXlsx();
Bytes WindowsExecutable();  // "MZ" + PE header: what a renamed .exe looks like
Bytes EicarFile();
Bytes PlainZip();  // a zip that is neither DOCX nor XLSX

// A zip of stored (uncompressed) entries, in the given order.
Bytes StoredZip(const std::vector<std::pair<std::string, std::string>>& entries);
// A DOCX-looking package whose word/document.xml is `zero_bytes` of deflated zeros: small
// on the wire, huge when unpacked.
Bytes DocxBomb(std::size_t zero_bytes);
// A zip whose central directory lists `entries` empty entries.
Bytes ZipWithEntries(int entries);

}  // namespace tb::suppliers::testing
