#!/usr/bin/env python3
"""Every golden JSON output (tests/golden/**/<case>.stdout whose .args ask for --json) validates against
its command's JSON Schema, docs/schema/<command>.schema.json (draft 2020-12): good names, bad names,
nothing fits. The command is the first argument that is not an option or a global option's value, so
goldens of commands added later are checked as soon as their schema exists; the others are listed.
Exits 77 (ctest: skipped) without python3-jsonschema. Usage: json_schema_test.py SOURCE_DIR"""
import json
import pathlib
import sys

GLOBAL_OPTIONS_WITH_VALUES = {"--data", "--color"}


def command_of(args: list[str]) -> str | None:
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in GLOBAL_OPTIONS_WITH_VALUES:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> int:
    try:
        import jsonschema
    except ImportError:
        print("python3-jsonschema is not installed (apt-get install python3-jsonschema): skipped")
        return 77
    root = pathlib.Path(sys.argv[1])
    schemas = {}
    for path in sorted((root / "docs" / "schema").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        schemas[path.name.removesuffix(".schema.json")] = jsonschema.Draft202012Validator(schema)
    problems, checked, unknown = [], {}, {}
    for args_path in sorted((root / "tests" / "golden").rglob("*.args")):
        args = args_path.read_text(encoding="utf-8").splitlines()
        if "--json" not in args:
            continue
        case = args_path.relative_to(root / "tests" / "golden").with_suffix("")
        stdout = args_path.with_suffix(".stdout").read_text(encoding="utf-8")
        if not stdout:
            continue  # usage errors print nothing on stdout, by design
        command = command_of(args)
        if command not in schemas:
            unknown.setdefault(command, []).append(str(case))
            continue
        try:
            document = json.loads(stdout)
        except json.JSONDecodeError as e:
            problems.append(f"{case}: not JSON: {e}")
            continue
        for error in schemas[command].iter_errors(document):
            where = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{case}: /{where}: {error.message[:200]}")
        checked[command] = checked.get(command, 0) + 1
    for command, count in sorted(checked.items()):
        print(f"{command}: {count} golden JSON output(s) checked against docs/schema/{command}.schema.json")
    for command, cases in sorted(unknown.items(), key=lambda item: str(item[0])):
        print(f"not checked, no docs/schema/{command}.schema.json: {', '.join(cases)}")
    for line in problems:
        print(line)
    if not checked:
        problems.append("no golden JSON output was checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
