# Install rules and the CMake package, so that another project can find_package(vaxsim CONFIG).
if(NOT VAXSIM_INSTALL)
  return()
endif()

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(VAXSIM_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/vaxsim")

# Every layer is exported (vaxsim::sim ... vaxsim::report, and vaxsim::mpi when built), with
# vaxsim::vaxsim, the four that run campaigns in code. The core needs only header-only or system
# packages; the layers that read and write files (yaml-cpp, fmt, nlohmann_json) add theirs. Static
# libraries carry even PRIVATE dependencies to the consumer's link line, hence find_dependency
# for every package a target links.
set(vaxsim_export_targets vaxsim vaxsim_sim vaxsim_supply vaxsim_model vaxsim_run vaxsim_io
                          vaxsim_fit vaxsim_report vaxsim_cli)
set(VAXSIM_EXTRA_DEPENDENCIES
    "find_dependency(yaml-cpp)\nfind_dependency(fmt)\nfind_dependency(nlohmann_json 3.10)\nfind_dependency(NLopt CONFIG)\n")
if(TARGET vaxsim_mpi)  # only when built (VAXSIM_WITH_MPI=ON)
  list(APPEND vaxsim_export_targets vaxsim_mpi)
  string(APPEND VAXSIM_EXTRA_DEPENDENCIES "find_dependency(MPI COMPONENTS CXX)\n")
endif()

install(TARGETS ${vaxsim_export_targets}
  EXPORT vaxsimTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# vaxsim/mpi/ includes <mpi.h>: installed only with the library that implements it.
set(vaxsim_header_filter "")
if(NOT TARGET vaxsim_mpi)
  set(vaxsim_header_filter PATTERN "mpi" EXCLUDE)
endif()
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/vaxsim" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  ${vaxsim_header_filter})

install(EXPORT vaxsimTargets
  NAMESPACE vaxsim::
  DESTINATION ${VAXSIM_INSTALL_CMAKEDIR})

configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/vaxsimConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/vaxsimConfig.cmake"
  INSTALL_DESTINATION ${VAXSIM_INSTALL_CMAKEDIR})
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/vaxsimConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/vaxsimConfig.cmake"
  "${PROJECT_BINARY_DIR}/vaxsimConfigVersion.cmake"
  "${CMAKE_CURRENT_LIST_DIR}/FindPCG.cmake"
  DESTINATION ${VAXSIM_INSTALL_CMAKEDIR})

# What a planner needs beside the program: the scenarios (and the observed progress they are checked
# against), the documents, the manual page and bash completion, and the licence.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/scenarios/"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/vaxsim/scenarios" FILES_MATCHING PATTERN "*.yaml")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/data/"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/vaxsim/data" FILES_MATCHING PATTERN "*.csv")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/" DESTINATION "${CMAKE_INSTALL_DOCDIR}"
  PATTERN "man" EXCLUDE)
install(FILES "${PROJECT_SOURCE_DIR}/README.md" "${PROJECT_SOURCE_DIR}/LICENSE"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(FILES "${PROJECT_SOURCE_DIR}/docs/man/vaxsim.1" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${PROJECT_SOURCE_DIR}/scripts/bash-completion/vaxsim"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")

# The same package from the build tree, for a planning tool developed beside a vaxsim checkout:
# find_package(vaxsim CONFIG) with vaxsim_DIR set to this build folder, no install needed.
export(EXPORT vaxsimTargets NAMESPACE vaxsim:: FILE "${PROJECT_BINARY_DIR}/vaxsimTargets.cmake")
configure_file("${CMAKE_CURRENT_LIST_DIR}/FindPCG.cmake" "${PROJECT_BINARY_DIR}/FindPCG.cmake"
               COPYONLY)
