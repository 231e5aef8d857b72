// The pieces of `nodes canvas` that need no gateway: snapshot decoding and naming, A2UI JSONL.
#include <gtest/gtest.h>

#include "auth/base64url.h"
#include "cli/a2ui_jsonl.h"
#include "cli/canvas_snapshot_file.h"

namespace openclaw::cli {
namespace {

using nlohmann::json;

TEST(CliCanvasSnapshot, DecodesBase64OrDataAndPicksTheExtension) {
  const std::string bytes("\x89PNG\0\xff", 6);
  const std::string encoded = auth::base64UrlEncode(bytes);
  const CanvasSnapshotImage png =
      decodeCanvasSnapshot({{"format", "png"}, {"base64", encoded}}, "jpeg");
  EXPECT_EQ(png.bytes, bytes);
  EXPECT_EQ(png.extension, "png");
  const CanvasSnapshotImage jpeg =
      decodeCanvasSnapshot({{"data", "data:image/jpeg;base64,aGk="}}, "jpeg");
  EXPECT_EQ(jpeg.bytes, "hi");
  EXPECT_EQ(jpeg.extension, "jpg");
  EXPECT_THROW(decodeCanvasSnapshot({{"format", "png"}}, "png"), std::runtime_error);
  EXPECT_THROW(decodeCanvasSnapshot({{"base64", "***"}}, "png"), std::runtime_error);
  EXPECT_THROW(decodeCanvasSnapshot(json("text"), "png"), std::runtime_error);
}

TEST(CliCanvasSnapshot, DefaultPathNamesTheNodeAndTheUtcTime) {
  const auto at = std::chrono::system_clock::from_time_t(1'765'108'800);  // 2025-12-07 12:00:00
  EXPECT_EQ(defaultCanvasSnapshotPath("Studio Mac/../x", "png", at),
            std::filesystem::path("./canvas-snapshot-Studio-Mac----x-20251207-120000.png"));
}

TEST(CliA2uiJsonl, TextDocumentIsTwoValidMessages) {
  const std::string jsonl = a2uiTextJsonl("hello \"you\"");
  EXPECT_EQ(countA2uiMessages(jsonl), 2U);
  const json first = json::parse(jsonl.substr(0, jsonl.find('\n')));
  EXPECT_EQ(first.at("surfaceUpdate").at("components").at(1).at("component").at("Text").at("text"),
            json({{"literalString", "hello \"you\""}}));
}

TEST(CliA2uiJsonl, BadLinesAndV09AreRefused) {
  EXPECT_EQ(countA2uiMessages("{\"beginRendering\":{}}\n\n  \n{\"deleteSurface\":{}}\r\n"), 2U);
  EXPECT_THROW(countA2uiMessages(""), std::invalid_argument);
  EXPECT_THROW(countA2uiMessages("[1]"), std::invalid_argument);
  EXPECT_THROW(countA2uiMessages("{\"other\":1}"), std::invalid_argument);
  try {
    countA2uiMessages("{\"beginRendering\":{}}\n{\"createSurface\":{}}");
    FAIL() << "v0.9 accepted";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("line 2"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace openclaw::cli
