#include "service/service_unit.h"

#include <sstream>

namespace openclaw::service {
namespace {

std::string description(const ServiceSpec& spec) {
  return "OpenClaw Gateway (profile: " + profileLabel(spec.profile) + ", v" + spec.version + ")";
}

bool needsSystemdQuotes(const std::string& word) {
  if (word.empty()) return true;
  for (const char c : word) {
    if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '\\' || c == ';' ||
        static_cast<unsigned char>(c) < 0x20) {
      return true;
    }
  }
  return false;
}

// A value for a directive systemd takes literally (Description=, User=, WorkingDirectory=): only
// its specifiers need escaping.
std::string systemdLiteral(const std::string& value) {
  std::string out;
  for (const char c : value) out += c == '%' ? std::string("%%") : std::string(1, c);
  return out;
}

std::string renderSystemdUnit(const ServiceSpec& spec, bool system) {
  std::ostringstream out;
  out << "[Unit]\n"
      << "Description=" << systemdLiteral(description(spec)) << "\n"
      << "After=network-online.target\n"
      << "Wants=network-online.target\n"
      << "\n[Service]\n"
      << "ExecStart=";
  const std::vector<std::string> arguments = programArguments(spec);
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    out << (i == 0 ? "" : " ") << systemdQuote(arguments[i], true);
  }
  out << "\nRestart=always\n"
      << "RestartSec=5\n";
  for (const auto& [name, value] : serviceEnvironment(spec)) {
    out << "Environment=" << systemdQuote(name + "=" + value, false) << "\n";
  }
  if (system) out << "User=" << systemdLiteral(spec.user) << "\n";
  out << "WorkingDirectory=" << systemdLiteral(spec.home.string()) << "\n"
      << "\n[Install]\n"
      << "WantedBy=" << (system ? "multi-user.target" : "default.target") << "\n";
  return out.str();
}

}  // namespace

std::string profileLabel(const config::Profile& profile) {
  return profile.name.empty() ? "default" : profile.name;
}

std::vector<std::string> programArguments(const ServiceSpec& spec) {
  std::vector<std::string> arguments{spec.binary.string()};
  if (spec.profile.dev) {
    arguments.emplace_back("--dev");
  } else if (!spec.profile.name.empty()) {
    arguments.insert(arguments.end(), {"--profile", spec.profile.name});
  }
  arguments.insert(arguments.end(), {"gateway", "--port", std::to_string(spec.port)});
  return arguments;
}

std::vector<std::pair<std::string, std::string>> serviceEnvironment(const ServiceSpec& spec) {
  std::vector<std::pair<std::string, std::string>> environment;
  if (spec.token) environment.emplace_back("OPENCLAW_GATEWAY_TOKEN", *spec.token);
  environment.emplace_back("OPENCLAW_SERVICE_MARKER", "openclaw");
  environment.emplace_back("OPENCLAW_SERVICE_KIND", "gateway");
  environment.emplace_back("OPENCLAW_SERVICE_VERSION", spec.version);
  if (spec.stateDirOverride) {
    environment.emplace_back("OPENCLAW_STATE_DIR", spec.stateDirOverride->string());
  }
  if (spec.configPathOverride) {
    environment.emplace_back("OPENCLAW_CONFIG_PATH", spec.configPathOverride->string());
  }
  return environment;
}

std::string systemdUnitName(const config::Profile& profile) {
  return profile.name.empty() ? "openclaw-gateway.service"
                              : "openclaw-gateway-" + profile.name + ".service";
}

std::filesystem::path systemdUserUnitPath(const config::Profile& profile,
                                          const std::filesystem::path& home,
                                          const std::optional<std::filesystem::path>& xdgConfig) {
  const std::filesystem::path base = xdgConfig ? *xdgConfig : home / ".config";
  return base / "systemd" / "user" / systemdUnitName(profile);
}

std::filesystem::path systemdSystemUnitPath(const config::Profile& profile) {
  return std::filesystem::path("/etc/systemd/system") / systemdUnitName(profile);
}

std::string renderSystemdUserUnit(const ServiceSpec& spec) {
  return renderSystemdUnit(spec, false);
}

std::string renderSystemdSystemUnit(const ServiceSpec& spec) {
  return renderSystemdUnit(spec, true);
}

std::string launchAgentLabel(const config::Profile& profile) {
  return profile.name.empty() ? "bot.molt.gateway" : "bot.molt." + profile.name;
}

std::filesystem::path launchAgentPath(const config::Profile& profile,
                                      const std::filesystem::path& home) {
  return home / "Library" / "LaunchAgents" / (launchAgentLabel(profile) + ".plist");
}

std::string renderLaunchAgentPlist(const ServiceSpec& spec) {
  const auto string = [](const std::string& value) {
    return "<string>" + xmlEscape(value) + "</string>";
  };
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
         "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
      << "<plist version=\"1.0\">\n"
      << "<dict>\n"
      << "  <key>Label</key>\n"
      << "  " << string(launchAgentLabel(spec.profile)) << "\n"
      << "  <key>ProgramArguments</key>\n"
      << "  <array>\n";
  for (const std::string& argument : programArguments(spec)) {
    out << "    " << string(argument) << "\n";
  }
  out << "  </array>\n"
      << "  <key>RunAtLoad</key>\n"
      << "  <true/>\n"
      << "  <key>KeepAlive</key>\n"
      << "  <true/>\n"
      << "  <key>WorkingDirectory</key>\n"
      << "  " << string(spec.home.string()) << "\n"
      << "  <key>EnvironmentVariables</key>\n"
      << "  <dict>\n";
  for (const auto& [name, value] : serviceEnvironment(spec)) {
    out << "    <key>" << xmlEscape(name) << "</key>\n"
        << "    " << string(value) << "\n";
  }
  out << "  </dict>\n"
      << "  <key>StandardOutPath</key>\n"
      << "  " << string((spec.stateDir / "logs" / "gateway.log").string()) << "\n"
      << "  <key>StandardErrorPath</key>\n"
      << "  " << string((spec.stateDir / "logs" / "gateway.err.log").string()) << "\n"
      << "</dict>\n"
      << "</plist>\n";
  return out.str();
}

std::string windowsTaskName(const config::Profile& profile) {
  return profile.name.empty() ? "OpenClaw Gateway" : "OpenClaw Gateway (" + profile.name + ")";
}

std::string windowsTaskStorePath(const config::Profile& profile) {
  return "C:\\Windows\\System32\\Tasks\\" + windowsTaskName(profile);
}

std::string renderWindowsTaskXml(const ServiceSpec& spec) {
  const std::vector<std::string> arguments = programArguments(spec);
  std::string commandArguments;
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    commandArguments += (i == 1 ? "" : " ") + windowsQuote(arguments[i]);
  }
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<Task version=\"1.2\" "
         "xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n"
      << "  <RegistrationInfo>\n"
      << "    <Description>" << xmlEscape(description(spec)) << "</Description>\n"
      << "    <URI>\\" << xmlEscape(windowsTaskName(spec.profile)) << "</URI>\n"
      << "  </RegistrationInfo>\n"
      << "  <Triggers>\n"
      << "    <LogonTrigger>\n"
      << "      <Enabled>true</Enabled>\n"
      << "    </LogonTrigger>\n"
      << "  </Triggers>\n"
      << "  <Principals>\n"
      << "    <Principal id=\"Author\">\n"
      << "      <LogonType>InteractiveToken</LogonType>\n"
      << "      <RunLevel>LeastPrivilege</RunLevel>\n"
      << "    </Principal>\n"
      << "  </Principals>\n"
      << "  <Settings>\n"
      << "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\n"
      << "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n"
      << "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\n"
      << "    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>\n"
      << "    <RestartOnFailure>\n"
      << "      <Interval>PT1M</Interval>\n"
      << "      <Count>999</Count>\n"
      << "    </RestartOnFailure>\n"
      << "    <Enabled>true</Enabled>\n"
      << "  </Settings>\n"
      << "  <Actions Context=\"Author\">\n"
      << "    <Exec>\n"
      << "      <Command>" << xmlEscape(arguments.front()) << "</Command>\n"
      << "      <Arguments>" << xmlEscape(commandArguments) << "</Arguments>\n"
      << "      <WorkingDirectory>" << xmlEscape(spec.home.string()) << "</WorkingDirectory>\n"
      << "    </Exec>\n"
      << "  </Actions>\n"
      << "</Task>\n";
  return out.str();
}

std::string xmlEscape(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&apos;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string systemdQuote(const std::string& word, bool execLine) {
  const bool quote = needsSystemdQuotes(word);
  std::string out = quote ? "\"" : "";
  for (const char c : word) {
    if (c == '%') {
      out += "%%";
    } else if (c == '$' && execLine) {
      out += "$$";
    } else if (quote && (c == '"' || c == '\\')) {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
    } else {
      out += c;
    }
  }
  if (quote) out += '"';
  return out;
}

std::string windowsQuote(const std::string& argument) {
  if (!argument.empty() && argument.find_first_of(" \t\"") == std::string::npos) return argument;
  std::string out = "\"";
  std::size_t backslashes = 0;
  for (const char c : argument) {
    if (c == '\\') {
      ++backslashes;
      continue;
    }
    // Backslashes before a quote are doubled and the quote escaped; elsewhere they are literal.
    out.append(c == '"' ? backslashes * 2 + 1 : backslashes, '\\');
    backslashes = 0;
    out += c;
  }
  out.append(backslashes * 2, '\\');  // before the closing quote
  out += '"';
  return out;
}

}  // namespace openclaw::service
