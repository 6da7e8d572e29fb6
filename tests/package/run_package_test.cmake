# Driver for the package tests, run with cmake -P; see CMakeLists.txt beside it.
#   MODE=install           install BUILD_DIR into WORK_DIR/prefix
#   MODE=find_package      build and run the consumer against WORK_DIR/prefix
#   MODE=build_tree        build and run the consumer against the package exported by BUILD_DIR
#   MODE=add_subdirectory  build and run the consumer with vaxsim's source tree vendored in
#   MODE=installed         what WORK_DIR/prefix holds beside the CMake package: the program run on
#                          an installed scenario, the Python module, scenarios, docs, man page,
#                          bash completion, licence

function(run)
  string(JOIN " " shown ${ARGN})
  message("+ ${shown}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "failed (${result}): ${shown}")
  endif()
endfunction()

set(prefix "${WORK_DIR}/prefix")

if(MODE STREQUAL "install")
  # A stale prefix could hide a file that is no longer installed.
  file(REMOVE_RECURSE "${prefix}")
  run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}" --config "${CONFIG}")
  return()
endif()

if(MODE STREQUAL "installed")
  include("${CMAKE_CURRENT_LIST_DIR}/check_installed.cmake")
  return()
endif()

set(consumer_build "${WORK_DIR}/consumer-${MODE}")
file(REMOVE_RECURSE "${consumer_build}")
set(configure_args
  -S "${CONSUMER_DIR}" -B "${consumer_build}" -G "${GENERATOR}"
  "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}"
  "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
  "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
  "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}"
  "-DVAXSIM_CONSUME=${MODE}"
  # vaxsim::mpi must be there exactly when vaxsim was built with MPI; vendored, it is built so.
  "-DVAXSIM_EXPECT_MPI=${WITH_MPI}" "-DVAXSIM_WITH_MPI=${WITH_MPI}")
if(CONFIG)
  string(TOUPPER "${CONFIG}" config_upper)
  list(APPEND configure_args "-DCMAKE_BUILD_TYPE=${CONFIG}"
       "-DCMAKE_CXX_FLAGS_${config_upper}=${CXX_FLAGS_CONFIG}")
endif()
if(MODE STREQUAL "find_package")
  # Only the fresh prefix may satisfy find_package, not the user package registry.
  list(APPEND configure_args "-DCMAKE_PREFIX_PATH=${prefix}" "-DVAXSIM_EXPECTED_PREFIX=${prefix}"
       -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
elseif(MODE STREQUAL "build_tree")
  # The package a build folder exports, found through vaxsim_DIR as a developer would set it.
  list(APPEND configure_args "-Dvaxsim_DIR=${BUILD_DIR}" "-DVAXSIM_EXPECTED_PREFIX=${BUILD_DIR}"
       -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
elseif(MODE STREQUAL "add_subdirectory")
  list(APPEND configure_args "-DVAXSIM_SOURCE_DIR=${SOURCE_DIR}")
else()
  message(FATAL_ERROR "unknown MODE '${MODE}'")
endif()

run("${CMAKE_COMMAND}" ${configure_args})
run("${CMAKE_COMMAND}" --build "${consumer_build}" --config "${CONFIG}")
# The consumer loads a scenario, runs it and writes summary.json through the package.
run("${consumer_build}/consumer" "${SOURCE_DIR}/tests/support/two-towns.yaml"
    "${consumer_build}/out")
if(NOT EXISTS "${consumer_build}/out/summary.json")
  message(FATAL_ERROR "the consumer wrote no summary.json")
endif()
if(WITH_MPI)
  run("${consumer_build}/consumer_mpi")  # one process: MPI starts without mpirun
endif()
