"""`python -m selfkind.bench [--write-docs FILE]`: run the benchmarks and print (or write) their results."""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import subprocess
import sys
from datetime import date
from pathlib import Path


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
    )


def load_average() -> str:
    try:
        return " / ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write-docs", metavar="FILE", help="write the results into this Markdown file")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfkind.settings")
    from selfkind.bench import caseload, safety

    sections = [safety.markdown(safety.run())]
    try:
        traps = importlib.import_module("selfkind.bench.traps")
    except ModuleNotFoundError:  # the thinking-trap detector is not in this checkout yet
        traps = None
    if traps is not None:
        sections.append(traps.markdown(traps.run()))
    sections.append(caseload.markdown(caseload.run()))
    from selfkind.bench import durability, profile, web

    print("Profiling the hot pages in-process (about a minute a database)…", file=sys.stderr)
    sections.append(profile.markdown(profile.run()))

    print("Serving the demo under load (about 7 minutes a database)…", file=sys.stderr)
    sections.append(web.markdown(web.run()))
    print("kill -9 while clients save…", file=sys.stderr)
    sections.append(durability.markdown(durability.run()))
    from selfkind.bench import worker_kill

    print("kill -9 of the worker while reminders are due…", file=sys.stderr)
    sections.append(worker_kill.markdown(worker_kill.run()))
    # What each speed change bought: measured before and after, written by hand when the change is made.
    sections.append((Path(__file__).with_name("changes.md")).read_text(encoding="utf-8").strip())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    header = [
        "# Benchmarks",
        "",
        "Written by `make bench-docs`; `make bench` prints the same without writing. Never part of `make test`.",
        "",
        f"Measured on {date.today().isoformat()}, commit `{commit or 'unknown'}`, on {machine()}; "
        f"load average {load_average()} when the run began (other work shares these cores).",
        "",
    ]
    text = "\n".join(header + ["\n\n".join(sections), ""])
    print(text)
    if args.write_docs:
        Path(args.write_docs).write_text(text, encoding="utf-8")
        print(f"Wrote {args.write_docs}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
