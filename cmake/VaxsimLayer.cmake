# vaxsim_add_layer(): one library per layer of the design, linking only the layers below it.
#
#   vaxsim_add_layer(model
#     SOURCES campaign.cpp results.cpp ...
#     PUBLIC  vaxsim::supply Eigen3::Eigen     # what its public headers need
#     PRIVATE OpenMP::OpenMP_CXX)              # what only its .cpp files need
#
# defines the target vaxsim_<layer>, its alias vaxsim::<layer> (the name it is exported under),
# with vaxsim's warnings and C++20.
#
# Why an upward include fails to build: a layer's target does not see include/ as a whole. Its
# include directory is a view, <build>/layer-include/<layer>, holding one link, vaxsim/<layer>,
# to its own folder of include/vaxsim. Linking a lower layer adds that layer's view, and nothing
# else, so in lib/supply `#include "vaxsim/model/..."` is "No such file", as it must be.
# Installed, all headers live under one include/ folder as usual.
function(vaxsim_add_layer layer)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;PUBLIC;PRIVATE")
  set(target vaxsim_${layer})
  add_library(${target} ${arg_SOURCES})
  add_library(vaxsim::${layer} ALIAS ${target})

  set(view "${PROJECT_BINARY_DIR}/layer-include/${layer}")
  file(MAKE_DIRECTORY "${view}/vaxsim")
  file(CREATE_LINK "${PROJECT_SOURCE_DIR}/include/vaxsim/${layer}" "${view}/vaxsim/${layer}"
       SYMBOLIC)
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${view}>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

  target_compile_features(${target} PUBLIC cxx_std_20)
  target_link_libraries(${target} PUBLIC ${arg_PUBLIC} PRIVATE ${arg_PRIVATE})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${layer} POSITION_INDEPENDENT_CODE ON)
  vaxsim_set_warnings(${target})
endfunction()
