// What `send` attaches: content types, local paths confined to the workspace, base64 buffers.
#include "channels/outbound_media.h"

#include <gtest/gtest.h>

#include "channels/media_types.h"
#include "temp_dir.h"

namespace openclaw::channels {
namespace {

using testsupport::TempDir;

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "rest";

TEST(MediaTypes, GivenTypeThenBytesThenExtension) {
  EXPECT_EQ(mediaContentType("Image/PNG; charset=x", "a.bin", ""), "image/png");
  EXPECT_EQ(mediaContentType("", "photo.bin", kPng), "image/png");
  EXPECT_EQ(mediaContentType("application/octet-stream", "doc.PDF", "plain"), "application/pdf");
  EXPECT_EQ(mediaContentType("", "notes", "plain"), "application/octet-stream");
  EXPECT_EQ(mediaContentType("not a type", "a.txt", "x"), "text/plain");
  EXPECT_EQ(extensionFor("image/jpeg"), ".jpg");
  EXPECT_TRUE(isPhotoType("image/png"));
  EXPECT_FALSE(isPhotoType("image/gif"));
}

class LocalMedia : public ::testing::Test {
 protected:
  OutboundMediaPolicy policy() const {
    OutboundMediaPolicy policy;
    policy.localRoots = {workspace_.path() / "ws", workspace_.path() / "state-media"};
    policy.maxBytes = 64;
    return policy;
  }
  std::string error(const std::string& source) const {
    auto loaded = readLocalMedia("mediaUrl", source, policy());
    return loaded ? "" : loaded.error().message;
  }

  TempDir workspace_;
  TempDir outside_;
};

TEST_F(LocalMedia, FilesInTheWorkspaceAreReadWithTheirType) {
  const auto file = workspace_.write("ws/pics/cat photo.png", kPng);
  auto loaded = readLocalMedia("mediaUrl", file.string(), policy());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->bytes, kPng);
  EXPECT_EQ(loaded->contentType, "image/png");
  EXPECT_EQ(loaded->fileName, "cat_photo.png");
  // Relative to the workspace, and as a file:// URL.
  EXPECT_TRUE(readLocalMedia("mediaUrl", "pics/cat photo.png", policy()));
  EXPECT_TRUE(readLocalMedia("mediaUrl", "file://" + file.string(), policy()));
  workspace_.write("state-media/a.txt", "hello");
  EXPECT_TRUE(
      readLocalMedia("mediaUrl", (workspace_.path() / "state-media/a.txt").string(), policy()));
}

TEST_F(LocalMedia, PathsOutsideTheRootsAreRefusedEvenThroughSymlinks) {
  const auto secret = outside_.write("secret.txt", "top secret");
  EXPECT_NE(error(secret.string()).find("outside the folders"), std::string::npos);
  EXPECT_NE(error("../" + std::string("x")).find("mediaUrl: "), std::string::npos);
  std::filesystem::create_directories(workspace_.path() / "ws");
  std::filesystem::create_symlink(secret, workspace_.path() / "ws" / "link.txt");
  EXPECT_NE(error("link.txt").find("outside the folders"), std::string::npos);
  // A path that climbs out of the workspace.
  workspace_.write("elsewhere.txt", "x");
  EXPECT_NE(error("../elsewhere.txt").find("outside the folders"), std::string::npos);
}

TEST_F(LocalMedia, MissingDirectoriesAndOversizedFilesAreRefused) {
  EXPECT_NE(error("nope.png").find("mediaUrl: cannot read nope.png"), std::string::npos);
  workspace_.write("ws/dir/x", "x");
  EXPECT_NE(error("dir").find("not a regular file"), std::string::npos);
  workspace_.write("ws/big.bin", std::string(65, 'x'));
  EXPECT_NE(error("big.bin").find("larger than the limit"), std::string::npos);
}

TEST(MediaBuffer, DecodesBase64WithNameAndType) {
  OutboundMediaPolicy policy;
  auto file = mediaFromBuffer("aGVsbG8=", "note.txt", "", policy);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->bytes, "hello");
  EXPECT_EQ(file->fileName, "note.txt");
  EXPECT_EQ(file->contentType, "text/plain");
  auto unnamed = mediaFromBuffer("iVBORw0KGgo=", "", "", policy);
  ASSERT_TRUE(unnamed);
  EXPECT_EQ(unnamed->contentType, "image/png");
  EXPECT_EQ(unnamed->fileName, "file.png");
}

TEST(MediaBuffer, BadOrOversizedBuffersNameTheField) {
  OutboundMediaPolicy policy;
  policy.maxBytes = 4;
  const auto message = [&](const std::string& base64) {
    auto file = mediaFromBuffer(base64, "", "", policy);
    return file ? "" : file.error().message;
  };
  EXPECT_EQ(message("not base64!"), "buffer: not valid base64");
  EXPECT_EQ(message(""), "buffer: empty");
  EXPECT_EQ(message("aGVsbG8="), "buffer: larger than the limit of 4 bytes");
  EXPECT_EQ(message(std::string(4000, 'A')).substr(0, 30), "buffer: larger than the limit ");
}

}  // namespace
}  // namespace openclaw::channels
