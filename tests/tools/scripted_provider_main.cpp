// openclaw_scripted_provider SCRIPT [REQUESTS_OUT]
//
// Serves the replies of SCRIPT (a JSON array of replies, see ScriptedReply::fromJson) on
// 127.0.0.1, prints the port on the first line of stdout, and runs until SIGTERM or SIGINT. Then,
// when REQUESTS_OUT is given, writes every request it received there as a JSON array of
// {method, target, body} (body parsed when it is JSON) so a shell test can check what was sent.
#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>

#include "scripted_provider.h"

int main(int argc, char** argv) {
  using openclaw::testsupport::ScriptedProvider;
  using openclaw::testsupport::ScriptedReply;
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: openclaw_scripted_provider SCRIPT [REQUESTS_OUT]\n";
    return 2;
  }
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGTERM);
  sigaddset(&stopSignals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);  // before the server thread starts

  ScriptedProvider provider;
  try {
    std::ifstream file(argv[1]);
    if (!file) throw std::invalid_argument(std::string("cannot read ") + argv[1]);
    const nlohmann::json script = nlohmann::json::parse(file);
    if (!script.is_array()) throw std::invalid_argument("the script must be a JSON array");
    for (const nlohmann::json& reply : script) provider.enqueue(ScriptedReply::fromJson(reply));
  } catch (const std::exception& error) {
    std::cerr << "openclaw_scripted_provider: " << argv[1] << ": " << error.what() << "\n";
    return 2;
  }
  std::cout << provider.port() << std::endl;

  int received = 0;
  sigwait(&stopSignals, &received);
  provider.stop();
  if (argc == 3) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& request : provider.requests()) {
      const nlohmann::json body = request.json();
      out.push_back({{"method", request.method},
                     {"target", request.target},
                     {"body", body.is_discarded() ? nlohmann::json(request.body) : body}});
    }
    std::ofstream(argv[2]) << out.dump(2) << "\n";
  }
  return 0;
}
