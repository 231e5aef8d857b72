// The service definitions `openclaw gateway install` writes, byte for byte.
#include "service/service_unit.h"

#include <gtest/gtest.h>

namespace openclaw::service {
namespace {

ServiceSpec baseSpec(const config::Profile& profile, int port) {
  ServiceSpec spec;
  spec.profile = profile;
  spec.version = "1.2.3";
  spec.binary = "/usr/local/bin/openclaw";
  spec.port = port;
  spec.home = "/home/alice";
  spec.stateDir = "/home/alice/.openclaw";
  spec.user = "alice";
  return spec;
}

// A named profile with awkward values: spaces in paths, a token full of special characters.
ServiceSpec awkwardSpec() {
  ServiceSpec spec = baseSpec(config::Profile::named("rescue"), 19789);
  spec.binary = "/opt/open claw/bin/openclaw";
  spec.token = "s3cr%t \"q\" $x\\y & <z>'";
  spec.home = "/home/alice smith";
  spec.stateDir = "/srv/claw state";
  spec.stateDirOverride = "/srv/claw state";
  spec.configPathOverride = "/srv/claw state/a.json";
  return spec;
}

TEST(ServiceNames, FollowTheProfile) {
  const config::Profile defaultProfile;
  const config::Profile dev = config::Profile::devProfile();
  const config::Profile rescue = config::Profile::named("rescue");
  EXPECT_EQ(systemdUnitName(defaultProfile), "openclaw-gateway.service");
  EXPECT_EQ(systemdUnitName(dev), "openclaw-gateway-dev.service");
  EXPECT_EQ(systemdUnitName(rescue), "openclaw-gateway-rescue.service");
  EXPECT_EQ(launchAgentLabel(defaultProfile), "bot.molt.gateway");
  EXPECT_EQ(launchAgentLabel(rescue), "bot.molt.rescue");
  EXPECT_EQ(windowsTaskName(defaultProfile), "OpenClaw Gateway");
  EXPECT_EQ(windowsTaskName(rescue), "OpenClaw Gateway (rescue)");
}

TEST(ServiceNames, PathsPerPlatform) {
  const config::Profile rescue = config::Profile::named("rescue");
  EXPECT_EQ(systemdUserUnitPath(rescue, "/home/alice", std::nullopt),
            "/home/alice/.config/systemd/user/openclaw-gateway-rescue.service");
  EXPECT_EQ(systemdUserUnitPath(config::Profile{}, "/home/alice", "/xdg"),
            "/xdg/systemd/user/openclaw-gateway.service");
  EXPECT_EQ(systemdSystemUnitPath(rescue), "/etc/systemd/system/openclaw-gateway-rescue.service");
  EXPECT_EQ(launchAgentPath(config::Profile{}, "/Users/alice"),
            "/Users/alice/Library/LaunchAgents/bot.molt.gateway.plist");
  EXPECT_EQ(windowsTaskStorePath(rescue),
            "C:\\Windows\\System32\\Tasks\\OpenClaw Gateway (rescue)");
}

TEST(ServiceSystemd, DefaultProfileWithoutToken) {
  EXPECT_EQ(renderSystemdUserUnit(baseSpec(config::Profile{}, 18789)),
            R"([Unit]
Description=OpenClaw Gateway (profile: default, v1.2.3)
After=network-online.target
Wants=network-online.target

[Service]
ExecStart=/usr/local/bin/openclaw gateway --port 18789
Restart=always
RestartSec=5
Environment=OPENCLAW_SERVICE_MARKER=openclaw
Environment=OPENCLAW_SERVICE_KIND=gateway
Environment=OPENCLAW_SERVICE_VERSION=1.2.3
WorkingDirectory=/home/alice

[Install]
WantedBy=default.target
)");
}

TEST(ServiceSystemd, DevProfileWithToken) {
  ServiceSpec spec = baseSpec(config::Profile::devProfile(), 19001);
  spec.token = "abc123";
  EXPECT_EQ(renderSystemdUserUnit(spec), R"([Unit]
Description=OpenClaw Gateway (profile: dev, v1.2.3)
After=network-online.target
Wants=network-online.target

[Service]
ExecStart=/usr/local/bin/openclaw --dev gateway --port 19001
Restart=always
RestartSec=5
Environment=OPENCLAW_GATEWAY_TOKEN=abc123
Environment=OPENCLAW_SERVICE_MARKER=openclaw
Environment=OPENCLAW_SERVICE_KIND=gateway
Environment=OPENCLAW_SERVICE_VERSION=1.2.3
WorkingDirectory=/home/alice

[Install]
WantedBy=default.target
)");
}

TEST(ServiceSystemd, NamedProfileQuotesSpacesAndSpecialCharacters) {
  EXPECT_EQ(renderSystemdUserUnit(awkwardSpec()), R"([Unit]
Description=OpenClaw Gateway (profile: rescue, v1.2.3)
After=network-online.target
Wants=network-online.target

[Service]
ExecStart="/opt/open claw/bin/openclaw" --profile rescue gateway --port 19789
Restart=always
RestartSec=5
Environment="OPENCLAW_GATEWAY_TOKEN=s3cr%%t \"q\" $x\\y & <z>'"
Environment=OPENCLAW_SERVICE_MARKER=openclaw
Environment=OPENCLAW_SERVICE_KIND=gateway
Environment=OPENCLAW_SERVICE_VERSION=1.2.3
Environment="OPENCLAW_STATE_DIR=/srv/claw state"
Environment="OPENCLAW_CONFIG_PATH=/srv/claw state/a.json"
WorkingDirectory=/home/alice smith

[Install]
WantedBy=default.target
)");
}

TEST(ServiceSystemd, SystemVariantRunsAsTheUserForMultiUserTarget) {
  EXPECT_EQ(renderSystemdSystemUnit(baseSpec(config::Profile::named("main"), 18789)),
            R"([Unit]
Description=OpenClaw Gateway (profile: main, v1.2.3)
After=network-online.target
Wants=network-online.target

[Service]
ExecStart=/usr/local/bin/openclaw --profile main gateway --port 18789
Restart=always
RestartSec=5
Environment=OPENCLAW_SERVICE_MARKER=openclaw
Environment=OPENCLAW_SERVICE_KIND=gateway
Environment=OPENCLAW_SERVICE_VERSION=1.2.3
User=alice
WorkingDirectory=/home/alice

[Install]
WantedBy=multi-user.target
)");
}

TEST(ServiceSystemd, QuotingRules) {
  EXPECT_EQ(systemdQuote("plain", true), "plain");
  EXPECT_EQ(systemdQuote("", true), "\"\"");
  EXPECT_EQ(systemdQuote("50%$HOME", true), "50%%$$HOME");
  EXPECT_EQ(systemdQuote("50%$HOME", false), "50%%$HOME");
  EXPECT_EQ(systemdQuote("a;b", true), "\"a;b\"");
  EXPECT_EQ(systemdQuote("line\nbreak\x01", false), "\"line\\nbreak\\x01\"");
}

TEST(ServiceLaunchAgent, DefaultProfileWithoutToken) {
  EXPECT_EQ(renderLaunchAgentPlist(baseSpec(config::Profile{}, 18789)),
            R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>bot.molt.gateway</string>
  <key>ProgramArguments</key>
  <array>
    <string>/usr/local/bin/openclaw</string>
    <string>gateway</string>
    <string>--port</string>
    <string>18789</string>
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <true/>
  <key>WorkingDirectory</key>
  <string>/home/alice</string>
  <key>EnvironmentVariables</key>
  <dict>
    <key>OPENCLAW_SERVICE_MARKER</key>
    <string>openclaw</string>
    <key>OPENCLAW_SERVICE_KIND</key>
    <string>gateway</string>
    <key>OPENCLAW_SERVICE_VERSION</key>
    <string>1.2.3</string>
  </dict>
  <key>StandardOutPath</key>
  <string>/home/alice/.openclaw/logs/gateway.log</string>
  <key>StandardErrorPath</key>
  <string>/home/alice/.openclaw/logs/gateway.err.log</string>
</dict>
</plist>
)");
}

TEST(ServiceLaunchAgent, DevProfileWithTokenUsesItsLabel) {
  ServiceSpec spec = baseSpec(config::Profile::devProfile(), 19001);
  spec.token = "abc123";
  spec.stateDir = "/home/alice/.openclaw-dev";
  const std::string plist = renderLaunchAgentPlist(spec);
  EXPECT_NE(plist.find("  <key>Label</key>\n  <string>bot.molt.dev</string>\n"), std::string::npos);
  EXPECT_NE(plist.find("    <string>/usr/local/bin/openclaw</string>\n"
                       "    <string>--dev</string>\n"
                       "    <string>gateway</string>\n"),
            std::string::npos);
  EXPECT_NE(plist.find("  <dict>\n"
                       "    <key>OPENCLAW_GATEWAY_TOKEN</key>\n"
                       "    <string>abc123</string>\n"),
            std::string::npos);
  EXPECT_NE(plist.find("<string>/home/alice/.openclaw-dev/logs/gateway.log</string>"),
            std::string::npos);
}

TEST(ServiceLaunchAgent, NamedProfileEscapesXml) {
  EXPECT_EQ(renderLaunchAgentPlist(awkwardSpec()),
            R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>bot.molt.rescue</string>
  <key>ProgramArguments</key>
  <array>
    <string>/opt/open claw/bin/openclaw</string>
    <string>--profile</string>
    <string>rescue</string>
    <string>gateway</string>
    <string>--port</string>
    <string>19789</string>
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <true/>
  <key>WorkingDirectory</key>
  <string>/home/alice smith</string>
  <key>EnvironmentVariables</key>
  <dict>
    <key>OPENCLAW_GATEWAY_TOKEN</key>
    <string>s3cr%t &quot;q&quot; $x\y &amp; &lt;z&gt;&apos;</string>
    <key>OPENCLAW_SERVICE_MARKER</key>
    <string>openclaw</string>
    <key>OPENCLAW_SERVICE_KIND</key>
    <string>gateway</string>
    <key>OPENCLAW_SERVICE_VERSION</key>
    <string>1.2.3</string>
    <key>OPENCLAW_STATE_DIR</key>
    <string>/srv/claw state</string>
    <key>OPENCLAW_CONFIG_PATH</key>
    <string>/srv/claw state/a.json</string>
  </dict>
  <key>StandardOutPath</key>
  <string>/srv/claw state/logs/gateway.log</string>
  <key>StandardErrorPath</key>
  <string>/srv/claw state/logs/gateway.err.log</string>
</dict>
</plist>
)");
}

TEST(ServiceWindowsTask, DefaultProfile) {
  ServiceSpec spec = baseSpec(config::Profile{}, 18789);
  spec.binary = "C:\\Program Files\\OpenClaw\\openclaw.exe";
  spec.home = "C:\\Users\\alice";
  EXPECT_EQ(renderWindowsTaskXml(spec), R"(<?xml version="1.0" encoding="UTF-8"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>OpenClaw Gateway (profile: default, v1.2.3)</Description>
    <URI>\OpenClaw Gateway</URI>
  </RegistrationInfo>
  <Triggers>
    <LogonTrigger>
      <Enabled>true</Enabled>
    </LogonTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <RestartOnFailure>
      <Interval>PT1M</Interval>
      <Count>999</Count>
    </RestartOnFailure>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>C:\Program Files\OpenClaw\openclaw.exe</Command>
      <Arguments>gateway --port 18789</Arguments>
      <WorkingDirectory>C:\Users\alice</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
)");
}

TEST(ServiceWindowsTask, NamedAndDevProfilesEscapeXmlAndNeverCarryTheToken) {
  ServiceSpec spec = awkwardSpec();
  spec.home = "C:\\Users\\a&b";
  const std::string xml = renderWindowsTaskXml(spec);
  EXPECT_NE(xml.find("    <URI>\\OpenClaw Gateway (rescue)</URI>\n"), std::string::npos);
  EXPECT_NE(xml.find("<Command>/opt/open claw/bin/openclaw</Command>"), std::string::npos);
  EXPECT_NE(xml.find("<Arguments>--profile rescue gateway --port 19789</Arguments>"),
            std::string::npos);
  EXPECT_NE(xml.find("<WorkingDirectory>C:\\Users\\a&amp;b</WorkingDirectory>"), std::string::npos);
  EXPECT_EQ(xml.find("s3cr"), std::string::npos) << "the token must not leak into the task";

  ServiceSpec dev = baseSpec(config::Profile::devProfile(), 19001);
  dev.token = "abc123";
  const std::string devXml = renderWindowsTaskXml(dev);
  EXPECT_NE(devXml.find("<Arguments>--dev gateway --port 19001</Arguments>"), std::string::npos);
  EXPECT_NE(devXml.find("<URI>\\OpenClaw Gateway (dev)</URI>"), std::string::npos);
  EXPECT_EQ(devXml.find("abc123"), std::string::npos);
}

TEST(ServiceWindowsTask, ArgumentQuotingFollowsCommandLineToArgvRules) {
  EXPECT_EQ(windowsQuote("plain"), "plain");
  EXPECT_EQ(windowsQuote(""), "\"\"");
  EXPECT_EQ(windowsQuote("two words"), "\"two words\"");
  EXPECT_EQ(windowsQuote("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(windowsQuote("C:\\dir with space\\"), "\"C:\\dir with space\\\\\"");
  EXPECT_EQ(windowsQuote("a\\\\\"b c"), "\"a\\\\\\\\\\\"b c\"");
}

TEST(ServiceXml, EscapesAllFiveSpecialCharacters) {
  EXPECT_EQ(xmlEscape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
}

}  // namespace
}  // namespace openclaw::service
