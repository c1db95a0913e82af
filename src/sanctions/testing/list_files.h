#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace tb::sanctions::testing {

// The bytes of data/un-sanctions/<name> (TB_SOURCE_DIR is set by ctest; the fallback serves
// runs from the repository root).
inline std::string ReadListFile(const std::string& name) {
  const char* root = std::getenv("TB_SOURCE_DIR");
  const std::string path = std::string(root != nullptr ? root : ".") + "/data/un-sanctions/" + name;
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline constexpr const char* k2024 = "un-sc-consolidated-2024-09-26.xml";
inline constexpr const char* k2017 = "un-sc-consolidated-2017-07-03.xml";

// A minimal well-formed list with one individual and one entity.
inline std::string SmallList(const std::string& date_generated = "2026-11-01T00:00:00Z") {
  return "<?xml version='1.0' encoding='UTF-8'?>\n<CONSOLIDATED_LIST dateGenerated='" +
         date_generated +
         "'><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><VERSIONNUM>1</VERSIONNUM>"
         "<FIRST_NAME>IVAN</FIRST_NAME><SECOND_NAME>PETROVICH</SECOND_NAME>"
         "<THIRD_NAME>SIDOROV</THIRD_NAME><REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER>"
         "<NATIONALITY><VALUE>Russian Federation</VALUE></NATIONALITY>"
         "<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Vanya Sidorov</ALIAS_NAME>"
         "</INDIVIDUAL_ALIAS></INDIVIDUAL></INDIVIDUALS><ENTITIES><ENTITY><DATAID>2</DATAID>"
         "<VERSIONNUM>3</VERSIONNUM><FIRST_NAME>GOLDEN LOTUS TRADING CO., LTD.</FIRST_NAME>"
         "<REFERENCE_NUMBER>XXe.001</REFERENCE_NUMBER><ENTITY_ADDRESS><COUNTRY>China</COUNTRY>"
         "</ENTITY_ADDRESS></ENTITY></ENTITIES></CONSOLIDATED_LIST>\n";
}

}  // namespace tb::sanctions::testing
