#!/usr/bin/env python3
"""Checks the rule ARCHITECTURE.md states for src/ and include/r1tag/: a unit includes its own concept
folder and the folders before it in the data flow, never one after it, and the core never includes the
command line. Run by ctest as `architecture.layering`; prints each offending include and fails."""
import pathlib
import re
import sys

ORDER = ["common", "tables", "names", "gguf", "sources", "memory", "hardware", "advice", "render", "cli"]
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"](?:r1tag/)?([a-z_]+)/[^>"]+[>"]', re.M)


def concept_of(path: pathlib.Path, root: pathlib.Path) -> str | None:
    parts = path.relative_to(root).parts
    if parts[0] == "include":
        parts = parts[2:]  # include/r1tag/<concept>/...
    else:
        parts = parts[1:]  # src/<concept>/...
    return parts[0] if len(parts) > 1 and parts[0] in ORDER else None


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    problems = []
    files = [*root.glob("src/**/*.[ch]pp"), *root.glob("include/r1tag/**/*.hpp")]
    for path in sorted(files):
        concept = concept_of(path, root)
        if concept is None:
            continue
        for included in INCLUDE.findall(path.read_text(encoding="utf-8")):
            if included in ORDER and ORDER.index(included) > ORDER.index(concept):
                problems.append(f"{path.relative_to(root)}: {concept}/ includes {included}/, which comes after it")
    if not files:
        problems.append(f"no sources under {root}")
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
