# Fails the build when the laid-out read-only data shares a segment with code, which would make
# it executable (layout/code_layout.cmake places it after .rodata for that reason).
# usage: cmake -DBINARY=<executable> -P layout/check_segments.cmake
execute_process(COMMAND readelf -lW "${BINARY}" OUTPUT_VARIABLE segments RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "readelf -lW ${BINARY} failed")
endif()
string(REGEX MATCH "\n *[0-9]+ +[^\n]*\\.text[^\n]*\\.rodata\\.hot_path[^\n]*" mixed "${segments}")
if(mixed)
  message(FATAL_ERROR "${BINARY}: .rodata.hot_path is in the code segment:${mixed}")
endif()
