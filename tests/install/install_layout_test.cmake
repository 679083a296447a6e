# cmake -DBUILD=dir -DPREFIX=dir -DMAN_PAGE=r1tag.1.gz -P install_layout_test.cmake: `cmake --install` into a
# fresh prefix lays out the binary, the man page (MAN_PAGE: r1tag.1.gz, gzipped as Debian wants it, when the build
# found gzip), the three completions and the docs, and the installed binary runs.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${PREFIX}" RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
set(missing "")
foreach(path IN ITEMS bin/r1tag share/man/man1/${MAN_PAGE} share/bash-completion/completions/r1tag
                      share/zsh/site-functions/_r1tag share/fish/vendor_completions.d/r1tag.fish
                      share/doc/r1tag/README.md share/doc/r1tag/CHANGELOG.md share/doc/r1tag/copyright
                      share/doc/r1tag/json-schema.md share/doc/r1tag/schema/explain.schema.json
                      share/doc/r1tag/schema/fit.schema.json share/doc/r1tag/schema/gpus.schema.json
                      share/doc/r1tag/schema/list.schema.json share/doc/r1tag/schema/system.schema.json
                      share/doc/r1tag/schema/cache.schema.json)
  if(NOT EXISTS "${PREFIX}/${path}")
    string(APPEND missing " ${path}")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "not installed:${missing}")
endif()
if(MAN_PAGE MATCHES "[.]gz$")
  # gzip's header (RFC 1952): magic 1f 8b, method 08, flags, then MTIME, which gzip -n leaves 0 (lintian:
  # package-contains-timestamped-gzip); no FNAME flag (08) either. Only the .gz is installed.
  file(READ "${PREFIX}/share/man/man1/${MAN_PAGE}" gzip_header LIMIT 8 HEX)
  if(NOT gzip_header STREQUAL "1f8b080000000000")
    message(FATAL_ERROR "share/man/man1/${MAN_PAGE} is not gzip -9n output: header ${gzip_header}")
  endif()
  if(EXISTS "${PREFIX}/share/man/man1/r1tag.1")
    message(FATAL_ERROR "share/man/man1/r1tag.1 is installed beside ${MAN_PAGE}")
  endif()
endif()
execute_process(COMMAND "${PREFIX}/bin/r1tag" fit --vram 8GB RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the installed r1tag fit --vram 8GB exited ${rc}")
endif()
file(REMOVE_RECURSE "${PREFIX}")
message(STATUS "cmake --install laid out every file")
