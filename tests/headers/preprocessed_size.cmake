# Fails when HEADER, preprocessed on its own, is more than MAX_LINES lines: what every planning
# tool that includes it parses (issue 14). Usage:
#   cmake -DCXX=<compiler> -DINCLUDE_DIR=<include> -DHEADER=vaxsim/... -DMAX_LINES=<n>
#         -DWORK_DIR=<dir> -P preprocessed_size.cmake
# Only vaxsim's own include directory is given: a header that needs a third-party one (Boost,
# Eigen, pcg) is found in /usr/include on Debian all the same, and counted.
foreach(var IN ITEMS CXX INCLUDE_DIR HEADER MAX_LINES WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "preprocessed_size.cmake: -D${var}=... is missing")
  endif()
endforeach()
string(REGEX REPLACE "[/.]" "_" stem "${HEADER}")
set(unit "${WORK_DIR}/${stem}.cpp")
file(WRITE "${unit}" "#include <${HEADER}>\n")
execute_process(COMMAND "${CXX}" -std=c++20 -E "-I${INCLUDE_DIR}" "${unit}"
                OUTPUT_VARIABLE text ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "preprocessing ${HEADER} failed:\n${errors}")
endif()
# Lines = newlines: the text's length less its length without them.
string(LENGTH "${text}" with)
string(REPLACE "\n" "" text "${text}")
string(LENGTH "${text}" without)
math(EXPR lines "${with} - ${without}")
if(lines GREATER MAX_LINES)
  message(FATAL_ERROR "${HEADER} preprocesses to ${lines} lines, more than ${MAX_LINES}: "
                      "what does it include now that a planning tool does not need?")
endif()
message(STATUS "${HEADER}: ${lines} lines preprocessed (at most ${MAX_LINES})")
