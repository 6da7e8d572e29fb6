# Every dependency is a Debian package installed by scripts/setup.sh.
find_package(Boost 1.74 REQUIRED)            # Graph and Random are header-only
list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}")
find_package(PCG MODULE REQUIRED)            # cmake/FindPCG.cmake: pcg-cpp, header-only
find_package(Eigen3 3.3 REQUIRED NO_MODULE)
find_package(yaml-cpp REQUIRED)              # scenario files (io layer only)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)    # JSON summary (report layer only)
find_package(CLI11 REQUIRED)                 # command line (cli only)
find_package(Threads REQUIRED)
find_package(OpenMP REQUIRED COMPONENTS CXX)  # cities in parallel within a day (GCC's libgomp)
if(VAXSIM_WITH_MPI)
  # vaxsim uses MPI's C API only: skip the MPI-2 C++ bindings (and their library) that OpenMPI's
  # mpi.h would otherwise pull in.
  set(MPI_CXX_SKIP_MPICXX ON)
  find_package(MPI REQUIRED COMPONENTS CXX)  # Debian: libopenmpi-dev; mpirun from openmpi-bin
endif()
