#include <gtest/gtest.h>

#include "agent/sse_parser.h"

namespace openclaw::agent {
namespace {

std::vector<SseEvent> parseInPieces(const std::string& stream, std::size_t pieceSize) {
  SseParser parser;
  std::vector<SseEvent> events;
  for (std::size_t at = 0; at < stream.size(); at += pieceSize) {
    EXPECT_TRUE(parser.feed(std::string_view(stream).substr(at, pieceSize), events));
  }
  return events;
}

TEST(ProviderSseParser, SameEventsHoweverTheStreamIsSplit) {
  const std::string stream =
      ": comment\r\n"
      "event: message_start\r\n"
      "data: {\"a\":1}\r\n"
      "\r\n"
      "data: line one\n"
      "data:line two\n"
      "id: 7\n"
      "retry: 100\n"
      "\n"
      "event: ping\r"
      "data: x\r"
      "\r";
  for (std::size_t pieceSize : {std::size_t{1}, std::size_t{2}, std::size_t{5}, stream.size()}) {
    const auto events = parseInPieces(stream, pieceSize);
    ASSERT_EQ(events.size(), 3u) << "piece size " << pieceSize;
    EXPECT_EQ(events[0].event, "message_start");
    EXPECT_EQ(events[0].data, "{\"a\":1}");
    EXPECT_EQ(events[1].event, "");
    EXPECT_EQ(events[1].data, "line one\nline two");
    EXPECT_EQ(events[1].id, "7");
    EXPECT_EQ(events[2].event, "ping");
    EXPECT_EQ(events[2].data, "x");
  }
}

TEST(ProviderSseParser, EventDataIsValidUtf8EvenWhenACharacterIsSplitAcrossChunks) {
  // A valid "é" and "€" (split by every piece size below) and an overlong C0 AF.
  const std::string stream = "data: {\"t\":\"caf\xC3\xA9 \xE2\x82\xAC \xC0\xAF\"}\n\n";
  for (std::size_t pieceSize : {std::size_t{1}, std::size_t{2}, std::size_t{3}, stream.size()}) {
    const auto events = parseInPieces(stream, pieceSize);
    ASSERT_EQ(events.size(), 1u) << "piece size " << pieceSize;
    EXPECT_EQ(events[0].data, "{\"t\":\"caf\xC3\xA9 \xE2\x82\xAC \xEF\xBF\xBD\xEF\xBF\xBD\"}")
        << "piece size " << pieceSize;
  }
}

TEST(ProviderSseParser, IncompleteEventsWaitAndEventsWithoutDataAreDropped) {
  SseParser parser;
  std::vector<SseEvent> events;
  ASSERT_TRUE(parser.feed("event: lonely\n\ndata: [DONE]\n", events));
  EXPECT_TRUE(events.empty());
  ASSERT_TRUE(parser.feed("\n", events));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "");  // the dropped event's name does not leak into the next one
  EXPECT_EQ(events[0].data, "[DONE]");
}

TEST(ProviderSseParser, EmptyDataLineStillCountsAndFieldWithoutColonIsEmpty) {
  SseParser parser;
  std::vector<SseEvent> events;
  ASSERT_TRUE(parser.feed("data\n\ndata:\ndata:\n\n", events));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].data, "");
  EXPECT_EQ(events[1].data, "\n");
}

TEST(ProviderSseParser, OversizedEventFailsAndStaysFailed) {
  SseParser parser(64);
  std::vector<SseEvent> events;
  EXPECT_FALSE(parser.feed("data: " + std::string(100, 'x'), events));
  EXPECT_FALSE(parser.feed("\n\ndata: ok\n\n", events));
  EXPECT_TRUE(events.empty());
}

}  // namespace
}  // namespace openclaw::agent
