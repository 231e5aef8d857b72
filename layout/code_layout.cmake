# Start-up code layout for the release link.
#
# RSS counts every page of the executable the process has touched, and on a page fault the kernel
# maps the whole 64 KiB window around it (fault-around). The few thousand functions a gateway runs
# while it starts, serves its first clients and idles are spread over the 8 MiB of code, so an
# idle gateway had 4.3 MiB of its code resident. hot-code.txt lists them (regenerate with
# scripts/update-code-layout.sh); the linker script made from it puts their sections first, in
# one output section before .text, so they share as few windows as possible: 2.3 MiB resident.
#
# Entries are mangled function names (their -ffunction-sections section is .text.<name>, or
# .text.startup.<name> for main and static initialisers) or "<archive>:<member>" for archives
# built without per-function sections (SQLite), whose whole .text is taken. A name that no
# longer exists matches nothing; the link stays correct, only less packed.
function(openclaw_apply_code_layout target)
  set(list_file "${PROJECT_SOURCE_DIR}/layout/hot-code.txt")
  set(script_file "${CMAKE_BINARY_DIR}/code-layout.ld")
  file(STRINGS "${list_file}" entries REGEX "^[^#]")
  set(script "/* Generated from layout/hot-code.txt by layout/code_layout.cmake. */\n")
  string(APPEND script "SECTIONS\n{\n  .text.hot_path :\n  {\n")
  foreach(entry IN LISTS entries)
    if(entry MATCHES ":")
      string(APPEND script "    *${entry}(.text .text.*)\n")
    else()
      string(APPEND script "    *(.text.${entry} .text.startup.${entry})\n")
    endif()
  endforeach()
  string(APPEND script "  }\n}\nINSERT BEFORE .text;\n")
  file(WRITE "${script_file}" "${script}")
  set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
                                                            "${list_file}")
  target_link_options(${target} PRIVATE "LINKER:-T,${script_file}")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${script_file}")
endfunction()
