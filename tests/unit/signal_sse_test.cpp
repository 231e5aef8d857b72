#include <gtest/gtest.h>

#include "channels/signal/sse_parser.h"

namespace openclaw::channels::signal {
namespace {

std::vector<std::string> datas(const std::vector<SseEvent>& events) {
  std::vector<std::string> out;
  for (const auto& event : events) out.push_back(event.data);
  return out;
}

TEST(SignalSse, EventsAreSplitAtEmptyLinesWhateverThePieces) {
  const std::string stream =
      "event: receive\ndata: {\"a\":1}\n\n: keep-alive\n\nevent: receive\r\ndata: two\r\ndata: "
      "lines\r\n\r\ndata:no-space\r\rid: 7\nretry: 10\ndata\n\n";
  for (std::size_t step : {stream.size(), std::size_t{1}, std::size_t{3}, std::size_t{7}}) {
    SseParser parser(1024);
    std::vector<SseEvent> events;
    for (std::size_t at = 0; at < stream.size(); at += step) {
      for (auto& event : parser.feed(std::string_view(stream).substr(at, step))) {
        events.push_back(std::move(event));
      }
    }
    ASSERT_EQ(datas(events), (std::vector<std::string>{"{\"a\":1}", "two\nlines", "no-space", ""}))
        << "piece size " << step;
    EXPECT_EQ(events[0].event, "receive");
    EXPECT_EQ(events[2].event, "message");
    EXPECT_EQ(parser.oversized(), 0u);
  }
}

TEST(SignalSse, OversizedEventsAndLinesAreSkippedAndCounted) {
  SseParser parser(64);
  std::string stream = "data: " + std::string(100, 'x') + "\n\n";  // one long line
  stream += "data: " + std::string(40, 'a') + "\ndata: " + std::string(40, 'b') + "\n\n";
  stream += "data: fine\n\n";
  const auto events = parser.feed(stream);
  EXPECT_EQ(datas(events), std::vector<std::string>{"fine"});
  EXPECT_EQ(parser.oversized(), 2u);
}

TEST(SignalSse, AnEndlessLineKeepsTheBufferBounded) {
  SseParser parser(128);
  const std::string piece(4096, 'y');
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(parser.feed(piece).empty());
  EXPECT_EQ(parser.oversized(), 1u);
  EXPECT_EQ(datas(parser.feed("\n\ndata: after\n\n")), std::vector<std::string>{"after"});
}

}  // namespace
}  // namespace openclaw::channels::signal
