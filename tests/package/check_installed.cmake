# MODE=installed of run_package_test.cmake: what `cmake --install` put in WORK_DIR/prefix beside
# the CMake package, used as a planner would use it. Included by the driver (its run() and
# prefix); PYTHON and PYTHON_DIR are set when the Python module was built.

# Every kind of file, at the place the README names.
file(GLOB libraries "${prefix}/lib*/libvaxsim_io.a" "${prefix}/lib*/*/libvaxsim_io.a")
foreach(expected
    bin/vaxsim
    include/vaxsim/model/campaign.hpp
    share/vaxsim/scenarios/shanxi-2021-plan.yaml
    share/vaxsim/scenarios/shanxi-2021-june.yaml
    share/vaxsim/data/shanxi-2021-observed.csv
    share/doc/vaxsim/README.md
    share/doc/vaxsim/LICENSE
    share/doc/vaxsim/output-format.md
    share/doc/vaxsim/schema/summary.schema.json
    share/man/man1/vaxsim.1
    share/bash-completion/completions/vaxsim)
  if(NOT EXISTS "${prefix}/${expected}")
    message(FATAL_ERROR "not installed: ${expected}")
  endif()
endforeach()
if(NOT libraries)
  message(FATAL_ERROR "not installed: libvaxsim_io.a")
endif()
file(GLOB config "${prefix}/lib*/cmake/vaxsim/vaxsimConfig.cmake")
file(STRINGS "${config}" licence REGEX "vaxsim_LICENSE \"MIT\"")
if(NOT licence)
  message(FATAL_ERROR "vaxsimConfig.cmake does not name the licence")
endif()

# The installed program on an installed scenario.
set(out "${WORK_DIR}/installed-run")
file(REMOVE_RECURSE "${out}")
run("${prefix}/bin/vaxsim" run "${prefix}/share/vaxsim/scenarios/shanxi-2021-june.yaml"
    --out "${out}" --quiet)
foreach(name report.html city_days.csv supply_nodes.csv summary.json)
  if(NOT EXISTS "${out}/${name}")
    message(FATAL_ERROR "the installed program wrote no ${name}")
  endif()
endforeach()

# The completion offers the program's commands.
execute_process(
  COMMAND bash -c "source '${prefix}/share/bash-completion/completions/vaxsim'
                   COMP_WORDS=('${prefix}/bin/vaxsim' r); COMP_CWORD=1; _vaxsim
                   echo \"\${COMPREPLY[*]}\""
  OUTPUT_VARIABLE completed OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT completed STREQUAL "run")
  message(FATAL_ERROR "completing 'vaxsim r' gave '${completed}' (status ${status}), not 'run'")
endif()

# The installed Python module, found through the documented path, with its licence.
if(PYTHON)
  set(script [=[
import importlib.metadata, pathlib, sys, vaxsim
prefix = pathlib.Path(sys.argv[1]).resolve()
assert prefix in pathlib.Path(vaxsim.__file__).resolve().parents, vaxsim.__file__
assert importlib.metadata.metadata("vaxsim")["License"] == "MIT"
june = vaxsim.load_scenario(prefix / "share/vaxsim/scenarios/shanxi-2021-june.yaml")
print("installed module:", vaxsim.__file__, "loads", june.name)
]=])
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E env "PYTHONPATH=${prefix}/${PYTHON_DIR}" PYTHONDONTWRITEBYTECODE=1
            "${PYTHON}" -c "${script}" "${prefix}"
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "the installed Python module failed (${status})")
  endif()
endif()
message("installed: program, scenarios, docs, man page, completion and licence ok; "
        "Python module: ${PYTHON}")
