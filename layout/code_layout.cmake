# Start-up code and data layout for the release link.
#
# RSS counts every page of the executable the process has touched, and on a page fault the kernel
# maps the whole 64 KiB window around it (fault-around). The few thousand functions a gateway runs
# while it starts, serves its first clients and idles are spread over the 8 MiB of code, so an
# idle gateway had 4.3 MiB of its code resident. hot-code.txt lists them; the linker script made
# from it puts their sections first, in one output section before .text, so they share as few
# windows as possible. The same held for read-only data: the 55 KiB of it a gateway reads were
# spread over all 780 KiB of .rodata, every page of which was resident. It goes into one output
# section right after .rodata (inserted before it, it would land in the executable segment):
# every hot function's own tables (.rodata.<function> with
# -fdata-sections), string literals and constants (see below), and what hot-data.txt lists: the
# other input sections the profile saw read (variables, and tables of archives without data
# sections).
# scripts/update-code-layout.sh regenerates both lists.
#
# hot-code.txt entries are mangled function names (their -ffunction-sections section is
# .text.<name>, or .text.startup.<name> for main and static initialisers) or "<archive>:<member>"
# for archives built without per-function sections (SQLite), whose whole .text is taken.
# hot-data.txt entries are linker-script input section descriptions, e.g.
# "*(.rodata.kProtocolSchemaText)" or "*libsqlite3.a:func.o(.rodata)". An entry that no longer
# exists matches nothing; the link stays correct, only less packed.
function(openclaw_apply_code_layout target)
  set(code_list "${PROJECT_SOURCE_DIR}/layout/hot-code.txt")
  set(data_list "${PROJECT_SOURCE_DIR}/layout/hot-data.txt")
  set(script_file "${CMAKE_BINARY_DIR}/code-layout.ld")
  file(STRINGS "${code_list}" code_entries REGEX "^[^#]")
  file(STRINGS "${data_list}" data_entries REGEX "^[^#]")
  set(script "/* Generated from layout/hot-*.txt by layout/code_layout.cmake. */\n")
  # The C runtime's start-up files (_start, frame_dummy) run in every process.
  string(APPEND script "SECTIONS\n{\n  .text.hot_path :\n  {\n")
  string(APPEND script "    *Scrt1.o(.text) *crti.o(.text) *crtbeginS.o(.text)\n")
  # String literals and mergeable constants cannot be attributed to the code that reads them:
  # a literal lives in the section of the first function of its file that uses it
  # (.rodata.<function>.str1.<n>), or in the file's .rodata.str1.<n>, and the linker merges equal
  # ones, suffixes included, across files. So all of them are taken (about 190 KiB), except
  # OpenSSL's 140 KiB of mostly error strings, which a gateway without TLS never reads.
  set(function_data "    *(.rodata.cst* .rodata.*.str1.*)\n")
  string(APPEND function_data "    *(EXCLUDE_FILE(*libcrypto.a:* *libssl.a:*) .rodata.str1.*)\n")
  foreach(entry IN LISTS code_entries)
    if(entry MATCHES ":")
      string(APPEND script "    *${entry}(.text .text.*)\n")
      string(APPEND function_data "    *${entry}(.rodata)\n")
    else()
      string(APPEND script "    *(.text.${entry} .text.startup.${entry})\n")
      string(APPEND function_data "    *(.rodata.${entry})\n")
    endif()
  endforeach()
  string(APPEND script "  }\n}\nINSERT BEFORE .text;\n")
  string(APPEND script "SECTIONS\n{\n  .rodata.hot_path :\n  {\n")
  foreach(entry IN LISTS data_entries)
    string(APPEND script "    ${entry}\n")
  endforeach()
  string(APPEND script "${function_data}")
  string(APPEND script "  }\n}\nINSERT AFTER .rodata;\n")
  # Written through a temporary file and copied only when it changed: the script is a link
  # dependency, so rewriting it on every configure relinked the gateway on every rebuild.
  file(WRITE "${script_file}.tmp" "${script}")
  file(COPY_FILE "${script_file}.tmp" "${script_file}" ONLY_IF_DIFFERENT)
  file(REMOVE "${script_file}.tmp")
  set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
                                                            "${code_list}" "${data_list}")
  target_link_options(${target} PRIVATE "LINKER:-T,${script_file}")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${script_file}")
  add_custom_command(TARGET ${target} POST_BUILD
                     COMMAND ${CMAKE_COMMAND} -DBINARY=$<TARGET_FILE:${target}>
                             -P ${PROJECT_SOURCE_DIR}/layout/check_segments.cmake
                     VERBATIM)
endfunction()
