# Fails when a file of one src/ folder includes a header of a folder its layer may not use.
# Run at build time by openclaw_layer() (src/CMakeLists.txt), once per folder, whenever one of
# its files changes; also run on a fixture by the layers.* tests.
#   cmake -DSOURCE_DIR=<src> -DLAYER=<folder> "-DALLOWED=<folder;...>" [-DSTAMP=<file>] -P this
# Includes are written from src/ ("folder/file.h"): the first path component names the folder.
cmake_minimum_required(VERSION 3.25)

foreach(required SOURCE_DIR LAYER)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "check_layer_includes: -D${required}=... is required")
  endif()
endforeach()

file(GLOB_RECURSE files "${SOURCE_DIR}/${LAYER}/*.h" "${SOURCE_DIR}/${LAYER}/*.cpp"
     "${SOURCE_DIR}/${LAYER}/*.in")
set(violations "")
foreach(file IN LISTS files)
  file(STRINGS "${file}" includes REGEX "^#include \"[a-z_0-9]+/")
  foreach(line IN LISTS includes)
    string(REGEX MATCH "^#include \"([a-z_0-9]+)/" ignored "${line}")
    set(folder "${CMAKE_MATCH_1}")
    if(NOT folder STREQUAL LAYER AND NOT folder IN_LIST ALLOWED)
      file(RELATIVE_PATH shown "${SOURCE_DIR}" "${file}")
      string(APPEND violations "  ${shown}: ${line}\n")
    endif()
  endforeach()
endforeach()

if(violations)
  string(REPLACE ";" " " allowed_text "${ALLOWED}")
  if(allowed_text STREQUAL "")
    set(allowed_text "none")
  endif()
  message(FATAL_ERROR "${LAYER}/ may include only ${LAYER}/ and the layers below it "
                      "(${allowed_text}), but:\n${violations}"
                      "Move the code to the layer it belongs to, or pass what it needs down "
                      "through an interface (see docs/design.md, Layers).")
endif()
if(DEFINED STAMP)
  file(TOUCH "${STAMP}")
endif()
