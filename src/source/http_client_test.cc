#include "source/http_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "support/replay_server.h"

namespace entangle::source {
namespace {

using testing::ReplayAction;
using testing::ReplayFault;
using testing::ReplayRequest;
using testing::ReplayServer;

constexpr char kBody[] = "{\"meta\":{\"count\":1},\"results\":[{\"id\":\"https://openalex.org/W1\"}]}";

ReplayAction Ok() {
  ReplayAction action;
  action.headers = {{"X-RateLimit-Remaining", "9999"}, {"Date", "Mon, 07 Dec 2026 10:00:00 GMT"}};
  action.body = kBody;
  return action;
}

ReplayServer::Handler Always(ReplayAction action) {
  return [action](const ReplayRequest&) { return action; };
}

// A loopback port nothing listens on: bound, then closed.
uint16_t DeadPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

TEST(HttpClientTest, GetReturnsStatusLowerCasedHeadersAndBody) {
  ReplayServer server(Always(Ok()), 10);
  ASSERT_TRUE(server.ok());
  HttpClient client;
  HttpResult result = client.Get(server.base_url() + "/works?filter=a%3Ab&per_page=1");
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, kBody);
  ASSERT_NE(result.Header("x-ratelimit-remaining"), nullptr);
  EXPECT_EQ(*result.Header("x-ratelimit-remaining"), "9999");
  EXPECT_EQ(*result.Header("content-length"), std::to_string(std::string(kBody).size()));
  EXPECT_EQ(server.targets(), std::vector<std::string>{"/works?filter=a%3Ab&per_page=1"});
}

TEST(HttpClientTest, ConsecutiveRequestsReuseOneConnection) {
  ReplayServer server(Always(Ok()), 10);
  HttpClient client;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client.Get(server.base_url() + "/works").ok());
  EXPECT_EQ(server.request_count(), 3u);
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST(HttpClientTest, ServerErrorStatusIsAResponseNotATransportError) {
  ReplayAction action = Ok();
  action.status = 503;
  ReplayServer server(Always(action), 10);
  HttpClient client;
  HttpResult result = client.Get(server.base_url() + "/works");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.status, 503);
}

TEST(HttpClientTest, ResetMidBodyIsAConnectionError) {
  ReplayAction action = Ok();
  action.body = std::string(200000, 'x');
  action.fault = ReplayFault::kResetMidBody;
  ReplayServer server(Always(action), 10);
  HttpClient client;
  HttpResult result = client.Get(server.base_url() + "/works");
  EXPECT_TRUE(result.error == HttpError::kConnection || result.error == HttpError::kTruncated)
      << HttpErrorName(result.error) << ": " << result.message;
}

TEST(HttpClientTest, BodyShorterThanContentLengthIsTruncated) {
  ReplayAction action = Ok();
  action.fault = ReplayFault::kTruncateBody;
  ReplayServer server(Always(action), 10);
  HttpClient client;
  HttpResult result = client.Get(server.base_url() + "/works");
  EXPECT_EQ(result.error, HttpError::kTruncated) << result.message;
}

TEST(HttpClientTest, CloseWithoutResponseIsAConnectionError) {
  ReplayAction action = Ok();
  action.fault = ReplayFault::kCloseWithoutResponse;
  ReplayServer server(Always(action), 10);
  HttpClient client;
  HttpResult result = client.Get(server.base_url() + "/works");
  EXPECT_EQ(result.error, HttpError::kConnection) << result.message;
  EXPECT_EQ(result.status, 0);
}

TEST(HttpClientTest, ResponseSlowerThanTotalTimeoutIsATimeout) {
  ReplayAction action = Ok();
  action.delay_ms = 1000;
  ReplayServer server(Always(action), 10);
  HttpClientOptions options;
  options.total_timeout_ms = 300;
  HttpClient client(options);
  auto start = std::chrono::steady_clock::now();
  HttpResult result = client.Get(server.base_url() + "/works");
  EXPECT_EQ(result.error, HttpError::kTimeout) << result.message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(900));
}

TEST(HttpClientTest, RefusedConnectionIsAConnectionErrorWithTheKeyRedacted) {
  HttpClient client;
  HttpResult result =
      client.Get("http://127.0.0.1:" + std::to_string(DeadPort()) + "/works?filter=x&api_key=sk-TEST-SECRET-123");
  EXPECT_EQ(result.error, HttpError::kConnection) << result.message;
  EXPECT_FALSE(result.message.empty());
  EXPECT_EQ(result.message.find("sk-TEST-SECRET-123"), std::string::npos) << result.message;
}

TEST(HttpClientTest, RedactUrlReplacesEveryApiKeyValue) {
  EXPECT_EQ(RedactUrl("https://api.openalex.org/works?filter=a&api_key=abc123&mailto=x@y"),
            "https://api.openalex.org/works?filter=a&api_key=REDACTED&mailto=x@y");
  EXPECT_EQ(RedactUrl("http://h/works?api_key=k1 then http://h/?x=1&API_KEY=k2"),
            "http://h/works?api_key=REDACTED then http://h/?x=1&API_KEY=REDACTED");
  EXPECT_EQ(RedactUrl("http://h/works?my_api_key=keep&filter=api_key"), "http://h/works?my_api_key=keep&filter=api_key");
  EXPECT_EQ(RedactUrl("no key here"), "no key here");
}

TEST(HttpClientTest, UrlEncodeKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(UrlEncode("institutions.country_code:cn|de,publication_year:2020-2023"),
            "institutions.country_code%3Acn%7Cde%2Cpublication_year%3A2020-2023");
  EXPECT_EQ(UrlEncode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
}

TEST(ReplayServerTest, DecodesQueryParametersAndRecordsTargets) {
  ReplayRequest seen;
  ReplayServer server(
      [&seen](const ReplayRequest& request) {
        seen = request;
        return Ok();
      },
      10);
  HttpClient client;
  ASSERT_TRUE(client.Get(server.base_url() + "/works?filter=a%3Ab%7Cc&search=x+y&cursor=*").ok());
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.path, "/works");
  EXPECT_EQ(seen.query["filter"], "a:b|c");
  EXPECT_EQ(seen.query["search"], "x y");
  EXPECT_EQ(seen.query["cursor"], "*");
  EXPECT_FALSE(seen.headers["user-agent"].empty());
  EXPECT_EQ(server.targets().size(), 1u);
}

TEST(ReplayServerTest, AnswersAtMostMaxRequests) {
  ReplayServer server(Always(Ok()), 2);
  HttpClientOptions options;
  options.total_timeout_ms = 1000;
  HttpClient client(options);
  EXPECT_TRUE(client.Get(server.base_url() + "/1").ok());
  EXPECT_TRUE(client.Get(server.base_url() + "/2").ok());
  EXPECT_FALSE(client.Get(server.base_url() + "/3").ok());
  EXPECT_EQ(server.request_count(), 2u);
}

}  // namespace
}  // namespace entangle::source
