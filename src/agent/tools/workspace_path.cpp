#include "agent/tools/workspace_path.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "agent/tools/tool_error.h"
#include "core/files.h"

namespace openclaw::agent::tools {
namespace {

namespace fs = std::filesystem;

bool isWithin(const fs::path& path, const fs::path& root) {
  if (root == root.root_path()) return true;
  const std::string& text = path.native();
  const std::string& base = root.native();
  return text == base || (text.size() > base.size() && text.compare(0, base.size(), base) == 0 &&
                          text[base.size()] == '/');
}

fs::path canonicalWorkspace(const fs::path& workspace) {
  std::error_code error;
  fs::path root = fs::canonical(workspace, error);
  if (error) {
    throw ToolError("the workspace " + workspace.string() +
                    " is not available: " + error.message());
  }
  return root;
}

// The requested path relative to the workspace, without "." or ".." components, or a refusal.
fs::path relativeInside(const fs::path& workspace, const fs::path& root,
                        const std::string& requested) {
  const fs::path given = core::expandHome(requested);
  if (!given.is_absolute()) {
    const fs::path relative = given.lexically_normal();
    if (relative.empty() || *relative.begin() != "..") return relative;
  } else {
    // An absolute path may name the workspace as configured or as resolved.
    for (const fs::path& base : {workspace.lexically_normal(), root}) {
      const fs::path normal = given.lexically_normal();
      if (isWithin(normal, base)) return normal.lexically_relative(base);
    }
  }
  throw ToolError("path \"" + requested + "\" is outside the workspace " + root.string() +
                  "; use a path relative to the workspace");
}

// Follows the symlink `link` (named `shown` in messages) if it stays inside `root`.
fs::path followInside(const fs::path& link, const fs::path& root, const std::string& shown) {
  std::error_code error;
  const fs::path target = fs::canonical(link, error);
  if (error) {
    throw ToolError("path \"" + shown + "\" goes through the symlink " + link.string() +
                    " whose target does not exist; refusing to follow a dangling symlink");
  }
  if (!isWithin(target, root)) {
    throw ToolError("path \"" + shown + "\" goes through the symlink " + link.string() +
                    " which points outside the workspace (to " + target.string() + ")");
  }
  return target;
}

}  // namespace

fs::path resolveWorkspacePath(const fs::path& workspace, const std::string& requested) {
  if (requested.empty()) throw ToolError("path is empty");
  if (requested.find('\0') != std::string::npos) throw ToolError("path contains a NUL byte");
  const fs::path root = canonicalWorkspace(workspace);
  const fs::path relative = relativeInside(workspace, root, requested);

  fs::path current = root;
  bool missing = false;  // once a component is missing, the rest are new names
  for (const fs::path& component : relative) {
    if (component.empty() || component == ".") continue;
    fs::path next = current / component;
    struct stat info {};
    if (missing || ::lstat(next.c_str(), &info) != 0) {
      if (!missing && errno == ENOTDIR) {
        throw ToolError("path \"" + requested + "\": " + current.string() + " is not a directory");
      }
      if (!missing && errno != ENOENT) {
        throw ToolError("path \"" + requested + "\": cannot inspect " + next.string() + ": " +
                        std::strerror(errno));
      }
      missing = true;
      current = std::move(next);
      continue;
    }
    current = S_ISLNK(info.st_mode) ? followInside(next, root, requested) : std::move(next);
  }
  return current;
}

}  // namespace openclaw::agent::tools
