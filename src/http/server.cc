// The one translation unit that includes RESTinio (about 16 s to compile): it only moves
// bytes between RESTinio and Api, which holds everything testable.
#include "http/server.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include <sys/socket.h>

#include <restinio/all.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "http/api.h"
#include "http/problem.h"

namespace tb::http {
namespace {

// One single-threaded RESTinio server per I/O thread, all listening on the same port with
// SO_REUSEPORT so that the kernel spreads connections over them (nginx's worker model).
// Measured on the 2-core machine: a shared io_context with a pool of threads spends about a
// fifth of its time waking threads and in strand locks; independent loops do not.
using Traits = restinio::default_single_thread_traits_t;
using ReusePort = restinio::asio_ns::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// Runs slow requests (imports, password hashing) off the I/O threads, so a long import or
// an argon2id hash never stalls the requests that share an I/O thread with it. A few
// threads, so that an import in progress does not hold up log-ins behind it.
class SlowWorkers {
 public:
  explicit SlowWorkers(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) threads_.emplace_back([this] { Run(); });
  }
  ~SlowWorkers() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }
  void Post(std::function<void()> job) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
  }

 private:
  void Run() {
    while (true) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;  // Guarded by mu_.
  bool stopping_ = false;                   // Guarded by mu_.
  std::vector<std::thread> threads_;
};

std::string Remote(const restinio::request_t& req) {
  const auto& endpoint = req.remote_endpoint();
  return endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
}

std::shared_ptr<spdlog::logger> AccessLogger() {
  if (auto logger = spdlog::get("access")) return logger;
  auto logger = spdlog::stdout_logger_mt("access");
  logger->set_pattern("%v");
  return logger;
}

class RestinioServer final : public Server {
 public:
  RestinioServer(const ServerOptions& options, ServerDeps deps)
      : api_(options, deps), access_log_(options.access_log ? AccessLogger() : nullptr) {}

  ~RestinioServer() override { Stop(); }

  Status Start() {
    const ServerOptions& o = api_.options();
    const std::size_t threads =
        o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
    // Bodies above the largest per-route limit close the connection inside RESTinio;
    // below it the pipeline answers 413 with a problem document.
    const std::uint64_t max_body = std::max(o.max_body_bytes, o.max_import_bytes) + 1;
    worker_ = std::make_unique<SlowWorkers>(std::max<std::size_t>(2, threads));
    try {
      restinio::asio_ns::error_code not_an_address;
      const auto address = restinio::asio_ns::ip::make_address(o.host, not_an_address);
      if (o.port != 0 && !not_an_address) {
        // With SO_REUSEPORT a second server of the same user could bind a port that is
        // already served and silently split its traffic: refuse a taken port first, with a
        // plain bind that fails while anyone listens there.
        restinio::asio_ns::io_context probe_io;
        restinio::asio_ns::ip::tcp::acceptor probe(probe_io);
        const restinio::asio_ns::ip::tcp::endpoint endpoint(address, o.port);
        probe.open(endpoint.protocol());
        probe.set_option(restinio::asio_ns::ip::tcp::acceptor::reuse_address(true));
        probe.bind(endpoint);
      }
      for (std::size_t i = 0; i < threads; ++i) {
        // The first loop binds the asked port (0: any); the others join it.
        const std::uint16_t port = i == 0 ? o.port : port_.load();
        running_.push_back(restinio::run_async<Traits>(
            restinio::own_io_context(),
            restinio::server_settings_t<Traits>{}
                .address(o.host)
                .port(port)
                .request_handler([this](restinio::request_handle_t req) { return Handle(req); })
                .acceptor_options_setter([](restinio::acceptor_options_t& options) {
                  options.set_option(restinio::asio_ns::ip::tcp::acceptor::reuse_address(true));
                  options.set_option(ReusePort(true));
                })
                .socket_options_setter([](auto& options) {
                  options.set_option(restinio::asio_ns::ip::tcp::no_delay{true});
                })
                .acceptor_post_bind_hook([this](restinio::asio_ns::ip::tcp::acceptor& acceptor) {
                  port_.store(acceptor.local_endpoint().port());
                  api_.SetBoundPort(port_.load());
                })
                .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                              .max_url_size(8 * 1024)
                                              .max_field_name_size(1024)
                                              .max_field_value_size(8 * 1024)
                                              .max_field_count(100)
                                              .max_body_size(max_body))
                .handle_request_timeout(std::chrono::minutes(30))
                .read_next_http_message_timelimit(std::chrono::seconds(60))
                .max_pipelined_requests(4),
            1));
      }
    } catch (const std::exception& e) {
      StopLoops();
      worker_.reset();
      return Status::Unavailable("cannot serve on " + o.host + ":" + std::to_string(o.port) +
                                 ": " + e.what());
    }
    return Status::Ok();
  }

  std::uint16_t port() const override { return port_.load(); }

  void Wait() override {
    restinio::asio_ns::io_context io;
    restinio::asio_ns::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&io](const auto&, int) { io.stop(); });
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopped_) return;
      wait_io_ = &io;
    }
    io.run();
    {
      std::lock_guard<std::mutex> lock(mu_);
      wait_io_ = nullptr;
    }
    Stop();
  }

  void Stop() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (wait_io_) wait_io_->stop();
      if (stopped_) return;
      stopped_ = true;
    }
    StopLoops();
    worker_.reset();  // finishes the import in flight
  }

 private:
  void StopLoops() {
    for (auto& loop : running_) loop->stop();
    for (auto& loop : running_) loop->wait();
    running_.clear();
  }

  restinio::request_handling_status_t Handle(const restinio::request_handle_t& req) {
    // Api::Handle never throws; this guards the copying around it (bad_alloc and the like),
    // so that an exception never unwinds into RESTinio's I/O loop.
    try {
      return HandleUnguarded(req);
    } catch (const std::exception& e) {
      spdlog::error("request handling failed before routing: {}", e.what());
      return restinio::request_rejected();
    }
  }

  restinio::request_handling_status_t HandleUnguarded(const restinio::request_handle_t& req) {
    const auto started = std::chrono::steady_clock::now();
    Request request;
    const auto& header = req->header();
    request.method = header.method().c_str();
    request.path = std::string(header.path());
    request.query = std::string(header.query());
    request.headers.reserve(header.fields_count());
    for (const auto& field : header) {
      std::string name = field.name();
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace_back(std::move(name), field.value());
    }
    request.body = req->body();

    if (api_.IsSlow(request)) {
      request.remote = Remote(*req);
      worker_->Post([this, req, request = std::move(request), started]() mutable {
        Respond(req, request, started);
      });
      return restinio::request_accepted();
    }
    Respond(req, request, started);
    return restinio::request_accepted();
  }

  void Respond(const restinio::request_handle_t& req, Request& request,
               std::chrono::steady_clock::time_point started) {
    Response response = api_.Handle(request);
    const std::size_t bytes = response.body.size();
    try {
      auto builder = req->create_response(restinio::http_status_line_t{
          restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
          std::string(ReasonPhrase(response.status))});
      builder.append_header_date_field();
      for (auto& [name, value] : response.headers) builder.append_header(name, std::move(value));
      builder.set_body(std::move(response.body));
      builder.done();
    } catch (const std::exception& e) {
      spdlog::error("request {}: sending the response failed: {}", request.request_id, e.what());
    }
    if (access_log_) {
      if (request.remote.empty()) request.remote = Remote(*req);
      const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
      access_log_->info(
          AccessLogLine(request, response.status, bytes, micros, clock_.Now()));
    }
  }

  Api api_;
  std::shared_ptr<spdlog::logger> access_log_;
  SystemClock clock_;
  std::unique_ptr<SlowWorkers> worker_;
  std::vector<restinio::running_server_handle_t<Traits>> running_;
  std::atomic<std::uint16_t> port_{0};
  std::mutex mu_;
  bool stopped_ = false;                          // Guarded by mu_.
  restinio::asio_ns::io_context* wait_io_ = nullptr;  // Guarded by mu_.
};

}  // namespace

Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& options, ServerDeps deps) {
  auto server = std::make_unique<RestinioServer>(options, deps);
  TB_RETURN_IF_ERROR(server->Start());
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace tb::http
