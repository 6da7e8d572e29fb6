# cmake -DCLANG_FORMAT=<path or empty> -DSOURCE_DIR=<repo> -P format_check.cmake
if(NOT CLANG_FORMAT)
  message("format_check skipped: clang-format not found (scripts/setup.sh installs it)")
  return()
endif()

set(files "")
foreach(dir IN ITEMS include lib tests examples bench fuzz)
  file(GLOB_RECURSE found "${SOURCE_DIR}/${dir}/*.hpp" "${SOURCE_DIR}/${dir}/*.cpp")
  list(APPEND files ${found})
endforeach()
list(SORT files)
list(LENGTH files count)
if(count EQUAL 0)
  message("format_check: no sources yet")
  return()
endif()

execute_process(
  COMMAND "${CLANG_FORMAT}" --style=file --dry-run --Werror ${files}
  WORKING_DIRECTORY "${SOURCE_DIR}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "format_check: files above differ from .clang-format; "
                      "fix with: ${CLANG_FORMAT} -i <files>")
endif()
message("format_check: ${count} files formatted correctly")
