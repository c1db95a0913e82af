#pragma once

#include <istream>
#include <string>
#include <vector>

#include "notices/importers/csv_reader.h"
#include "notices/importers/record_reader.h"

namespace tb::notices::importers {

// Reads Colombia's SECOP open data as shipped in data/secop-colombia: SECOP II "Procesos de
// Contratación" (natural key id_del_proceso, "CO1.REQ.…") and SECOP I "Procesos de Compra
// Pública" (natural key numero_de_constancia), told apart by the header. Spanish text,
// values in COP, country CO, SECOP II times are Bogotá local time.
class SecopReader final : public RecordReader {
 public:
  SecopReader(std::istream& in, std::string name);

  Result<bool> Next(ReadRecord& record) override;
  std::int64_t bytes_read() const override { return csv_.bytes_read(); }

 private:
  ReadRecord MapSecop2(const std::vector<std::string>& row, std::string locator) const;
  ReadRecord MapSecop1(const std::vector<std::string>& row, std::string locator) const;

  std::string name_;
  CsvReader csv_;
  CsvHeader header_;
  int version_ = 0;  // 1 or 2 once the header is read
  std::vector<std::string> row_;
};

}  // namespace tb::notices::importers
