# cmake -DBUILD=dir -DPREFIX=dir -P install_layout_test.cmake: `cmake --install` into a fresh prefix lays out
# the binary, the man page, the three completions and the docs, and the installed binary runs.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${PREFIX}" RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
set(missing "")
foreach(path IN ITEMS bin/r1tag share/man/man1/r1tag.1 share/bash-completion/completions/r1tag
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
execute_process(COMMAND "${PREFIX}/bin/r1tag" fit --vram 8GB RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the installed r1tag fit --vram 8GB exited ${rc}")
endif()
file(REMOVE_RECURSE "${PREFIX}")
message(STATUS "cmake --install laid out every file")
