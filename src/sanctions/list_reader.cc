#include "sanctions/list_reader.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sodium.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <tuple>
#include <memory>
#include <mutex>

#include "core/text.h"

namespace tb::sanctions {
namespace {

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

bool Named(const xmlNode* node, const char* name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE &&
         xmlStrcmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

// The element's text with runs of white space collapsed: the list pads names ("CHO  ",
// " RI ") and breaks comments across lines.
std::string Text(const xmlNode* node) {
  if (node == nullptr) return {};
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return {};
  std::string out = text::CollapseWhitespace(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return out;
}

const xmlNode* Child(const xmlNode* parent, const char* name) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (Named(c, name)) return c;
  }
  return nullptr;
}

std::string ChildText(const xmlNode* parent, const char* name) { return Text(Child(parent, name)); }

// Texts of every <VALUE> under each child `name` (NATIONALITY/VALUE...), or of each child
// `name`'s `leaf` element (INDIVIDUAL_ADDRESS/COUNTRY).
std::vector<std::string> Values(const xmlNode* parent, const char* name, const char* leaf) {
  std::vector<std::string> out;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (!Named(c, name)) continue;
    for (const xmlNode* v = c->children; v != nullptr; v = v->next) {
      if (!Named(v, leaf)) continue;
      std::string value = Text(v);
      if (!value.empty() && std::find(out.begin(), out.end(), value) == out.end()) {
        out.push_back(std::move(value));
      }
    }
  }
  return out;
}

void AddName(ListedEntry& entry, ListedName::Source source, std::string name,
             std::string quality) {
  if (name.empty()) return;
  for (const ListedName& existing : entry.names) {
    if (existing.text == name) return;
  }
  entry.names.push_back({source, std::move(name), std::move(quality)});
}

Result<ListedEntry> ReadEntry(const xmlNode* node, EntryKind kind, const ReaderOptions& options,
                              int position) {
  ListedEntry entry;
  entry.kind = kind;
  entry.data_id = ChildText(node, "DATAID");
  const std::string where = std::string(EntryKindName(kind)) + " #" + std::to_string(position);
  if (entry.data_id.empty()) {
    return Status::InvalidArgument("the sanctions list's " + where + " has no DATAID")
        .WithField("DATAID");
  }
  const std::string version = ChildText(node, "VERSIONNUM");
  entry.version_num = std::atoll(version.c_str());
  entry.reference_number = ChildText(node, "REFERENCE_NUMBER");
  entry.list_type = ChildText(node, "UN_LIST_TYPE");
  entry.listed_on = ChildText(node, "LISTED_ON");
  entry.comments = ChildText(node, "COMMENTS1");

  std::string primary;
  for (const char* part : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
    const std::string piece = ChildText(node, part);
    if (piece.empty()) continue;
    if (!primary.empty()) primary += ' ';
    primary += piece;
  }
  // The primary name goes first even when empty, so names[0] is always the primary slot.
  entry.names.push_back({ListedName::Source::kPrimary, primary, ""});
  const char* alias_tag = kind == EntryKind::kIndividual ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS";
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (Named(c, alias_tag)) {
      AddName(entry, ListedName::Source::kAlias, ChildText(c, "ALIAS_NAME"),
              ChildText(c, "QUALITY"));
    } else if (Named(c, "NAME_ORIGINAL_SCRIPT")) {
      AddName(entry, ListedName::Source::kOriginalScript, Text(c), "");
    }
  }
  if (primary.empty()) {
    if (entry.names.size() == 1) {
      return Status::InvalidArgument("the sanctions list's entry " + entry.data_id +
                                     " has no name")
          .WithField("FIRST_NAME");
    }
    // Keep the slot meaningful: promote the first alias.
    entry.names.front() = entry.names[1];
    entry.names.front().source = ListedName::Source::kPrimary;
    entry.names.erase(entry.names.begin() + 1);
  }

  entry.nationalities = Values(node, "NATIONALITY", "VALUE");
  entry.address_countries =
      Values(node, kind == EntryKind::kIndividual ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS",
             "COUNTRY");
  if (options.country_code) {
    for (const auto* list : {&entry.nationalities, &entry.address_countries}) {
      for (const std::string& country : *list) {
        std::optional<std::string> code = options.country_code(country);
        if (!code) {
          // "Iran (Islamic Republic of)", "Libya (in custody)": try the part before "(".
          const std::size_t paren = country.find('(');
          if (paren != std::string::npos && paren > 0) {
            code = options.country_code(text::Trim(std::string_view(country).substr(0, paren)));
          }
        }
        if (code) entry.country_codes.push_back(*code);
      }
    }
    std::sort(entry.country_codes.begin(), entry.country_codes.end());
    entry.country_codes.erase(std::unique(entry.country_codes.begin(), entry.country_codes.end()),
                              entry.country_codes.end());
  }
  return entry;
}

void InitLibxmlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

}  // namespace

const char* EntryKindName(EntryKind kind) {
  return kind == EntryKind::kIndividual ? "individual" : "entity";
}

std::int64_t SanctionsList::individual_count() const {
  return std::count_if(entries.begin(), entries.end(),
                       [](const ListedEntry& e) { return e.kind == EntryKind::kIndividual; });
}

std::int64_t SanctionsList::entity_count() const {
  return static_cast<std::int64_t>(entries.size()) - individual_count();
}

std::string Sha256Hex(std::string_view bytes) {
  // sodium_init is idempotent and thread-safe; its result does not matter here because
  // SHA-256 needs no random source.
  [[maybe_unused]] const int sodium_ready = sodium_init();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

Result<SanctionsList> ReadConsolidatedList(std::string_view xml, const ReaderOptions& options) {
  if (xml.size() > options.max_bytes) {
    return Status::InvalidArgument("the sanctions list file is " + std::to_string(xml.size()) +
                                   " bytes, more than the limit of " +
                                   std::to_string(options.max_bytes));
  }
  if (xml.empty()) return Status::InvalidArgument("the sanctions list file is empty");
  // The official list never has a DTD. Refusing any declaration before parsing shuts out
  // external entities (XXE) and entity expansion (billion laughs) whatever the parser
  // options do; the options below are the second line.
  for (std::string_view marker : {"<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity"}) {
    if (xml.find(marker) != std::string_view::npos) {
      return Status::InvalidArgument(
          "the sanctions list declares a DTD or an entity, which is refused (AS-24)");
    }
  }
  if (xml.size() > static_cast<std::size_t>(INT32_MAX)) {
    return Status::InvalidArgument("the sanctions list file is too large");
  }
  InitLibxmlOnce();
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) return Status::Internal("libxml2 could not allocate a parser");
  // No XML_PARSE_NOENT (entity substitution), DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE.
  const int parse_options =
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  std::unique_ptr<xmlDoc, DocFree> doc(xmlCtxtReadMemory(
      ctxt.get(), xml.data(), static_cast<int>(xml.size()), "sanctions.xml", "UTF-8",
      parse_options));
  if (!doc || ctxt->wellFormed == 0) {
    const xmlError* error = xmlCtxtGetLastError(ctxt.get());
    std::string detail = error != nullptr && error->message != nullptr
                             ? text::CollapseWhitespace(error->message)
                             : "unknown error";
    const int line = error != nullptr ? error->line : 0;
    return Status::InvalidArgument("the sanctions list is not well-formed XML (line " +
                                   std::to_string(line) + ": " + detail + ")");
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    return Status::InvalidArgument(
        "the sanctions list declares a DTD, which is refused (AS-24)");
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!Named(root, "CONSOLIDATED_LIST")) {
    return Status::InvalidArgument(
        "the file is not the UN Security Council Consolidated List (root element is not "
        "CONSOLIDATED_LIST)");
  }
  SanctionsList list;
  xmlChar* generated = xmlGetProp(root, reinterpret_cast<const xmlChar*>("dateGenerated"));
  if (generated != nullptr) {
    list.date_generated = text::Trim(reinterpret_cast<const char*>(generated));
    xmlFree(generated);
  }
  Result<Timestamp> at = Timestamp::FromRfc3339(list.date_generated);
  if (list.date_generated.empty() || !at.ok()) {
    return Status::InvalidArgument("the sanctions list has no readable dateGenerated")
        .WithField("dateGenerated");
  }
  list.generated_at = *at;
  const xmlNode* individuals = Child(root, "INDIVIDUALS");
  const xmlNode* entities = Child(root, "ENTITIES");
  if (individuals == nullptr || entities == nullptr) {
    return Status::InvalidArgument(
        "the sanctions list lacks its INDIVIDUALS or ENTITIES section");
  }
  int position = 0;
  for (const auto& [section, tag, kind] :
       {std::tuple{individuals, "INDIVIDUAL", EntryKind::kIndividual},
        std::tuple{entities, "ENTITY", EntryKind::kEntity}}) {
    position = 0;
    for (const xmlNode* c = section->children; c != nullptr; c = c->next) {
      if (!Named(c, tag)) continue;
      TB_ASSIGN_OR_RETURN(ListedEntry entry, ReadEntry(c, kind, options, ++position));
      list.entries.push_back(std::move(entry));
    }
  }
  if (list.entries.empty()) return Status::InvalidArgument("the sanctions list has no entries");
  list.sha256 = Sha256Hex(xml);
  return list;
}

}  // namespace tb::sanctions
