"""Ctrl-C during a run from Python: the run stops at the end of a simulated day, the caller gets
KeyboardInterrupt, and the module runs again afterwards."""

import signal
import subprocess
import sys
import textwrap
import time

SCRIPT = textwrap.dedent("""
    import sys, time, vaxsim
    plan = vaxsim.load_scenario(sys.argv[1])
    print("running", flush=True)
    started = time.monotonic()
    try:
        vaxsim.replicate(plan, replications=200, threads=int(sys.argv[3]))
        print("finished", flush=True)
        sys.exit(0)
    except KeyboardInterrupt:
        print(f"interrupted after {time.monotonic() - started:.1f} s", flush=True)
    towns = vaxsim.run(vaxsim.load_scenario(sys.argv[2]))
    print("then ran again:", towns.verdict["people_fully_by_deadline"], flush=True)
    sys.exit(3)
""")


def interrupt(source_dir, threads):
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(source_dir / "scenarios/shanxi-2021-plan.yaml"),
         str(source_dir / "tests/support/two-towns.yaml"), str(threads)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "running\n"
    time.sleep(1.5)  # well into the first replications; all 200 take minutes
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err, time.monotonic() - sent


def test_ctrl_c_stops_a_run_with_keyboard_interrupt_and_the_module_runs_again(source_dir):
    status, out, err, waited = interrupt(source_dir, threads=1)
    assert status == 3, out + err
    assert out.startswith("interrupted after ") and "then ran again: " in out
    assert waited < 20  # the end of the day, not the end of 200 replications


def test_ctrl_c_stops_replications_running_on_worker_threads(source_dir):
    status, out, err, _ = interrupt(source_dir, threads=2)
    assert status == 3, out + err
    assert out.startswith("interrupted after ")
