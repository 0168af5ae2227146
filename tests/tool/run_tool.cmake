# run_tool.cmake — run the tlswire executable and check its exit status and output.
#   -DTOOL=path -DEXPECT_RC=n -DEXPECT_REGEX=regex (on stdout; empty = any) -DARGS=a;b;c
execute_process(COMMAND "${TOOL}" ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc STREQUAL "${EXPECT_RC}")
  message(FATAL_ERROR "tlswire ${ARGS}: exit status ${rc}, expected ${EXPECT_RC}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT "${EXPECT_REGEX}" STREQUAL "")
  if(NOT out MATCHES "${EXPECT_REGEX}")
    message(FATAL_ERROR "tlswire ${ARGS}: stdout does not match ${EXPECT_REGEX}\nstdout:\n${out}")
  endif()
endif()
