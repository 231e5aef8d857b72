#include "curl_request.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "temp_dir.h"

namespace openclaw::testsupport {
namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CurlReply readReply(const fs::path& headerFile, const fs::path& bodyFile) {
  CurlReply reply;
  std::ifstream headerStream(headerFile);
  std::string line;
  while (std::getline(headerStream, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("HTTP/", 0) == 0) {
      reply.status = std::stoi(line.substr(line.find(' ') + 1));
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::size_t value = line.find_first_not_of(' ', colon + 1);
    reply.headers[name] = value == std::string::npos ? "" : line.substr(value);
  }
  std::ifstream bodyStream(bodyFile, std::ios::binary);
  reply.body.assign(std::istreambuf_iterator<char>(bodyStream), {});
  return reply;
}

}  // namespace

std::string CurlReply::header(const std::string& name) const {
  const auto found = headers.find(name);
  return found == headers.end() ? "<none>" : found->second;
}

CurlReply curl(int port, const CurlRequest& request, int maxTimeSeconds) {
  TempDir scratch;
  const fs::path headerFile = scratch.path() / "headers";
  const fs::path bodyFile = scratch.path() / "body";
  std::string command = "curl -s --path-as-is --max-time " + std::to_string(maxTimeSeconds) +
                        " -D " + quoted(headerFile.string()) + " -o " + quoted(bodyFile.string());
  command += request.method == "HEAD" ? " -I" : " -X " + quoted(request.method);
  if (request.body) {
    const fs::path sent = scratch.path() / "sent";
    std::ofstream(sent, std::ios::binary) << *request.body;
    command += " -H 'Expect:' --data-binary @" + quoted(sent.string());
  }
  for (const std::string& header : request.headers) command += " -H " + quoted(header);
  command += " " + quoted("http://127.0.0.1:" + std::to_string(port) + request.path);
  if (std::system(command.c_str()) != 0) throw std::runtime_error("curl failed: " + command);
  return readReply(headerFile, bodyFile);
}

}  // namespace openclaw::testsupport
