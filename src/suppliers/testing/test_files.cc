#include "suppliers/testing/test_files.h"

#include <zlib.h>

#include <cstring>

namespace tb::suppliers::testing {
namespace {

void Put16(Bytes& b, std::uint32_t v) {
  b.push_back(static_cast<std::uint8_t>(v));
  b.push_back(static_cast<std::uint8_t>(v >> 8));
}
void Put32(Bytes& b, std::uint32_t v) {
  Put16(b, v & 0xFFFF);
  Put16(b, v >> 16);
}
void Append(Bytes& b, const std::string& s) { b.insert(b.end(), s.begin(), s.end()); }

struct Entry {
  std::string name;
  Bytes data;  // as stored (compressed when method 8)
  std::uint32_t crc = 0;
  std::uint32_t uncompressed = 0;
  std::uint16_t method = 0;
};

Bytes WriteZip(const std::vector<Entry>& entries) {
  Bytes out;
  std::vector<std::uint32_t> offsets;
  for (const Entry& e : entries) {
    offsets.push_back(static_cast<std::uint32_t>(out.size()));
    Put32(out, 0x04034b50);
    Put16(out, 20);
    Put16(out, 0);
    Put16(out, e.method);
    Put16(out, 0);
    Put16(out, 0x21);
    Put32(out, e.crc);
    Put32(out, static_cast<std::uint32_t>(e.data.size()));
    Put32(out, e.uncompressed);
    Put16(out, static_cast<std::uint32_t>(e.name.size()));
    Put16(out, 0);
    Append(out, e.name);
    out.insert(out.end(), e.data.begin(), e.data.end());
  }
  const auto cd_start = static_cast<std::uint32_t>(out.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    Put32(out, 0x02014b50);
    Put16(out, 20);
    Put16(out, 20);
    Put16(out, 0);
    Put16(out, e.method);
    Put16(out, 0);
    Put16(out, 0x21);
    Put32(out, e.crc);
    Put32(out, static_cast<std::uint32_t>(e.data.size()));
    Put32(out, e.uncompressed);
    Put16(out, static_cast<std::uint32_t>(e.name.size()));
    Put16(out, 0);
    Put16(out, 0);
    Put16(out, 0);
    Put16(out, 0);
    Put32(out, 0);
    Put32(out, offsets[i]);
    Append(out, e.name);
  }
  const auto cd_size = static_cast<std::uint32_t>(out.size()) - cd_start;
  Put32(out, 0x06054b50);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<std::uint32_t>(entries.size()));
  Put16(out, static_cast<std::uint32_t>(entries.size()));
  Put32(out, cd_size);
  Put32(out, cd_start);
  Put16(out, 0);
  return out;
}

Entry Stored(const std::string& name, const std::string& text) {
  Entry e;
  e.name = name;
  e.data.assign(text.begin(), text.end());
  e.crc = static_cast<std::uint32_t>(crc32(0, e.data.data(), static_cast<uInt>(e.data.size())));
  e.uncompressed = static_cast<std::uint32_t>(e.data.size());
  return e;
}

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>)";

}  // namespace

Bytes StoredZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::vector<Entry> list;
  for (const auto& [name, text] : entries) list.push_back(Stored(name, text));
  return WriteZip(list);
}

Bytes MinimalPdf(const std::string& marker) {
  const std::string text = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% " + marker +
                           "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
  return Bytes(text.begin(), text.end());
}

Bytes MinimalPng() {
  return {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I',  'H',  'D',  'R', 0,
          0,    0,   1,   0,   0,    0,    1,    8,    2, 0, 0, 0,  0x90, 0x77, 0x53, 0xde};
}

Bytes MinimalJpeg() {
  Bytes b = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J',  'F',  'I',  'F',
             0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00};
  b.insert(b.end(), {0xFF, 0xD9});
  return b;
}

Bytes MinimalDocx() {
  return StoredZip({{"[Content_Types].xml", kContentTypes},
                    {"_rels/.rels", "<Relationships/>"},
                    {"word/document.xml", "<w:document/>"}});
}

Bytes MinimalXlsx() {
  return StoredZip({{"[Content_Types].xml", kContentTypes},
                    {"_rels/.rels", "<Relationships/>"},
                    {"xl/workbook.xml", "<workbook/>"}});
}

Bytes WindowsExecutable() {
  Bytes b(256, 0);
  b[0] = 'M';
  b[1] = 'Z';
  b[0x3C] = 0x80;  // e_lfanew: the PE header follows at 0x80
  std::memcpy(b.data() + 0x80, "PE\0\0", 4);
  b[0x84] = 0x4c;  // machine i386
  b[0x85] = 0x01;
  b[0x94] = 0xE0;  // size of optional header
  b[0x96] = 0x02;  // characteristics: executable
  b[0x98] = 0x0b;  // optional header magic PE32
  b[0x99] = 0x01;
  return b;
}

Bytes EicarFile() {
  const std::string text =
      R"(X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*)";
  return Bytes(text.begin(), text.end());
}

Bytes PlainZip() { return StoredZip({{"notes.txt", "just text"}}); }

Bytes DocxBomb(std::size_t zero_bytes) {
  Entry bomb;
  bomb.name = "word/document.xml";
  bomb.method = 8;
  const Bytes zeros(zero_bytes, 0);
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  bomb.data.resize(deflateBound(&z, static_cast<uLong>(zeros.size())));
  z.next_in = const_cast<Bytef*>(zeros.data());
  z.avail_in = static_cast<uInt>(zeros.size());
  z.next_out = bomb.data.data();
  z.avail_out = static_cast<uInt>(bomb.data.size());
  deflate(&z, Z_FINISH);
  bomb.data.resize(z.total_out);
  deflateEnd(&z);
  bomb.crc = static_cast<std::uint32_t>(crc32(0, zeros.data(), static_cast<uInt>(zeros.size())));
  bomb.uncompressed = static_cast<std::uint32_t>(zero_bytes);
  return WriteZip({Stored("[Content_Types].xml", kContentTypes),
                   Stored("_rels/.rels", "<Relationships/>"), bomb});
}

Bytes ZipWithEntries(int entries) {
  std::vector<Entry> list;
  list.push_back(Stored("[Content_Types].xml", kContentTypes));
  list.push_back(Stored("word/document.xml", "<w:document/>"));
  for (int i = 2; i < entries; ++i) list.push_back(Stored("word/e" + std::to_string(i), ""));
  return WriteZip(list);
}

}  // namespace tb::suppliers::testing
