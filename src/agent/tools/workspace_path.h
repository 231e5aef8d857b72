#pragma once

#include <filesystem>
#include <string>

namespace openclaw::agent::tools {

// Resolves a path the model gave (relative to the workspace, or absolute inside it; a leading
// "~" is the home directory) to an absolute path inside the workspace, or throws ToolError.
//
// Refused: paths that leave the workspace lexically ("..", absolute paths elsewhere), and any
// existing symlink along the way that points outside the workspace or nowhere (a dangling link
// could otherwise be written through to anywhere). Symlinks that stay inside are followed. The
// result has every existing component resolved; the components that do not exist yet follow
// as plain names, so creating them stays inside the workspace.
//
// Race model: the check and the later use are separate system calls. Someone able to replace a
// directory inside the workspace with a symlink between the two could redirect the access;
// file tools narrow this by opening the final component with O_NOFOLLOW and replacing files by
// rename (which replaces a symlink instead of following it). A tool call's own commands are
// finished (and their background jobs killed) before the next call, so only a process running
// concurrently (another session's command, or one outside the gateway) can use the window.
std::filesystem::path resolveWorkspacePath(const std::filesystem::path& workspace,
                                           const std::string& requested);

}  // namespace openclaw::agent::tools
