// Writes C++-sealed envelope fixtures for the cross-implementation tests (SECURITY.md CR-05):
// for each case NAME, DIR/NAME.env and DIR/NAME.json in the layout that
// src/crypto/cross_implementation_test.cc documents. The contents are fixed; the keys are
// fresh on every run and stored in the JSON, so these files are test data only: never use
// their keys for anything else.
// Usage: sealing_fixture_writer tests/data/sealing/cpp
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "crypto/envelope.h"
#include "crypto/random.h"
#include "crypto/sealing.h"

namespace {

using tb::Money;
using tb::crypto::EnvelopeBinding;
using tb::crypto::EnvelopeKind;
using tb::crypto::PlainFile;

struct Case {
  std::string name;
  EnvelopeBinding binding;
  std::vector<PlainFile> files;
  std::optional<Money> price;
};

std::vector<std::uint8_t> Text(std::string_view text) { return {text.begin(), text.end()}; }

// Deterministic bytes that are not a repeating short pattern.
std::vector<std::uint8_t> Pattern(std::size_t size, std::uint32_t seed) {
  std::vector<std::uint8_t> bytes(size);
  std::uint32_t state = seed;
  for (auto& byte : bytes) {
    state = state * 1664525u + 1013904223u;
    byte = static_cast<std::uint8_t>(state >> 24);
  }
  return bytes;
}

std::vector<Case> Cases() {
  return {
      {"single-two-files-with-price",
       {"ocds-tb0001-000-00101", EnvelopeKind::kSingle, "bid-cpp-1"},
       {{"offer.pdf", Pattern(1500, 1)},
        {"cover-letter.txt", Text("We offer 40 solar water pumps.\nDelivery: 6 weeks.\n")}},
       Money{123456, "USD"}},
      {"technical-multi-chunk-and-empty-file",
       {"ocds-tb0001-000-00102", EnvelopeKind::kTechnical, "Bid_cpp-2"},
       {{"Offre technique – été.pdf", Pattern(70000, 2)}, {"empty.txt", {}}},
       std::nullopt},
      {"financial-exactly-one-full-chunk",
       {"ocds-tb0001-000-00103", EnvelopeKind::kFinancial, "b3"},
       {{"price-schedule.xlsx", Pattern(65536, 3)}},
       Money{5000000, "JPY"}},
      {"single-no-files",
       {"ocds-tb0001-000-00104", EnvelopeKind::kSingle, "bid-cpp-4"},
       {},
       Money{0, "EUR"}},
  };
}

bool WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  for (const Case& c : Cases()) {
    tb::crypto::X25519KeyPair key = tb::crypto::GenerateX25519KeyPair();
    tb::Result<std::vector<std::uint8_t>> envelope =
        tb::crypto::SealEnvelope(c.binding, key.public_key, c.files, c.price);
    if (!envelope.ok()) {
      std::fprintf(stderr, "%s: %s\n", c.name.c_str(), envelope.status().ToString().c_str());
      return 1;
    }
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const PlainFile& file : c.files) {
      files.push_back(
          {{"name", file.name}, {"content_b64", tb::crypto::Base64UrlEncode(file.content)}});
    }
    nlohmann::ordered_json price = nullptr;
    if (c.price) price = {{"amount_minor", c.price->amount_minor}, {"currency", c.price->currency}};
    const nlohmann::ordered_json fixture = {
        {"secret_key", tb::crypto::Base64UrlEncode(key.secret_key.span())},
        {"public_key", tb::crypto::Base64UrlEncode(key.public_key)},
        {"binding",
         {{"tender", c.binding.tender},
          {"kind", tb::crypto::EnvelopeKindName(c.binding.kind)},
          {"bid", c.binding.bid}}},
        {"files", files},
        {"price", price},
    };
    const std::string envelope_bytes(envelope->begin(), envelope->end());
    if (!WriteFile(dir / (c.name + ".env"), envelope_bytes) ||
        !WriteFile(dir / (c.name + ".json"), fixture.dump(2) + "\n")) {
      std::fprintf(stderr, "cannot write %s in %s\n", c.name.c_str(), dir.c_str());
      return 1;
    }
    std::printf("%s: %zu bytes\n", c.name.c_str(), envelope->size());
  }
  return 0;
}
