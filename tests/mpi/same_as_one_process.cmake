# cmake -DMPIRUN=<mpirun;-np;2;...> -DVAXSIM=<program> -DWORK_DIR=<dir> -DARGS=<args> -P this
#
# Runs `vaxsim ARGS --out out` alone and under MPIRUN, each in its own folder, and checks that
# both exit alike, print the same on standard output (rank 0 alone prints) and write the same
# files, byte for byte (rank 0 alone writes).

function(run_in dir result_var output_var)
  file(MAKE_DIRECTORY "${dir}")
  execute_process(COMMAND ${ARGN} ${ARGS} --out out --quiet
    WORKING_DIRECTORY "${dir}"
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors)
  string(JOIN " " shown ${ARGN} ${ARGS})
  message("+ (in ${dir}) ${shown}\n  exit ${result}\n${errors}")
  set(${result_var} "${result}" PARENT_SCOPE)
  set(${output_var} "${output}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
run_in("${WORK_DIR}/one" one_result one_output "${VAXSIM}")
run_in("${WORK_DIR}/ranks" ranks_result ranks_output ${MPIRUN} "${VAXSIM}")

if(NOT one_result STREQUAL ranks_result)
  message(FATAL_ERROR "exit status: ${one_result} alone, ${ranks_result} under MPI")
endif()
if(NOT one_output STREQUAL ranks_output)
  message(FATAL_ERROR "standard output differs.\nAlone:\n${one_output}\nUnder MPI:\n"
                      "${ranks_output}")
endif()

file(GLOB_RECURSE one_files LIST_DIRECTORIES false RELATIVE "${WORK_DIR}/one" "${WORK_DIR}/one/*")
file(GLOB_RECURSE ranks_files LIST_DIRECTORIES false RELATIVE "${WORK_DIR}/ranks"
     "${WORK_DIR}/ranks/*")
list(SORT one_files)
list(SORT ranks_files)
if(NOT one_files STREQUAL ranks_files)
  message(FATAL_ERROR "files written: [${one_files}] alone, [${ranks_files}] under MPI")
endif()
if(one_result EQUAL 0 AND NOT one_files)
  message(FATAL_ERROR "nothing was written")
endif()
foreach(f IN LISTS one_files)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${WORK_DIR}/one/${f}"
                          "${WORK_DIR}/ranks/${f}" RESULT_VARIABLE differ)
  if(NOT differ EQUAL 0)
    message(FATAL_ERROR "${f} differs between the run alone and under MPI")
  endif()
endforeach()
list(JOIN one_files ", " written)
message("same exit status (${one_result}), output and files (${written})")
