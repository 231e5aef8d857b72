// What `channels add/remove` write, and how Telegram messages carry files: pure functions.
#include "cli/channel_setup.h"

#include <gtest/gtest.h>

#include "channels/telegram/telegram_media.h"
#include "channels/telegram/telegram_updates.h"

namespace openclaw {
namespace {

using nlohmann::json;

TEST(ChannelSetupPatch, AddKeepsTheSingleAccountAsDefault) {
  const json settings = {{"botToken", "2:b"}};
  EXPECT_EQ(cli::accountPatch(json::object(), "telegram", "default", settings),
            json({{"channels", {{"telegram", {{"botToken", "2:b"}, {"enabled", true}}}}}}));
  const json single = {{"channels", {{"telegram", {{"botToken", "1:a"}}}}}};
  EXPECT_EQ(cli::accountPatch(single, "telegram", "work", settings),
            json({{"channels",
                   {{"telegram",
                     {{"accounts",
                       {{"default", json::object()},
                        {"work", {{"botToken", "2:b"}, {"enabled", true}}}}}}}}}}));
  const json several = {{"channels", {{"telegram", {{"accounts", {{"a", json::object()}}}}}}}};
  EXPECT_EQ(cli::accountPatch(several, "telegram", "b", settings)["channels"]["telegram"],
            json({{"accounts", {{"b", {{"botToken", "2:b"}, {"enabled", true}}}}}}));
}

TEST(ChannelSetupPatch, RemoveDisablesOrDeletes) {
  const json single = {{"channels", {{"irc", {{"host", "h"}}}}}};
  EXPECT_EQ(cli::removalPatch(single, "irc", "default", false),
            json({{"channels", {{"irc", {{"enabled", false}}}}}}));
  EXPECT_EQ(cli::removalPatch(single, "irc", "default", true),
            json({{"channels", {{"irc", nullptr}}}}));
  const json two = {{"channels",
                     {{"irc",
                       {{"defaultAccount", "b"},
                        {"accounts", {{"a", json::object()}, {"b", json::object()}}}}}}}};
  EXPECT_EQ(cli::removalPatch(two, "irc", "b", true)["channels"]["irc"],
            json({{"accounts", {{"b", nullptr}}}, {"defaultAccount", nullptr}}));
  EXPECT_EQ(cli::removalPatch(two, "irc", "a", false)["channels"]["irc"],
            json({{"accounts", {{"a", {{"enabled", false}}}}}}));
}

TEST(TelegramMedia, AttachmentsOfPhotosDocumentsAndVoice) {
  const json update = {
      {"update_id", 1},
      {"message",
       {{"message_id", 7},
        {"chat", {{"id", 5}, {"type", "private"}}},
        {"from", {{"id", 5}}},
        {"caption", "see"},
        {"photo",
         {{{"file_id", "small"}, {"file_size", 10}}, {{"file_id", "large"}, {"file_size", 900}}}},
        {"voice", {{"file_id", "v1"}}},
        {"document", {{"file_id", 3}}}}}};  // not a string: ignored
  const auto attachments = channels::telegram::attachmentsOf(update);
  ASSERT_EQ(attachments.size(), 2u);
  EXPECT_EQ(attachments[0].fileId, "large");
  EXPECT_EQ(attachments[0].fileName, "photo-7.jpg");
  EXPECT_EQ(attachments[0].sizeBytes, 900u);
  EXPECT_EQ(attachments[1].contentType, "audio/ogg");
  auto inbound = channels::telegram::inboundFromUpdate(update, {});
  ASSERT_TRUE(inbound);
  EXPECT_EQ(inbound->text, "see");
  EXPECT_TRUE(channels::telegram::attachmentsOf({{"message", "x"}}).empty());
}

TEST(TelegramMedia, ShortTextBecomesTheFirstCaption) {
  channels::OutboundMessage message;
  message.text = "caption";
  message.media = {{"a.png", "image/png", "x"}, {"b.pdf", "application/pdf", "y"}};
  auto parts = channels::telegram::outgoingParts(message);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].text, "caption");
  EXPECT_EQ(parts[0].file, &message.media[0]);
  EXPECT_EQ(parts[1].text, "");
  message.text = std::string(2000, 'a');
  parts = channels::telegram::outgoingParts(message);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].file, nullptr);
  EXPECT_EQ(parts[1].file, &message.media[0]);
  EXPECT_EQ(parts[1].text, "");
}

}  // namespace
}  // namespace openclaw
