"""What the Python tests share: where the build put the program and the module, and the source
tree. tests/python/CMakeLists.txt sets the environment; run by hand, set it likewise:

    VAXSIM_PROGRAM=build/ci/bin/vaxsim VAXSIM_SOURCE_DIR=. PYTHONPATH=build/ci/python \
        /usr/bin/python3 -m pytest tests/python
"""

import os
import pathlib
import subprocess

import pytest


@pytest.fixture(scope="session")
def source_dir() -> pathlib.Path:
    return pathlib.Path(os.environ["VAXSIM_SOURCE_DIR"])


@pytest.fixture(scope="session")
def program() -> str:
    return os.environ["VAXSIM_PROGRAM"]


@pytest.fixture(scope="session")
def run_program(program):
    """Runs the vaxsim program with arguments; returns the finished process (text output)."""

    def run(*args, cwd=None, check=True):
        done = subprocess.run([program, *map(str, args)], cwd=cwd, capture_output=True, text=True)
        if check and done.returncode != 0:
            raise AssertionError(f"vaxsim {' '.join(map(str, args))} exited {done.returncode}:\n"
                                 f"{done.stdout}\n{done.stderr}")
        return done

    return run
