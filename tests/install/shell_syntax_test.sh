#!/usr/bin/env bash
# `SHELL -n FILE`: the generated completion file parses in its shell. Exits 77 (ctest: skipped) when the
# shell is not installed; CI does not install zsh or fish for this. Usage: shell_syntax_test.sh SHELL FILE
command -v "$1" >/dev/null 2>&1 || { echo "$1 is not installed: skipped"; exit 77; }
exec "$1" -n "$2"
