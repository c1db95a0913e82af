// Sealed bids on the command line (issue #6, docs/sealed-bids.md): `bid seal` for suppliers who
// will not trust browser code (SECURITY.md §5.3), `tender keygen` for a key ceremony run by a
// committee member on their own machine, `committee key new` and `committee share unseal` for
// members, and `bid open` for tests and audits with a known envelope secret key.
#include <fcntl.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/commands.h"
#include "core/money.h"
#include "core/status.h"
#include "crypto/envelope.h"
#include "crypto/key_ceremony.h"
#include "crypto/locked_bytes.h"
#include "crypto/member_key.h"
#include "crypto/random.h"
#include "crypto/sealing.h"

namespace tb::app {
namespace {

namespace fs = std::filesystem;
using crypto::LockedBytes;

constexpr std::size_t kMaxPassphraseBytes = 1024;
// Bids are read whole into memory; the server's limit is far below this.
constexpr std::uintmax_t kMaxInputFileBytes = std::uintmax_t{2} << 30;

template <typename T>
T OrFail(Result<T> result) {
  if (!result.ok()) FailCommand(result.status());
  return std::move(result).value();
}

crypto::EnvelopeKind KindOrFail(const std::string& name) {
  std::optional<crypto::EnvelopeKind> kind = crypto::ParseEnvelopeKind(name);
  if (!kind) {
    FailCommand(
        Status::InvalidArgument("--envelope must be single, technical or financial, not " + name)
            .WithField("envelope"));
  }
  return *kind;
}

std::vector<std::uint8_t> ReadFileOrFail(const std::string& path, const std::string& field) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) FailCommand(Status::InvalidArgument("cannot read " + path).WithField(field));
  if (size > kMaxInputFileBytes) {
    FailCommand(Status::InvalidArgument(path + " is larger than 2 GiB").WithField(field));
  }
  std::ifstream in(path, std::ios::binary);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
    FailCommand(Status::InvalidArgument("cannot read " + path).WithField(field));
  }
  return bytes;
}

// Writes through a temporary file and a rename, so a reader never sees half a file.
// With `exclusive`, refuses to replace an existing file (key files are never overwritten).
void WriteFileOrFail(const fs::path& path, std::span<const std::uint8_t> bytes, mode_t mode,
                     bool exclusive, const std::string& field) {
  if (exclusive && fs::exists(path)) {
    FailCommand(Status::InvalidArgument(path.string() + " exists; it is never overwritten")
                    .WithField(field));
  }
  const fs::path temporary = path.string() + ".tmp" + std::to_string(getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0)
    FailCommand(Status::InvalidArgument("cannot write " + path.string()).WithField(field));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  const bool ok = written == bytes.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || std::rename(temporary.c_str(), path.c_str()) != 0) {
    fs::remove(temporary);
    FailCommand(Status::Internal("cannot write " + path.string()).WithField(field));
  }
}

struct Passphrase {
  LockedBytes buffer{kMaxPassphraseBytes};
  std::size_t size = 0;
  std::string_view view() const { return {reinterpret_cast<const char*>(buffer.data()), size}; }
};

// One line from the terminal with echo off, into locked memory.
Passphrase PromptOrFail(const char* prompt) {
  const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (tty < 0) {
    FailCommand(Status::InvalidArgument("no terminal to ask the passphrase on; set TB_PASSPHRASE")
                    .WithField("passphrase"));
  }
  (void)!::write(tty, prompt, std::strlen(prompt));
  termios saved{};
  const bool is_terminal = tcgetattr(tty, &saved) == 0;
  if (is_terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(tty, TCSAFLUSH, &quiet);
  }
  Passphrase passphrase;
  char c = 0;
  while (::read(tty, &c, 1) == 1 && c != '\n') {
    if (c == '\r') continue;
    if (passphrase.size == kMaxPassphraseBytes) break;
    passphrase.buffer.data()[passphrase.size++] = static_cast<std::uint8_t>(c);
  }
  if (is_terminal) tcsetattr(tty, TCSAFLUSH, &saved);
  (void)!::write(tty, "\n", 1);
  ::close(tty);
  return passphrase;
}

// From TB_PASSPHRASE (scripts and tests) or asked on the terminal, twice when `confirm`.
Passphrase ReadPassphraseOrFail(bool confirm) {
  if (const char* from_env = std::getenv("TB_PASSPHRASE")) {
    Passphrase passphrase;
    passphrase.size = std::min(std::strlen(from_env), kMaxPassphraseBytes);
    std::memcpy(passphrase.buffer.data(), from_env, passphrase.size);
    return passphrase;
  }
  Passphrase first = PromptOrFail("Passphrase: ");
  if (confirm) {
    Passphrase again = PromptOrFail("Passphrase again: ");
    if (first.view() != again.view()) {
      FailCommand(Status::InvalidArgument("the two passphrases differ").WithField("passphrase"));
    }
  }
  return first;
}

struct SealArgs {
  std::string tender;
  std::string bid;
  std::string envelope;
  std::string public_key;
  std::string price;
  std::string currency;
  std::string out;
  std::vector<std::string> inputs;
};

void RunSeal(const SealArgs& args) {
  const crypto::EnvelopeKind kind = KindOrFail(args.envelope);
  const crypto::X25519PublicKey recipient = OrFail(crypto::ParseX25519PublicKey(args.public_key));
  std::optional<Money> price;
  if (args.price.empty() != args.currency.empty()) {
    FailCommand(Status::InvalidArgument("give --price and --currency together").WithField("price"));
  }
  if (!args.price.empty()) price = OrFail(Money::FromDecimal(args.price, args.currency));
  std::vector<crypto::PlainFile> files;
  for (const std::string& input : args.inputs) {
    files.push_back({fs::path(input).filename().string(), ReadFileOrFail(input, "files")});
  }
  const crypto::EnvelopeBinding binding{args.tender, kind, args.bid};
  const std::vector<std::uint8_t> envelope =
      OrFail(crypto::SealEnvelope(binding, recipient, files, price));
  WriteFileOrFail(args.out, envelope, 0644, false, "out");
  const crypto::EnvelopeSummary summary =
      OrFail(crypto::InspectEnvelope(envelope, envelope.size()));
  std::printf("sealed %zu file(s) into %s: %zu bytes, sha256 %s\n", files.size(), args.out.c_str(),
              envelope.size(), summary.sha256.c_str());
  std::printf("for tender %s, %s envelope, bid %s, key fingerprint %s\n", args.tender.c_str(),
              args.envelope.c_str(), args.bid.c_str(), crypto::KeyFingerprint(recipient).c_str());
}

struct KeygenArgs {
  int threshold = 2;
  std::vector<std::string> members;
  std::string envelope = "single";
};

crypto::CommitteeMemberKey MemberOrFail(const std::string& text) {
  const std::size_t equals = text.find('=');
  const Status bad = Status::InvalidArgument("--member must be USERID=PUBLIC_KEY, not " + text)
                         .WithField("member");
  if (equals == std::string::npos || equals == 0) FailCommand(bad);
  crypto::CommitteeMemberKey member;
  try {
    std::size_t used = 0;
    member.user_id = std::stoll(text.substr(0, equals), &used);
    if (used != equals || member.user_id <= 0) FailCommand(bad);
  } catch (const std::logic_error&) {
    FailCommand(bad);
  }
  Result<crypto::X25519PublicKey> key = crypto::ParseX25519PublicKey(text.substr(equals + 1));
  if (!key.ok()) {
    FailCommand(
        Status::InvalidArgument("member " + text.substr(0, equals) + ": " + key.status().message())
            .WithField("member"));
  }
  member.public_key = *key;
  return member;
}

void RunKeygen(const KeygenArgs& args) {
  const crypto::EnvelopeKind kind = KindOrFail(args.envelope);
  std::vector<crypto::CommitteeMemberKey> members;
  for (const std::string& text : args.members) members.push_back(MemberOrFail(text));
  const crypto::EnvelopeKeyShares ceremony =
      OrFail(crypto::GenerateEnvelopeKeyShares(args.threshold, members));
  nlohmann::ordered_json shares = nlohmann::ordered_json::array();
  for (const crypto::SealedCommitteeShare& share : ceremony.shares) {
    shares.push_back({{"user_id", share.user_id},
                      {"sealed_share", crypto::Base64UrlEncode(share.sealed_share)}});
  }
  const nlohmann::ordered_json body = {{"envelope", crypto::EnvelopeKindName(kind)},
                                       {"public_key", crypto::Base64UrlEncode(ceremony.public_key)},
                                       {"fingerprint", ceremony.fingerprint},
                                       {"threshold", ceremony.threshold},
                                       {"shares", shares}};
  std::printf("%s\n", body.dump(2).c_str());
}

void RunKeyNew(const std::string& out) {
  Passphrase passphrase = ReadPassphraseOrFail(/*confirm=*/true);
  const crypto::MemberKeyFile file = OrFail(crypto::CreateMemberKeyFile(passphrase.view()));
  WriteFileOrFail(out, {reinterpret_cast<const std::uint8_t*>(file.json.data()), file.json.size()},
                  0600, true, "out");
  std::printf("%s\n", crypto::Base64UrlEncode(file.public_key).c_str());
  std::fprintf(stderr, "wrote %s; your public key (above) has fingerprint %s\n", out.c_str(),
               crypto::KeyFingerprint(file.public_key).c_str());
}

void RunShareUnseal(const std::string& key_file, const std::string& sealed) {
  const std::vector<std::uint8_t> json = ReadFileOrFail(key_file, "key");
  const std::vector<std::uint8_t> sealed_share = OrFail(crypto::DecodeBase64Url(sealed));
  Passphrase passphrase = ReadPassphraseOrFail(/*confirm=*/false);
  const crypto::MemberKey key = OrFail(crypto::OpenMemberKeyFile(
      {reinterpret_cast<const char*>(json.data()), json.size()}, passphrase.view()));
  const LockedBytes share = OrFail(crypto::UnsealCommitteeShare(key, sealed_share));
  std::string text = crypto::Base64UrlEncode(share.span());
  std::printf("%s\n", text.c_str());
  sodium_memzero(text.data(), text.size());
}

struct OpenArgs {
  std::string secret_key;
  std::string tender;
  std::string bid;
  std::string envelope;
  std::string file;
  std::string out;
};

void RunOpen(const OpenArgs& args) {
  const crypto::EnvelopeKind kind = KindOrFail(args.envelope);
  std::vector<std::uint8_t> secret = OrFail(crypto::DecodeBase64Url(args.secret_key));
  const std::vector<std::uint8_t> envelope = ReadFileOrFail(args.file, "file");
  Result<crypto::EnvelopeContents> opened =
      crypto::OpenEnvelope(envelope, {args.tender, kind, args.bid}, secret);
  sodium_memzero(secret.data(), secret.size());
  const crypto::EnvelopeContents contents = OrFail(std::move(opened));
  std::error_code error;
  fs::create_directories(args.out, error);
  if (error) FailCommand(Status::InvalidArgument("cannot create " + args.out).WithField("out"));
  // The names were checked when the manifest was read: no separators, not "." or "..".
  for (const crypto::PlainFile& file : contents.files) {
    WriteFileOrFail(fs::path(args.out) / file.name, file.content, 0600, true, "out");
    std::printf("%s  %zu bytes\n", file.name.c_str(), file.content.size());
  }
  if (contents.price) {
    std::printf("price: %s %s\n", contents.price->ToDecimal().c_str(),
                contents.price->currency.c_str());
  }
  const std::string manifest = contents.manifest_json;
  WriteFileOrFail(fs::path(args.out) / "manifest.json",
                  {reinterpret_cast<const std::uint8_t*>(manifest.data()), manifest.size()}, 0600,
                  true, "out");
}

}  // namespace

CLI::App* SubcommandGroup(CLI::App& parent, const std::string& name,
                          const std::string& description) {
  try {
    return parent.get_subcommand(name);
  } catch (const CLI::OptionNotFound&) {
    CLI::App* group = parent.add_subcommand(name, description);
    group->require_subcommand(1);
    return group;
  }
}

void AddSealCommands(CLI::App& cli) {
  CLI::App* bid = SubcommandGroup(cli, "bid", "Seal and open bid envelopes");
  auto seal = std::make_shared<SealArgs>();
  CLI::App* seal_cmd = bid->add_subcommand(
      "seal", "Seal files into a bid envelope for a tender's public key (docs/sealed-bids.md)");
  seal_cmd->add_option("--tender", seal->tender, "The tender's ocid")->required();
  seal_cmd->add_option("--bid", seal->bid, "Your bid id: 1-64 of A-Z a-z 0-9 _ -")->required();
  seal_cmd->add_option("--envelope", seal->envelope, "single | technical | financial")->required();
  seal_cmd
      ->add_option("--public-key", seal->public_key,
                   "The envelope public key published on the tender (base64url)")
      ->required();
  seal_cmd->add_option("--price", seal->price, "Your price, e.g. 1234.56 (with --currency)");
  seal_cmd->add_option("--currency", seal->currency, "ISO 4217 code of the price, e.g. USD");
  seal_cmd->add_option("--out", seal->out, "The envelope file to write")->required();
  seal_cmd->add_option("files", seal->inputs, "The files to seal (at most 100)");
  seal_cmd->callback([seal] { RunSeal(*seal); });

  auto open = std::make_shared<OpenArgs>();
  CLI::App* open_cmd = bid->add_subcommand(
      "open", "Open an envelope with its envelope secret key (tests and audits)");
  open_cmd->add_option("--secret-key", open->secret_key, "Envelope secret key (base64url)")
      ->required();
  open_cmd->add_option("--tender", open->tender, "The tender's ocid")->required();
  open_cmd->add_option("--bid", open->bid, "The bid id")->required();
  open_cmd->add_option("--envelope", open->envelope, "single | technical | financial")->required();
  open_cmd->add_option("file", open->file, "The envelope file")->required();
  open_cmd->add_option("--out", open->out, "Directory for the opened files")->required();
  open_cmd->callback([open] { RunOpen(*open); });

  CLI::App* tender = SubcommandGroup(cli, "tender", "Tender key ceremony");
  auto keygen = std::make_shared<KeygenArgs>();
  CLI::App* keygen_cmd = tender->add_subcommand(
      "keygen",
      "Make an envelope key pair, split its secret among the committee and print the "
      "registration body (the secret is wiped, never printed)");
  keygen_cmd->add_option("--threshold", keygen->threshold, "Shares needed to open (k)")->required();
  keygen_cmd
      ->add_option("--member", keygen->members,
                   "USERID=PUBLIC_KEY of each committee member, in order")
      ->required();
  keygen_cmd->add_option("--envelope", keygen->envelope, "single | technical | financial");
  keygen_cmd->callback([keygen] { RunKeygen(*keygen); });

  CLI::App* committee = SubcommandGroup(cli, "committee", "Opening committee member tools");
  CLI::App* key = SubcommandGroup(*committee, "key", "Your personal committee key");
  auto key_out = std::make_shared<std::string>();
  CLI::App* key_new = key->add_subcommand(
      "new",
      "Create your key file (passphrase from TB_PASSPHRASE or asked) and print the "
      "public key");
  key_new->add_option("--out", *key_out, "The key file to create (mode 0600)")->required();
  key_new->callback([key_out] { RunKeyNew(*key_out); });

  CLI::App* share = SubcommandGroup(*committee, "share", "Your committee shares");
  auto key_file = std::make_shared<std::string>();
  auto sealed = std::make_shared<std::string>();
  CLI::App* unseal = share->add_subcommand("unseal", "Unseal the share sealed to your key");
  unseal->add_option("--key", *key_file, "Your key file")->required();
  unseal->add_option("--sealed", *sealed, "The sealed share (base64url)")->required();
  unseal->callback([key_file, sealed] { RunShareUnseal(*key_file, *sealed); });
}

}  // namespace tb::app
