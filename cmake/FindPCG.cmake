# Finds pcg-cpp (O'Neill's PCG random number generators, header-only; Debian: libpcg-cpp-dev) and
# defines the imported target PCG::PCG. vaxsim's random streams are pcg64 engines
# (include/vaxsim/sim/random.hpp), so vaxsim::vaxsim links it publicly; installed, this file sits
# beside vaxsimConfig.cmake, which finds it the same way.
#
#   PCG_INCLUDE_DIR  where pcg_random.hpp is (a cache variable: set it for a copy elsewhere)
#   PCG_FOUND
find_path(PCG_INCLUDE_DIR pcg_random.hpp DOC "Directory holding pcg-cpp's pcg_random.hpp")

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PCG
  REQUIRED_VARS PCG_INCLUDE_DIR
  REASON_FAILURE_MESSAGE
    "pcg_random.hpp not found: install pcg-cpp (Debian: apt-get install libpcg-cpp-dev, or run scripts/setup.sh), or set PCG_INCLUDE_DIR to the directory that holds it")

if(PCG_FOUND AND NOT TARGET PCG::PCG)
  # GLOBAL: a project that vendors vaxsim (add_subdirectory) links it from its own directories.
  add_library(PCG::PCG INTERFACE IMPORTED GLOBAL)
  set_target_properties(PCG::PCG PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${PCG_INCLUDE_DIR}")
endif()
mark_as_advanced(PCG_INCLUDE_DIR)
