#!/usr/bin/python3
"""What if, from 3 June 2021, every site closed at 20:00 and had 25% fewer desks: would Shanxi
still reach 800,000 doses a day by 30 June, and with what odds?

Runs the June scenario as it is and with the two changes, the same replications for both (common
random numbers: the two differ by the change, not by the dice), prints the chances and key
numbers side by side, and draws the province's doses a day for both to a PNG.

    PYTHONPATH=build/release/python /usr/bin/python3 examples/python/what_if.py \
        --replications 20 --threads 2 --png out/what_if.png
"""

import argparse
import pathlib

import matplotlib

matplotlib.use("Agg")  # files only: no display needed
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)
import pandas as pd  # noqa: E402

import vaxsim  # noqa: E402

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
CHANGES = {"sites[*].hours[-1].close": "20:00", "sites[*].desks": "-25%"}


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default=REPOSITORY / "scenarios/shanxi-2021-june.yaml")
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--png", default="what_if.png", help="where to draw (default: %(default)s)")
    return parser.parse_args()


def daily_doses(replicated: vaxsim.Replicated) -> pd.DataFrame:
    """The province's doses a day: date, and the 5%, 50% and 95% over the replications."""
    rows = [{"date": day["date"], **day["doses"]} for day in replicated.summary["province_daily"]]
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def key_number(replicated: vaxsim.Replicated, key: str, stat: str = "q50") -> float:
    numbers = replicated.key_numbers.set_index("key")
    return numbers.loc[key, stat]


def main():
    args = parse_arguments()
    as_planned = vaxsim.load_scenario(args.scenario)
    changed = vaxsim.load_scenario(args.scenario, CHANGES)
    target = as_planned.daily_target
    runs = {}
    for label, scenario in [("as planned", as_planned), ("20:00 close, 25% fewer desks", changed)]:
        runs[label] = vaxsim.replicate(scenario, replications=args.replications,
                                       threads=args.threads)

    print(f"{target:,} doses a day by {as_planned.deadline}? "
          f"{args.replications} replications each.")
    for label, replicated in runs.items():
        odds = replicated.odds.set_index("key").loc["daily_reached"]
        print(f"  {label:30} chance {odds.p:6.1%} (95% interval {odds.lo:.0%} to {odds.hi:.0%}); "
              f"median best day {key_number(replicated, 'daily_best'):,.0f} doses, "
              f"days at target {key_number(replicated, 'daily_days_met'):.0f}")

    figure, axes = plt.subplots(figsize=(9, 4.5))
    for (label, replicated), colour, dash in zip(runs.items(), ["#0072B2", "#D55E00"], ["-", "--"]):
        days = daily_doses(replicated)
        chance = replicated.chance("daily_reached")
        axes.fill_between(days["date"], days["q05"], days["q95"], color=colour, alpha=0.2)
        axes.plot(days["date"], days["q50"], color=colour, linestyle=dash,
                  label=f"{label}: chance {chance:.0%} (line: median, band: 5-95%)")
    axes.axhline(target, color="black", linewidth=1)
    axes.annotate(f"target {target:,} a day", (days["date"].iloc[0], target),
                  textcoords="offset points", xytext=(2, 4))
    axes.set_ylabel("doses a day, province")
    axes.set_title(f"Shanxi, June 2021: {target:,} doses a day with 20:00 closing and 25% fewer "
                   f"desks? ({args.replications} replications)", fontsize=10)
    axes.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    axes.set_ylim(bottom=0)
    axes.legend(loc="lower left", fontsize=8)
    figure.autofmt_xdate()
    figure.tight_layout()
    pathlib.Path(args.png).parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(args.png, dpi=100)
    print(f"Wrote {args.png}")


if __name__ == "__main__":
    main()
