// The sealed-bid commands as a user runs them: the real binary, its exit code and output, with
// the crypto library checking what the commands wrote.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/envelope.h"
#include "crypto/key_ceremony.h"
#include "crypto/random.h"
#include "crypto/sealing.h"

namespace tb::app {
namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int exit_code = -1;
  std::string output;
};

// Runs `tenderbridge ARGUMENTS` (the arguments contain no single quotes) with TB_PASSPHRASE
// set; stdout only unless `with_stderr`.
CommandRun Tenderbridge(const std::string& arguments, bool with_stderr = false) {
  const std::string command = "TB_PASSPHRASE='a committee passphrase' " + std::string(TB_BIN) +
                              " " + arguments + (with_stderr ? " 2>&1" : " 2>/dev/null");
  CommandRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

std::vector<std::uint8_t> ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class SealCommand : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tb-seal-command-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
};

TEST_F(SealCommand, CommitteeKeysKeygenAndUnsealedSharesRebuildTheKey) {
  std::vector<std::string> public_keys;
  for (int i = 0; i < 3; ++i) {
    const fs::path key_file = dir_ / ("member" + std::to_string(i) + ".json");
    CommandRun made = Tenderbridge("committee key new --out " + key_file.string());
    ASSERT_EQ(made.exit_code, 0) << made.output;
    public_keys.push_back(Trimmed(made.output));
    ASSERT_TRUE(crypto::ParseX25519PublicKey(public_keys.back()).ok()) << made.output;
    struct stat info {};
    ASSERT_EQ(stat(key_file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << "a key file is readable by its owner only";
  }
  CommandRun again =
      Tenderbridge("committee key new --out " + (dir_ / "member0.json").string(), true);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.output.find("never overwritten"), std::string::npos) << again.output;

  CommandRun keygen = Tenderbridge(
      "tender keygen --threshold 2 --envelope technical --member 11=" + public_keys[0] +
      " --member 12=" + public_keys[1] + " --member 13=" + public_keys[2]);
  ASSERT_EQ(keygen.exit_code, 0) << keygen.output;
  const nlohmann::json body = nlohmann::json::parse(keygen.output);
  EXPECT_EQ(body["envelope"], "technical");
  EXPECT_EQ(body["threshold"], 2);
  const crypto::X25519PublicKey envelope_key =
      crypto::ParseX25519PublicKey(body["public_key"].get<std::string>()).value();
  EXPECT_EQ(body["fingerprint"], crypto::KeyFingerprint(envelope_key));
  ASSERT_EQ(body["shares"].size(), 3u);
  EXPECT_EQ(body["shares"][2]["user_id"], 13);
  EXPECT_EQ(keygen.output.find("secret"), std::string::npos) << "keygen never prints the secret";

  std::vector<std::vector<std::uint8_t>> shares;
  for (int i : {0, 2}) {
    CommandRun unsealed =
        Tenderbridge("committee share unseal --key " +
                     (dir_ / ("member" + std::to_string(i) + ".json")).string() + " --sealed " +
                     body["shares"][i]["sealed_share"].get<std::string>());
    ASSERT_EQ(unsealed.exit_code, 0) << unsealed.output;
    shares.push_back(crypto::DecodeBase64Url(Trimmed(unsealed.output)).value());
  }
  EXPECT_TRUE(crypto::RecombineEnvelopeKey(shares, envelope_key).ok());

  CommandRun foreign =
      Tenderbridge("committee share unseal --key " + (dir_ / "member0.json").string() +
                       " --sealed " + body["shares"][1]["sealed_share"].get<std::string>(),
                   true);
  EXPECT_EQ(foreign.exit_code, 2);
  EXPECT_NE(foreign.output.find("sealed to another member"), std::string::npos) << foreign.output;
}

TEST_F(SealCommand, KeygenRefusesACommitteeThatCannotLoseAMember) {
  const std::string a = crypto::Base64UrlEncode(crypto::GenerateX25519KeyPair().public_key);
  const std::string b = crypto::Base64UrlEncode(crypto::GenerateX25519KeyPair().public_key);
  CommandRun run =
      Tenderbridge("tender keygen --threshold 2 --member 1=" + a + " --member 2=" + b, true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("(field: threshold)"), std::string::npos) << run.output;
  CommandRun bad = Tenderbridge("tender keygen --threshold 2 --member x=" + a, true);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("USERID=PUBLIC_KEY"), std::string::npos) << bad.output;
}

TEST_F(SealCommand, SealedBidOpensWithTheLibraryAndWithBidOpen) {
  crypto::X25519KeyPair key = crypto::GenerateX25519KeyPair();
  const fs::path offer = dir_ / "offer.txt";
  std::ofstream(offer) << "We offer 40 solar water pumps.\n";
  const fs::path annex = dir_ / "annex.bin";
  {
    const std::vector<std::uint8_t> bytes = crypto::RandomBytes(100000);
    std::ofstream(annex, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<long>(bytes.size()));
  }
  const fs::path envelope_path = dir_ / "bid.env";
  CommandRun sealed = Tenderbridge(
      "bid seal --tender ocds-tb0001-000-00042 --bid bid-cli-1 --envelope financial "
      "--public-key " +
          crypto::Base64UrlEncode(key.public_key) + " --price 1234.56 --currency USD --out " +
          envelope_path.string() + " " + offer.string() + " " + annex.string(),
      true);
  ASSERT_EQ(sealed.exit_code, 0) << sealed.output;
  EXPECT_NE(sealed.output.find(crypto::KeyFingerprint(key.public_key)), std::string::npos);

  const crypto::EnvelopeBinding binding{"ocds-tb0001-000-00042", crypto::EnvelopeKind::kFinancial,
                                        "bid-cli-1"};
  Result<crypto::EnvelopeContents> opened =
      crypto::OpenEnvelope(ReadBytes(envelope_path), binding, key.secret_key.span());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  ASSERT_EQ(opened->files.size(), 2u);
  EXPECT_EQ(opened->files[0].name, "offer.txt");
  EXPECT_EQ(opened->files[1].content, ReadBytes(annex));
  EXPECT_EQ(opened->price, (Money{123456, "USD"}));

  const std::string secret = crypto::Base64UrlEncode(key.secret_key.span());
  const fs::path out = dir_ / "opened";
  CommandRun open = Tenderbridge("bid open --secret-key " + secret +
                                     " --tender ocds-tb0001-000-00042 --bid bid-cli-1 "
                                     "--envelope financial --out " +
                                     out.string() + " " + envelope_path.string(),
                                 true);
  ASSERT_EQ(open.exit_code, 0) << open.output;
  EXPECT_EQ(ReadBytes(out / "annex.bin"), ReadBytes(annex));
  EXPECT_EQ(ReadBytes(out / "offer.txt"), ReadBytes(offer));
  EXPECT_NE(open.output.find("price: 1234.56 USD"), std::string::npos) << open.output;
  EXPECT_TRUE(fs::exists(out / "manifest.json"));

  CommandRun wrong_bid = Tenderbridge("bid open --secret-key " + secret +
                                          " --tender ocds-tb0001-000-00042 --bid bid-cli-2 "
                                          "--envelope financial --out " +
                                          (dir_ / "other").string() + " " + envelope_path.string(),
                                      true);
  EXPECT_EQ(wrong_bid.exit_code, 2);
  EXPECT_NE(wrong_bid.output.find("sealed for bid \"bid-cli-1\""), std::string::npos)
      << wrong_bid.output;
  EXPECT_FALSE(fs::exists(dir_ / "other" / "offer.txt"));
}

TEST_F(SealCommand, SealRefusesAPriceWithoutCurrencyAndABadKey) {
  const fs::path offer = dir_ / "offer.txt";
  std::ofstream(offer) << "x";
  const std::string key = crypto::Base64UrlEncode(crypto::GenerateX25519KeyPair().public_key);
  CommandRun no_currency =
      Tenderbridge("bid seal --tender t --bid b --envelope single --public-key " + key +
                       " --price 10 --out " + (dir_ / "e").string() + " " + offer.string(),
                   true);
  EXPECT_EQ(no_currency.exit_code, 2);
  EXPECT_NE(no_currency.output.find("--price and --currency together"), std::string::npos);
  CommandRun bad_key = Tenderbridge(
      "bid seal --tender t --bid b --envelope single --public-key "
      "AAAA --out " +
          (dir_ / "e").string() + " " + offer.string(),
      true);
  EXPECT_EQ(bad_key.exit_code, 2);
  EXPECT_NE(bad_key.output.find("32 bytes"), std::string::npos) << bad_key.output;
  EXPECT_FALSE(fs::exists(dir_ / "e"));
}

}  // namespace
}  // namespace tb::app
