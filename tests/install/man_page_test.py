#!/usr/bin/env python3
"""The generated r1tag(1) against the live --help: every option every command's --help lists must be in
the page, every command must have its section, and the page must have EXAMPLES, EXIT STATUS (with every
code of README's exit-code table) and ENVIRONMENT. Usage: man_page_test.py R1TAG MAN_PAGE README"""
import re
import subprocess
import sys


def run(r1tag: str, *args: str) -> str:
    return subprocess.run([r1tag, *args], capture_output=True, text=True, check=True).stdout


def commands_of(help_text: str) -> list[str]:
    section = help_text.split("Subcommands:", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in section.splitlines() if line.strip()]


def options_of(help_text: str) -> set[str]:
    options = set()
    for line in help_text.split("Options:", 1)[1].split("\n\n", 1)[0].splitlines():
        match = re.match(r"\s+((?:-\w,)?--[\w-]+)", line)
        if match:
            options.update(match.group(1).split(","))
    return options


def sections_of(page: str) -> dict[str, str]:
    parts = re.split(r"^\.SH (.+)$", page, flags=re.M)
    return {parts[i].strip('"'): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def main() -> int:
    r1tag, man_path, readme_path = sys.argv[1:4]
    page = open(man_path, encoding="utf-8").read()
    text = page.replace("\\-", "-").replace("\\fB", "").replace("\\fR", "").replace("\\fI", "")
    problems = []
    top = run(r1tag, "--help")
    for option in sorted(options_of(top)):
        if option not in text:
            problems.append(f"global option {option} (r1tag --help) is not in the man page")
    sections = sections_of(page)
    commands_section = sections.get("COMMANDS", "")
    for command in commands_of(top):
        if f".SS {command}\n" not in commands_section:
            problems.append(f"command {command} has no section under COMMANDS")
            continue
        body = commands_section.split(f".SS {command}\n", 1)[1].split(".SS ", 1)[0]
        body = body.replace("\\-", "-").replace("\\fB", "").replace("\\fR", "").replace("\\fI", "")
        for option in sorted(options_of(run(r1tag, command, "--help"))):
            if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", body):
                problems.append(f"{command}: option {option} (r1tag {command} --help) is not in its man page section")
    for needed in ("NAME", "SYNOPSIS", "COMMANDS", "EXAMPLES", "EXIT STATUS", "ENVIRONMENT", "FILES"):
        if needed not in sections:
            problems.append(f"the man page has no {needed} section")
    readme = open(readme_path, encoding="utf-8").read()
    exit_table = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    codes = re.findall(r"^\| (\d+) \|", exit_table, flags=re.M)
    if not codes:
        problems.append("README has no exit-code table")
    for code in codes:
        if not re.search(rf"^\.B {code}$", sections.get("EXIT STATUS", ""), flags=re.M):
            problems.append(f"exit code {code} (README) is not under EXIT STATUS")
    for variable in ("R1TAG_DATA", "NO_COLOR"):
        if f".B {variable}\n" not in sections.get("ENVIRONMENT", ""):
            problems.append(f"{variable} is not under ENVIRONMENT")
    for line in problems:
        print(line)
    print(f"{len(problems)} problem(s)" if problems else "man page: every --help option, command and section present")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
