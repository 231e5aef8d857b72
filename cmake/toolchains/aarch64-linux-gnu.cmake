# Cross build for 64-bit Arm Linux (Raspberry Pi 3/4/5 class boards running a 64-bit OS) with
# Debian's cross compiler (g++-aarch64-linux-gnu) and the arm64 dev packages installed through
# multiarch (scripts/setup-deps.sh --arm64), which put their libraries in
# /usr/lib/aarch64-linux-gnu and share the architecture-independent headers in /usr/include.
# scripts/build-arm64.sh uses it; docs/install.md, "arm64 (cross build)", explains the steps.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# Libraries and package configs are searched in the cross toolchain's root and the host root,
# where CMAKE_LIBRARY_ARCHITECTURE puts /usr/lib/aarch64-linux-gnu (the multiarch arm64 side)
# first; programs (readelf, ccache) are the build machine's. Headers come from /usr/include as
# well, where the multiarch headers live next to the amd64 ones and the architecture-specific
# parts are under /usr/include/aarch64-linux-gnu.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_LIBRARY_PATH /usr/lib/aarch64-linux-gnu)
set(CMAKE_PREFIX_PATH /usr/lib/aarch64-linux-gnu/cmake)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)

# CTest runs the arm64 test executables through user-mode QEMU (Debian's qemu-user-static).
# The dynamic loader and libraries are looked up under QEMU_LD_PREFIX; with multiarch they are in
# the host's root already (/lib/ld-linux-aarch64.so.1, /lib/aarch64-linux-gnu).
find_program(OPENCLAW_QEMU_AARCH64 qemu-aarch64-static)
if(OPENCLAW_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${OPENCLAW_QEMU_AARCH64})
endif()

# Code in a segment of its own, which binutils does by default on x86-64 (-z separate-code) but
# not on aarch64: the Release build's code layout (layout/code_layout.cmake) puts the hot
# read-only data after .rodata, and layout/check_segments.cmake refuses a binary where that data
# shares the executable segment (without this flag the aarch64 link puts .rodata in it).
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,-z,separate-code")
