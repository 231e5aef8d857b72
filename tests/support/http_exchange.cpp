#include "http_exchange.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

namespace openclaw::testsupport {
namespace {

using Clock = std::chrono::steady_clock;

int connectTo(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
  return fd;
}

void sendAll(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the server may refuse early (413) and close: read its answer
    sent += static_cast<std::size_t>(n);
  }
}

// Reads what is there within `wait`; false once the peer closed (or on an error).
bool readSome(int fd, std::string& into, std::chrono::milliseconds wait) {
  pollfd poller{fd, POLLIN, 0};
  if (::poll(&poller, 1, static_cast<int>(wait.count())) <= 0) return true;
  char buffer[16384];
  const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
  if (n <= 0) return false;
  into.append(buffer, static_cast<std::size_t>(n));
  return true;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string dechunked(const std::string& raw) {
  std::string body;
  std::size_t at = 0;
  while (at < raw.size()) {
    const std::size_t lineEnd = raw.find("\r\n", at);
    if (lineEnd == std::string::npos) break;
    const std::size_t size = std::stoul(raw.substr(at, lineEnd - at), nullptr, 16);
    if (size == 0) break;
    body += raw.substr(lineEnd + 2, size);
    at = lineEnd + 2 + size + 2;
  }
  return body;
}

HttpReply parsed(const std::string& raw) {
  HttpReply reply;
  const std::size_t headEnd = raw.find("\r\n\r\n");
  if (headEnd == std::string::npos) return reply;
  const std::string head = raw.substr(0, headEnd);
  std::size_t lineStart = head.find("\r\n");
  const std::string statusLine = head.substr(0, lineStart);
  reply.status = std::stoi(statusLine.substr(statusLine.find(' ') + 1, 3));
  while (lineStart != std::string::npos) {
    const std::size_t next = head.find("\r\n", lineStart + 2);
    const std::string line = head.substr(
        lineStart + 2, next == std::string::npos ? std::string::npos : next - lineStart - 2);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      reply.headers[lower(line.substr(0, colon))] = value;
    }
    lineStart = next;
  }
  const std::string rest = raw.substr(headEnd + 4);
  reply.body = lower(reply.header("transfer-encoding")) == "chunked" ? dechunked(rest) : rest;
  return reply;
}

std::string requestText(int port, const std::string& method, const std::string& path,
                        const HttpHeaders& headers, const std::string& body) {
  std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                     "\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers) text += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST") {
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return text + "\r\n" + body;
}

}  // namespace

HttpReply httpExchange(int port, const std::string& method, const std::string& path,
                       const HttpHeaders& headers, const std::string& body,
                       std::chrono::milliseconds deadline) {
  HttpStreamingExchange exchange(port, method, path, headers, body);
  return exchange.finish(deadline);
}

HttpStreamingExchange::HttpStreamingExchange(int port, const std::string& method,
                                             const std::string& path, const HttpHeaders& headers,
                                             const std::string& body)
    : fd_(connectTo(port)) {
  sendAll(fd_, requestText(port, method, path, headers, body));
}

HttpStreamingExchange::~HttpStreamingExchange() { close(); }

bool HttpStreamingExchange::readUntil(const std::string& needle,
                                      std::chrono::milliseconds deadline) {
  const auto until = Clock::now() + deadline;
  while (raw_.find(needle) == std::string::npos) {
    if (fd_ < 0 || Clock::now() >= until) return false;
    if (!readSome(fd_, raw_, std::chrono::milliseconds(50))) close();
  }
  return true;
}

HttpReply HttpStreamingExchange::finish(std::chrono::milliseconds deadline) {
  const auto until = Clock::now() + deadline;
  while (fd_ >= 0 && Clock::now() < until) {
    if (!readSome(fd_, raw_, std::chrono::milliseconds(50))) close();
  }
  return parsed(raw_);
}

void HttpStreamingExchange::close() {
  if (fd_ < 0) return;
  ::close(fd_);
  fd_ = -1;
}

std::vector<std::string> sseDataPayloads(const std::string& body) {
  std::vector<std::string> payloads;
  for (std::size_t at = 0; at < body.size();) {
    std::size_t end = body.find("\n\n", at);
    if (end == std::string::npos) end = body.size();
    const std::string event = body.substr(at, end - at);
    if (event.rfind("data: ", 0) == 0) payloads.push_back(event.substr(6));
    at = end + 2;
  }
  return payloads;
}

HttpHeaders jsonBearerHeaders(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

nlohmann::json bodyOf(const HttpReply& reply) {
  return nlohmann::json::parse(reply.body, nullptr, false);
}

std::string errorType(const HttpReply& reply) {
  const nlohmann::json body = bodyOf(reply);
  if (!body.is_object() || !body.contains("error") || !body.at("error").is_object()) {
    return reply.body;
  }
  return body.at("error").value("type", "");
}

}  // namespace openclaw::testsupport
