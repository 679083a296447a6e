#!/usr/bin/env bash
# The bash completion the build generated, loaded into bash and asked as TAB would ask it (COMP_WORDS,
# COMP_CWORD, then the completion function): `r1tag <TAB>` offers every command `r1tag --help` lists,
# `r1tag fit --kv-type <TAB>` offers q8_0, and a few table values come through.
# Usage: bash_completion_test.sh R1TAG_BINARY COMPLETION_FILE
set -u
r1tag=$1
# shellcheck source=/dev/null
source "$2" || { echo "cannot load $2"; exit 1; }
failures=0

# complete WORD... : COMPREPLY for the command line r1tag WORD... (the last word is the one being completed)
complete_words() {
  COMP_WORDS=(r1tag "$@")
  COMP_CWORD=$#
  COMPREPLY=()
  _r1tag
}

expect() {  # expect DESCRIPTION WORD: WORD must be among COMPREPLY
  local want=$2 word
  for word in "${COMPREPLY[@]}"; do [[ "$word" == "$want" ]] && return 0; done
  echo "FAIL: $1: '$want' not offered (got: ${COMPREPLY[*]:0:20})"
  failures=$((failures + 1))
}

expect_none() {  # expect_none DESCRIPTION: nothing offered
  if (( ${#COMPREPLY[@]} != 0 )); then echo "FAIL: $1: offered ${COMPREPLY[*]:0:5}"; failures=$((failures + 1)); fi
}

# Every command of the live help, so commands added later are checked without editing this test.
commands=$("$r1tag" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
[[ -n "$commands" ]] || { echo "FAIL: no commands in r1tag --help"; exit 1; }
complete_words ""
for c in $commands; do expect "r1tag <TAB>" "$c"; done
complete_words "--"
expect "r1tag --<TAB>" "--version"
complete_words --color never ""
for c in $commands; do expect "r1tag --color never <TAB>" "$c"; done

complete_words fit --kv-type ""
expect "r1tag fit --kv-type <TAB>" q8_0
expect "r1tag fit --kv-type <TAB>" f16
complete_words fit --kv-type q
expect "r1tag fit --kv-type q<TAB>" q4_0
complete_words fit --prefer ""
expect "r1tag fit --prefer <TAB>" speed
complete_words fit --family ""
expect "r1tag fit --family <TAB>" distill
complete_words fit --runtime ""
expect "r1tag fit --runtime <TAB>" ollama
complete_words --color ""
expect "r1tag --color <TAB>" never
complete_words fit --gpu 409
expect "r1tag fit --gpu 409<TAB>" 4090
complete_words fit --gpu "RTX\\ 40"
expect "r1tag fit --gpu RTX\\ 40<TAB> (quoted for the command line)" 'RTX\ 4090'
complete_words fit --vram 8GB --j
expect "r1tag fit --vram 8GB --j<TAB>" --json
complete_words fit --vram ""
expect_none "r1tag fit --vram <TAB> (a size: nothing to offer)"
complete_words explain 7b-qwen-distill-q4_K
expect "r1tag explain 7b-qwen-distill-q4_K<TAB>" 7b-qwen-distill-q4_K_M
complete_words explain --json 14
expect "r1tag explain --json 14<TAB>" 14b
complete_words completion ""
expect "r1tag completion <TAB>" zsh

if (( failures > 0 )); then echo "$failures failure(s)"; exit 1; fi
echo "bash completion: all checks passed"
