"""examples/python/what_if.py runs on the June scenario (with few replications, to stay short),
prints both chances, and draws a PNG that is a real picture."""

import re
import subprocess
import sys

import matplotlib.image


def test_the_what_if_example_prints_both_chances_and_draws_a_png(source_dir, tmp_path):
    png = tmp_path / "what_if.png"
    done = subprocess.run([sys.executable, str(source_dir / "examples/python/what_if.py"),
                           "--replications", "2", "--threads", "2", "--png", str(png)],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    chances = re.findall(r"chance +(\d+\.\d)%", done.stdout)
    assert len(chances) == 2, done.stdout
    assert all(c in {"0.0", "50.0", "100.0"} for c in chances)  # k of 2 replications
    image = matplotlib.image.imread(png)
    assert image.shape[:2] == (450, 900)
    assert image.std() > 0.05  # not a blank page
