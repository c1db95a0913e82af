#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace tb::api_test {

// Runs a command to completion with stdout and stderr appended to `log_file`. Returns its
// exit status (-1 when it could not start or was killed).
int RunCommand(const std::vector<std::string>& argv, const std::string& log_file);

// A `tenderbridge serve` child process on 127.0.0.1, stopped (SIGTERM, then SIGKILL after a
// bound) when destroyed.
class ServerProcess {
 public:
  ServerProcess() = default;
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts `argv` and waits (bounded by `timeout`) until `port_file` holds a port. False on
  // failure; `error()` says why (with the tail of the log).
  bool Start(const std::vector<std::string>& argv, const std::string& port_file,
             const std::string& log_file, std::chrono::milliseconds timeout);
  // SIGTERM and wait (bounded); returns the exit status, -1 if it had to be killed.
  int Stop();

  int port() const { return port_; }
  bool running() const { return pid_ > 0; }
  const std::string& error() const { return error_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string error_;
};

// A fresh directory under $TMPDIR (or /tmp), removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// 32 random bytes from /dev/urandom, hex-encoded.
std::string RandomToken();

// Reads a whole file; empty when it cannot be read.
std::string ReadFile(const std::string& path);

}  // namespace tb::api_test
