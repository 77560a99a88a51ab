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
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    header = [
        "# Benchmarks",
        "",
        "Written by `make bench-docs`; `make bench` prints the same without writing. Never part of `make test`.",
        "",
        f"Measured on {date.today().isoformat()}, commit `{commit or 'unknown'}`, on {machine()}.",
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
