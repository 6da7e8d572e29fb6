"""The manual page and bash completion know every command and option the program's --help
lists, so neither falls behind the program."""

import re
import shutil
import subprocess

import pytest


def commands(program):
    help_text = subprocess.run([program, "--help"], capture_output=True, text=True).stdout
    listed = help_text.split("Subcommands:")[1].split("\n\n")[0]
    return re.findall(r"^  ([a-z][a-z-]*) ", listed, re.M)


def long_options(program, command):
    help_text = subprocess.run([program, command, "--help"], capture_output=True, text=True).stdout
    return sorted(set(re.findall(r"^  (?:-\w,)?(--[a-z][a-z-]*)", help_text, re.M)))


def complete(source_dir, program, *words):
    script = (f"source {source_dir}/scripts/bash-completion/vaxsim; "
              f"COMP_WORDS=({program} {' '.join(words)}); COMP_CWORD={len(words)}; _vaxsim; "
              'printf "%s\\n" "${COMPREPLY[@]}"')
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True).stdout.split()


def test_the_program_has_the_commands_these_tests_expect(program):
    assert {"run", "sweep", "compare"} <= set(commands(program))


def test_the_man_page_names_every_command_and_option(program, source_dir):
    page = (source_dir / "docs/man/vaxsim.1").read_text().replace("\\-", "-")
    for command in commands(program):
        assert re.search(rf"^\.B (vaxsim )?{command}$", page, re.M), command
        for option in long_options(program, command):
            assert option in page, f"vaxsim {command} {option}"


def test_the_man_page_renders_without_warnings(source_dir):
    if shutil.which("groff") is None:
        pytest.skip("groff not installed")
    done = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z",
                           str(source_dir / "docs/man/vaxsim.1")], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == ""


def test_completion_offers_every_command_and_each_commands_options(program, source_dir):
    assert set(complete(source_dir, program, "")) >= set(commands(program))
    assert complete(source_dir, program, "sw") == ["sweep"]
    for command in commands(program):
        offered = complete(source_dir, program, command, "--")
        assert set(long_options(program, command)) <= set(offered), command
