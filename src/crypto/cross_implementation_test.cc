// SECURITY.md CR-05: envelopes sealed by the other implementation open here. Each case NAME in
// tests/data/sealing/{cpp,js}/ is NAME.env (the envelope) and NAME.json:
//   {"secret_key": b64url, "public_key": b64url,
//    "binding": {"tender": ..., "kind": "single|technical|financial", "bid": ...},
//    "files": [{"name": ..., "content_b64": b64url}], "price": {...} | null}
// cpp/ is written by sealing_fixture_writer (C++), js/ by the browser code's Node test
// (web/src/features/tendering/sealing). An empty or missing directory fails: a check that
// finds nothing to check must not pass.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crypto/envelope.h"
#include "crypto/sealing.h"

namespace tb::crypto {
namespace {

namespace fs = std::filesystem;

fs::path FixtureDir(std::string_view which) {
  const char* source = std::getenv("TB_SOURCE_DIR");
  return (source != nullptr ? fs::path(source) : fs::current_path()) / "tests/data/sealing" / which;
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<std::uint8_t> Decoded(const nlohmann::json& value) {
  Result<std::vector<std::uint8_t>> bytes = DecodeBase64Url(value.get<std::string>());
  EXPECT_TRUE(bytes.ok()) << value << " is not unpadded base64url";
  return bytes.ok() ? *bytes : std::vector<std::uint8_t>{};
}

// Opens one case and compares everything it declares.
void CheckCase(const fs::path& json_path) {
  SCOPED_TRACE(json_path.string());
  const nlohmann::json fixture = nlohmann::json::parse(ReadText(json_path), nullptr, false);
  ASSERT_FALSE(fixture.is_discarded()) << "not JSON";
  fs::path env_path = json_path;
  env_path.replace_extension(".env");
  const std::string envelope_text = ReadText(env_path);
  ASSERT_FALSE(envelope_text.empty()) << "missing " << env_path;
  const std::vector<std::uint8_t> envelope(envelope_text.begin(), envelope_text.end());

  const std::vector<std::uint8_t> secret_key = Decoded(fixture.at("secret_key"));
  Result<X25519PublicKey> public_key =
      ParseX25519PublicKey(fixture.at("public_key").get<std::string>());
  ASSERT_TRUE(public_key.ok());
  ASSERT_TRUE(SecretKeyMatches(secret_key, *public_key)) << "secret_key is not public_key's";
  const nlohmann::json& binding_json = fixture.at("binding");
  std::optional<EnvelopeKind> kind = ParseEnvelopeKind(binding_json.at("kind").get<std::string>());
  ASSERT_TRUE(kind.has_value());
  const EnvelopeBinding binding{binding_json.at("tender").get<std::string>(), *kind,
                                binding_json.at("bid").get<std::string>()};

  Result<EnvelopeSummary> summary = InspectEnvelope(envelope, envelope.size());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->binding, binding);
  EXPECT_EQ(summary->recipient, *public_key);

  Result<EnvelopeContents> opened = OpenEnvelope(envelope, binding, secret_key);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  const nlohmann::json& files = fixture.at("files");
  ASSERT_EQ(opened->files.size(), files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(opened->files[i].name, files[i].at("name").get<std::string>());
    EXPECT_EQ(opened->files[i].content, Decoded(files[i].at("content_b64")))
        << "file " << i << " differs";
  }
  const nlohmann::json price = fixture.value("price", nlohmann::json());
  if (price.is_null()) {
    EXPECT_FALSE(opened->price.has_value());
  } else {
    ASSERT_TRUE(opened->price.has_value());
    EXPECT_EQ(opened->price->amount_minor, price.at("amount_minor").get<std::int64_t>());
    EXPECT_EQ(opened->price->currency, price.at("currency").get<std::string>());
  }

  // The same bytes under another bid id must not open (the binding is checked, not assumed).
  EnvelopeBinding other = binding;
  other.bid = binding.bid == "x" ? "y" : "x";
  EXPECT_FALSE(OpenEnvelope(envelope, other, secret_key).ok());
}

// Runs every case in `which`; fails when there is none.
void CheckEveryCase(std::string_view which) {
  const fs::path dir = FixtureDir(which);
  std::vector<fs::path> cases;
  if (fs::is_directory(dir)) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".json") cases.push_back(entry.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  ASSERT_FALSE(cases.empty()) << "no fixtures in " << dir
                              << ": the other implementation's envelopes are missing";
  for (const fs::path& path : cases) CheckCase(path);
}

TEST(CrossImplementation, OpensEveryEnvelopeSealedInCpp) { CheckEveryCase("cpp"); }

TEST(CrossImplementation, OpensEveryEnvelopeSealedByTheBrowserCode) { CheckEveryCase("js"); }

}  // namespace
}  // namespace tb::crypto
