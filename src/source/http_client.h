#pragma once
// HttpClient: a thin libcurl wrapper for the OpenAlex API fetcher. One easy handle per client, so
// consecutive requests to one host reuse the connection (keep-alive). TLS is verified (curl's
// defaults, never turned off). Failures are values: a transport error kind plus a message; every
// URL or message that leaves the client has its api_key= value redacted.
#include <map>
#include <string>
#include <string_view>

namespace entangle::source {

struct HttpClientOptions {
  long connect_timeout_ms = 10000;
  long total_timeout_ms = 120000;  // whole request, body included; 0 = none
  long low_speed_time_s = 30;      // give up when under 1 byte/s for this long; 0 = never
  std::string user_agent = "entangle/0.1 (+https://github.com/entangle)";
};

// What went wrong below HTTP. A status code (even 5xx) is not an error here.
enum class HttpError {
  kNone,
  kTimeout,     // connect, total or low-speed timeout
  kConnection,  // refused, reset, closed without a response, host not found
  kTruncated,   // body shorter than Content-Length (CURLE_PARTIAL_FILE and kin)
  kOther,
};
const char* HttpErrorName(HttpError error);

struct HttpResult {
  long status = 0;                             // 0 when no response line arrived
  std::map<std::string, std::string> headers;  // names lower-cased, values trimmed; last one wins
  std::string body;                            // decoded (Content-Encoding undone)
  HttpError error = HttpError::kNone;
  std::string message;  // why, when error != kNone; redacted

  bool ok() const { return error == HttpError::kNone; }
  // The header's value, or nullptr. `lower_name` must be lower case.
  const std::string* Header(const std::string& lower_name) const;
};

class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // One GET, following no redirects (a redirect would carry the key to another host).
  HttpResult Get(const std::string& url);

 private:
  HttpClientOptions options_;
  void* curl_ = nullptr;  // CURL*
};

// `url` (or any text holding one) with the value of every api_key= parameter replaced by REDACTED.
std::string RedactUrl(std::string_view url);

// RedactUrl(text), and `key` itself wherever else it stands (a server may echo it in an error body).
// Keys under 4 characters are left: they would match ordinary text.
std::string RedactKey(std::string text, std::string_view key);

// Percent-encodes everything but RFC 3986 unreserved characters, for a query parameter's value.
std::string UrlEncode(std::string_view value);

}  // namespace entangle::source
