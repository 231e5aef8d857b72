#include "core/build_info.h"

#ifndef OPENCLAW_BUILD_TYPE
#error "OPENCLAW_BUILD_TYPE is set for this file by src/CMakeLists.txt"
#endif

namespace openclaw::core {

std::string buildType() { return OPENCLAW_BUILD_TYPE; }

std::string versionLine() {
  return std::string("openclaw ") + OPENCLAW_VERSION + " (commit " + kBuildCommit + ", " +
         buildType() + ")";
}

}  // namespace openclaw::core
