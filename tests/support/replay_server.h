#pragma once
// ReplayServer: a loopback HTTP/1.1 server for tests of the API fetcher. Bound to 127.0.0.1 on an
// ephemeral port, one thread serving one connection at a time (keep-alive honoured), every socket
// with a timeout, at most `max_requests` answered; stops in its destructor. A handler decides each
// response and may inject a fault (reset or truncation mid-body, a slow answer, no answer).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace entangle::testing {

struct ReplayRequest {
  std::string method;
  std::string target;                         // path?query, as sent
  std::string path;                           // before '?'
  std::map<std::string, std::string> query;   // decoded (%XX, '+'); a repeated name keeps the last value
  std::map<std::string, std::string> headers;  // names lower-cased
};

enum class ReplayFault {
  kNone,
  kResetMidBody,          // headers and half the body, then close with SO_LINGER 0 (the client sees RST)
  kTruncateBody,          // the full Content-Length announced, half the body sent, then a clean close
  kCloseWithoutResponse,  // close as soon as the request is read
};

struct ReplayAction {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // Content-Length is added
  std::string body;
  ReplayFault fault = ReplayFault::kNone;
  int delay_ms = 0;  // sleep before answering (timeouts)
};

class ReplayServer {
 public:
  using Handler = std::function<ReplayAction(const ReplayRequest&)>;

  explicit ReplayServer(Handler handler, size_t max_requests = 1000);
  ~ReplayServer();
  ReplayServer(const ReplayServer&) = delete;
  ReplayServer& operator=(const ReplayServer&) = delete;

  bool ok() const { return listen_fd_ >= 0; }
  uint16_t port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Targets of every request read so far, in order (faulted ones included).
  std::vector<std::string> targets() const;
  size_t request_count() const { return requests_.load(); }
  size_t connection_count() const { return connections_.load(); }  // accepted sockets (keep-alive reuses one)
  // Waits until at least `count` requests have been read; false on timeout.
  bool WaitForRequests(size_t count, std::chrono::milliseconds timeout) const;

  void Stop();

 private:
  void Run();
  void Serve(int fd);
  bool Respond(int fd, const ReplayAction& action);  // false: the connection is closed

  Handler handler_;
  size_t max_requests_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<size_t> requests_{0};
  std::atomic<size_t> connections_{0};
  mutable std::mutex mutex_;
  mutable std::condition_variable seen_;
  std::vector<std::string> targets_;
  std::thread thread_;
};

}  // namespace entangle::testing
