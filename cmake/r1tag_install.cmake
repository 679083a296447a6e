# What `cmake --install` lays out and `cpack -G DEB` packages: the binary, the r1tag(1) man page (gzipped), bash, zsh and
# fish completions, and the docs (README, CHANGELOG, the JSON Schemas). The man page and the completions are
# made at build time by running the built r1tag (`r1tag manpage`, `r1tag completion SHELL`), so they list
# exactly the commands, options and table values that binary accepts.
include(GNUInstallDirs)

# Off when the built r1tag cannot run on the build machine (cross-compiling): then nothing is generated.
set(_r1tag_can_run ON)
if(CMAKE_CROSSCOMPILING AND NOT CMAKE_CROSSCOMPILING_EMULATOR)
  set(_r1tag_can_run OFF)
endif()
option(R1TAG_GENERATE_DOCS "Make the man page and shell completions by running the built r1tag" ${_r1tag_can_run})

install(TARGETS r1tag RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES LICENSE README.md CHANGELOG.md docs/json-schema.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)
install(DIRECTORY docs/schema/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/schema FILES_MATCHING PATTERN "*.schema.json")

if(R1TAG_GENERATE_DOCS)
  set(_r1tag_share ${CMAKE_CURRENT_BINARY_DIR}/share)
  set(R1TAG_MAN_PAGE ${_r1tag_share}/r1tag.1)
  set(R1TAG_BASH_COMPLETION ${_r1tag_share}/r1tag.bash)
  set(R1TAG_ZSH_COMPLETION ${_r1tag_share}/_r1tag)
  set(R1TAG_FISH_COMPLETION ${_r1tag_share}/r1tag.fish)
  set(_r1tag_generated)
  foreach(pair IN ITEMS "manpage|${R1TAG_MAN_PAGE}" "completion bash|${R1TAG_BASH_COMPLETION}"
                        "completion zsh|${R1TAG_ZSH_COMPLETION}" "completion fish|${R1TAG_FISH_COMPLETION}")
    string(REPLACE "|" ";" pair "${pair}")
    list(GET pair 0 _args)
    list(GET pair 1 _out)
    add_custom_command(
      OUTPUT ${_out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${_r1tag_share}
      COMMAND ${CMAKE_COMMAND} "-DEXE=$<TARGET_FILE:r1tag>" "-DARGS=${_args}" "-DOUT=${_out}"
              -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/run_to_file.cmake
      DEPENDS r1tag ${CMAKE_CURRENT_SOURCE_DIR}/cmake/run_to_file.cmake
      COMMENT "r1tag ${_args} > ${_out}"
      VERBATIM)
    list(APPEND _r1tag_generated ${_out})
  endforeach()
  # Debian policy 12.1 (and lintian) want man pages gzipped at the highest level (-9), reproducibly (-n: no
  # name or timestamp in the gzip header). Without gzip the page is installed as it is.
  find_program(R1TAG_GZIP gzip)
  if(R1TAG_GZIP)
    add_custom_command(
      OUTPUT ${R1TAG_MAN_PAGE}.gz
      COMMAND ${R1TAG_GZIP} -9 -n -k -f ${R1TAG_MAN_PAGE}
      COMMAND ${CMAKE_COMMAND} -E touch ${R1TAG_MAN_PAGE}.gz  # gzip -k gives it the page's time; newer is clearer
      DEPENDS ${R1TAG_MAN_PAGE}
      COMMENT "gzip -9n ${R1TAG_MAN_PAGE}"
      VERBATIM)
    list(APPEND _r1tag_generated ${R1TAG_MAN_PAGE}.gz)
    set(R1TAG_INSTALLED_MAN_PAGE r1tag.1.gz)
  else()
    set(R1TAG_INSTALLED_MAN_PAGE r1tag.1)
  endif()
  add_custom_target(r1tag_docs ALL DEPENDS ${_r1tag_generated})

  install(FILES ${_r1tag_share}/${R1TAG_INSTALLED_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${R1TAG_BASH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME r1tag)
  install(FILES ${R1TAG_ZSH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
  install(FILES ${R1TAG_FISH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
endif()

# --- a Debian package: cpack -G DEB (in the build folder) -------------------------------------------
set(R1TAG_DEB_MAINTAINER "The r1tag authors <maintainers@r1tag.invalid>" CACHE STRING "Maintainer field of the .deb")
set(CPACK_PACKAGE_NAME r1tag)
set(CPACK_PACKAGE_VENDOR "The r1tag authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "explains DeepSeek-R1 model names and which variant your hardware runs")
# One string (CPack indents each line of the long description for the control file).
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "r1tag reads any DeepSeek-R1 local-model name (ollama tags, Hugging Face GGUF\n"
  "files and repositories, unsloth dynamic quants) and says what each part means:\n"
  "the model, its architecture and base, the quant and its published quality\n"
  "cost, and the exact file size. 'r1tag fit' ranks the variants that fit a\n"
  "hardware budget (GPUs by memory or by name, system RAM, context length,\n"
  "KV-cache type, runtime) with the memory on each device, a decode-speed range\n"
  "and the command that runs it. Every figure comes from cited tables compiled\n"
  "into the binary; it works offline. Every command has --json output described\n"
  "by a JSON Schema.")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_SOURCE_DIR}/LICENSE)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${R1TAG_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)  # Debian ships stripped binaries
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
# The shared libraries the binary needs, read from it by dpkg-shlibdeps (dpkg-dev): nothing for the static
# release build, libc6 and libstdc++6 for a shared one.
find_program(R1TAG_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(R1TAG_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
elseif(NOT R1TAG_STATIC)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6 (>= 2.34), libstdc++6 (>= 12)")
endif()
include(CPack)
