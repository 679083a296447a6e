# cmake -DEXE=path -DARGS="a b" -DOUT=file -P run_to_file.cmake: runs EXE ARGS with its standard output
# into OUT, and fails the build when it fails. Used to make the man page and completions with the built r1tag.
separate_arguments(_args UNIX_COMMAND "${ARGS}")
unset(ENV{R1TAG_DATA})  # describe the tables compiled in, whatever the builder's environment says
execute_process(COMMAND "${EXE}" ${_args} OUTPUT_FILE "${OUT}.tmp" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  file(REMOVE "${OUT}.tmp")
  message(FATAL_ERROR "${EXE} ${ARGS} failed: ${_rc}")
endif()
file(RENAME "${OUT}.tmp" "${OUT}")
