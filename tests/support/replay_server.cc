#include "support/replay_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <strings.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

namespace entangle::testing {
namespace {

constexpr int kPollSliceMs = 50;      // how often a waiting thread looks at the stop flag
constexpr int kIdleTimeoutMs = 2000;  // a keep-alive connection with no new request is closed
constexpr size_t kMaxHeaderBytes = 64 * 1024;

std::string Decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

const char* Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

bool SendAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void SetTimeouts(int fd) {
  timeval tv{};
  tv.tv_sec = 2;
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  // Headers and body go out in separate writes: without this, Nagle's algorithm and the client's
  // delayed ACK hold each answer back by ~40 ms.
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

void CloseWithReset(int fd) {
  linger lg{};
  lg.l_onoff = 1;
  lg.l_linger = 0;
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  ::close(fd);
}

ReplayRequest ParseRequest(std::string_view head) {
  ReplayRequest request;
  size_t line_end = head.find("\r\n");
  std::string_view line = head.substr(0, line_end);
  size_t sp1 = line.find(' ');
  size_t sp2 = line.find(' ', sp1 == std::string_view::npos ? 0 : sp1 + 1);
  if (sp1 != std::string_view::npos) {
    request.method = std::string(line.substr(0, sp1));
    request.target = std::string(line.substr(sp1 + 1, sp2 == std::string_view::npos ? line.npos : sp2 - sp1 - 1));
  }
  size_t question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) {
    std::string_view query = std::string_view(request.target).substr(question + 1);
    while (!query.empty()) {
      size_t amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      size_t eq = pair.find('=');
      request.query[Decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : Decode(pair.substr(eq + 1));
      query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    }
  }
  std::string_view rest = line_end == std::string_view::npos ? "" : head.substr(line_end + 2);
  while (!rest.empty()) {
    size_t end = rest.find("\r\n");
    std::string_view header = rest.substr(0, end);
    size_t colon = header.find(':');
    if (colon != std::string_view::npos) {
      std::string name(header.substr(0, colon));
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string_view value = header.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      request.headers[name] = std::string(value);
    }
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 2);
  }
  return request;
}

}  // namespace

ReplayServer::ReplayServer(Handler handler, size_t max_requests)
    : handler_(std::move(handler)), max_requests_(max_requests) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 16) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return;
  }
  listen_fd_ = fd;
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Run(); });
}

ReplayServer::~ReplayServer() { Stop(); }

void ReplayServer::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (listen_fd_ >= 0) {
    ::close(listen_fd_);
    listen_fd_ = -1;
  }
}

std::vector<std::string> ReplayServer::targets() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return targets_;
}

bool ReplayServer::WaitForRequests(size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return seen_.wait_for(lock, timeout, [&] { return requests_.load() >= count; });
}

void ReplayServer::Run() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, kPollSliceMs) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    connections_.fetch_add(1);
    if (requests_.load() >= max_requests_) {  // over budget: refuse politely, the test will see it
      ::close(fd);
      continue;
    }
    SetTimeouts(fd);
    Serve(fd);
  }
}

void ReplayServer::Serve(int fd) {
  std::string buffer;
  int idle_ms = 0;
  while (!stop_ && requests_.load() < max_requests_) {
    size_t head_end = buffer.find("\r\n\r\n");
    if (head_end == std::string::npos) {
      if (buffer.size() > kMaxHeaderBytes || idle_ms >= kIdleTimeoutMs) break;
      pollfd p{fd, POLLIN, 0};
      int ready = ::poll(&p, 1, kPollSliceMs);
      if (ready == 0) {
        idle_ms += kPollSliceMs;
        continue;
      }
      char chunk[8192];
      ssize_t n = ready < 0 ? -1 : ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) break;  // closed by the client, or an error
      buffer.append(chunk, static_cast<size_t>(n));
      continue;
    }
    ReplayRequest request = ParseRequest(std::string_view(buffer).substr(0, head_end));
    buffer.erase(0, head_end + 4);
    // GET requests carry no body; a Content-Length one would be skipped here.
    auto length = request.headers.find("content-length");
    if (length != request.headers.end()) {
      size_t skip = std::min(buffer.size(), static_cast<size_t>(std::strtoull(length->second.c_str(), nullptr, 10)));
      buffer.erase(0, skip);
    }
    ReplayAction action = handler_(request);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      targets_.push_back(request.target);
      requests_.fetch_add(1);
    }
    seen_.notify_all();
    if (!Respond(fd, action)) return;
    idle_ms = 0;
  }
  ::close(fd);
}

bool ReplayServer::Respond(int fd, const ReplayAction& action) {
  for (int slept = 0; slept < action.delay_ms && !stop_; slept += 10) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(10, action.delay_ms - slept)));
  }
  if (action.fault == ReplayFault::kCloseWithoutResponse) {
    ::close(fd);
    return false;
  }
  std::string head = "HTTP/1.1 " + std::to_string(action.status) + " " + Reason(action.status) + "\r\n";
  bool has_type = false;
  for (const auto& [name, value] : action.headers) {
    head += name + ": " + value + "\r\n";
    if (name.size() == 12 && strncasecmp(name.c_str(), "content-type", 12) == 0) has_type = true;
  }
  if (!has_type) head += "Content-Type: application/json\r\n";
  head += "Content-Length: " + std::to_string(action.body.size()) + "\r\n\r\n";
  std::string_view body = action.body;
  if (action.fault == ReplayFault::kResetMidBody || action.fault == ReplayFault::kTruncateBody) {
    SendAll(fd, head);
    SendAll(fd, body.substr(0, body.size() / 2));
    if (action.fault == ReplayFault::kResetMidBody) {
      CloseWithReset(fd);
    } else {
      ::shutdown(fd, SHUT_WR);
      ::close(fd);
    }
    return false;
  }
  if (!SendAll(fd, head) || !SendAll(fd, body)) {
    ::close(fd);
    return false;
  }
  return true;
}

}  // namespace entangle::testing
