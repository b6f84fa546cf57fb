#include "source/http_client.h"

#include <curl/curl.h>

#include <cstdlib>
#include <mutex>

#include "common/ascii.h"

namespace entangle::source {
namespace {

// curl_global_init is not thread-safe in every libcurl build: run it once per process.
void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t WriteHeader(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string_view line(data, size * count);
  // A new status line (after a 100 Continue or an interim response) starts a new header block.
  if (line.starts_with("HTTP/")) {
    headers->clear();
    return line.size();
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return line.size();
  (*headers)[AsciiLower(TrimWhitespace(line.substr(0, colon)))] = std::string(TrimWhitespace(line.substr(colon + 1)));
  return line.size();
}

HttpError Classify(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return HttpError::kTimeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SSL_CONNECT_ERROR:
      return HttpError::kConnection;
    case CURLE_PARTIAL_FILE:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_HTTP2_STREAM:
      return HttpError::kTruncated;
    default:
      return HttpError::kOther;
  }
}

}  // namespace

const char* HttpErrorName(HttpError error) {
  switch (error) {
    case HttpError::kNone:
      return "none";
    case HttpError::kTimeout:
      return "timeout";
    case HttpError::kConnection:
      return "connection";
    case HttpError::kTruncated:
      return "truncated";
    case HttpError::kOther:
      return "other";
  }
  return "other";
}

const std::string* HttpResult::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? nullptr : &it->second;
}

HttpClient::HttpClient(HttpClientOptions options) : options_(std::move(options)) {
  GlobalInitOnce();
  CURL* curl = curl_easy_init();
  curl_ = curl;
  if (curl == nullptr) return;
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe beside other threads
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl can undo; body arrives decoded
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
  if (options_.low_speed_time_s > 0) {
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, options_.low_speed_time_s);
  }
  if (!options_.user_agent.empty()) curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, WriteHeader);
}

HttpClient::~HttpClient() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResult HttpClient::Get(const std::string& url) {
  HttpResult result;
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) {
    result.error = HttpError::kOther;
    result.message = "libcurl could not create a handle";
    return result;
  }
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.headers);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  CURLcode code = curl_easy_perform(curl);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);  // the buffer dies with this frame
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, nullptr);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  result.status = status;
  if (code != CURLE_OK) {
    result.error = Classify(code);
    std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    result.message = RedactUrl(std::string(HttpErrorName(result.error)) + ": " + detail + " (curl " +
                               std::to_string(static_cast<int>(code)) + ") for " + url);
    return result;
  }
  // curl already fails a short body with CURLE_PARTIAL_FILE; this catches a server that closes early
  // on a connection curl could not tell apart. Only for identity-encoded bodies, where the lengths compare.
  const std::string* length = result.Header("content-length");
  if (length != nullptr && result.Header("content-encoding") == nullptr) {
    char* end = nullptr;
    unsigned long long expected = std::strtoull(length->c_str(), &end, 10);
    if (end != length->c_str() && result.body.size() < expected) {
      result.error = HttpError::kTruncated;
      result.message = RedactUrl("truncated: body of " + std::to_string(result.body.size()) +
                                 " bytes, Content-Length " + *length + " for " + url);
    }
  }
  return result;
}

std::string RedactKey(std::string text, std::string_view key) {
  text = RedactUrl(text);
  if (key.size() < 4) return text;
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
    text.replace(at, key.size(), "REDACTED");
  }
  return text;
}

std::string RedactUrl(std::string_view url) {
  static constexpr std::string_view kKey = "api_key=";
  std::string out;
  out.reserve(url.size());
  size_t i = 0;
  while (i < url.size()) {
    bool match = url.size() - i >= kKey.size();
    for (size_t k = 0; match && k < kKey.size(); ++k) {
      match = AsciiLowerChar(url[i + k]) == kKey[k];
    }
    // Only a parameter name: at the start, or after ?, & or ; (not "xapi_key=").
    if (match && i > 0) match = url[i - 1] == '?' || url[i - 1] == '&' || url[i - 1] == ';' || url[i - 1] == ' ';
    if (!match) {
      out.push_back(url[i++]);
      continue;
    }
    out.append(url.substr(i, kKey.size()));
    i += kKey.size();
    size_t end = i;
    while (end < url.size() && url[end] != '&' && url[end] != '#' && url[end] != ' ' && url[end] != '"' &&
           url[end] != '\'' && url[end] != '\n' && url[end] != ')' && url[end] != '>') {
      ++end;
    }
    out.append("REDACTED");
    i = end;
  }
  return out;
}

std::string UrlEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3);
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '_' ||
        u == '.' || u == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

}  // namespace entangle::source
