#!/usr/bin/env bash
# `openclaw completion bash|zsh|fish` in the real shells: bash completes through the generated
# _openclaw function (COMP_WORDS/COMPREPLY as bash sets them on Tab), fish through
# `complete -C`, and zsh loads the script and registers it (zsh and fish are checked when
# installed; scripts/setup-deps.sh --test installs both).
# usage: run_completion_test.sh OPENCLAW_BINARY
set -euo pipefail
binary=${1:?usage: $0 OPENCLAW_BINARY}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

"$binary" completion bash >"$work/openclaw.bash"
"$binary" completion zsh >"$work/_openclaw"
"$binary" completion --shell fish >"$work/openclaw.fish"

# expect SHELL "WORDS TYPED" EXPECTED... : the candidates for the last word, sorted.
bash_candidates() {
  # shellcheck disable=SC2016
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _openclaw
           printf "%s\n" "${COMPREPLY[@]}"' _ "$work/openclaw.bash" "$@" | sort
}
fish_candidates() {
  fish -c "source $work/openclaw.fish; complete -C '$*'" | cut -f1 | sort
}
expect() {
  local shell=$1 line=$2
  shift 2
  local -a words
  read -ra words <<<"$line"
  [[ $line == *" " ]] && words+=("")
  local actual expected
  if [[ $shell == bash ]]; then
    actual=$(bash_candidates "${words[@]}")
  else
    actual=$(fish_candidates "$line")
  fi
  expected=$(printf '%s\n' "$@" | sort)
  if [[ $actual == "$expected" ]]; then
    echo "ok   $shell: '$line' -> $(echo "$actual" | tr '\n' ' ')"
  else
    echo "FAIL $shell: '$line' gave [$(echo "$actual" | tr '\n' ' ')], expected [$*]"
    failures=$((failures + 1))
  fi
}

for shell in bash fish; do
  if [[ $shell == fish ]] && ! command -v fish >/dev/null; then
    echo "#### fish is not installed: its completions are not checked here ####"
    continue
  fi
  expect $shell "openclaw gat" gateway
  expect $shell "openclaw gateway ca" call
  expect $shell "openclaw gateway --po" --port
  expect $shell "openclaw --profile rescue gat" gateway
  expect $shell "openclaw gateway --port 18789 ru" run
  expect $shell "openclaw gateway call --par" --params
  expect $shell "openclaw automations ad" add
  expect $shell "openclaw update st" status
  expect $shell "openclaw devices l" list
done
expect bash "openclaw completion --sh" --shell
expect bash "openclaw --pro" --profile

# zsh: _openclaw with the words typed so far; _describe and _files stubbed to print the
# candidates they were given (zsh itself filters them by the typed prefix).
zsh_candidates() {
  # shellcheck disable=SC2016
  zsh -fc 'compdef() { :; }; source "$1"; shift
           _describe() { print -rl -- ${(P)${4}} | cut -d: -f1 }
           _files() { print -r -- "<files>" }
           words=("$@"); CURRENT=$#; _openclaw' _ "$work/_openclaw" "$@"
}
expect_zsh() {
  local candidates
  candidates=$(zsh_candidates "${@:1:$#-1}")
  if grep -qxF -- "${*: -1}" <<<"$candidates"; then
    echo "ok   zsh: '${*:1:$#-1}' offers ${*: -1}"
  else
    echo "FAIL zsh: '${*:1:$#-1}' offers [$(echo "$candidates" | tr '\n' ' ')], not ${*: -1}"
    failures=$((failures + 1))
  fi
}

if command -v zsh >/dev/null; then
  expect_zsh openclaw "" gateway
  expect_zsh openclaw gateway "" call
  expect_zsh openclaw gateway --port 18789 "" run
  expect_zsh openclaw gateway --port "" "<files>"
  expect_zsh openclaw gateway call -- --params
  expect_zsh openclaw automations "" add
  registered=$(zsh -fc "autoload -U compinit && compinit -u -d $work/zcompdump
                        source $work/_openclaw && print -r -- \$_comps[openclaw]")
  if [[ $registered == _openclaw ]]; then
    echo "ok   zsh: the script loads and registers _openclaw"
  else
    echo "FAIL zsh: sourcing the script registered [$registered]"
    failures=$((failures + 1))
  fi
else
  echo "#### zsh is not installed: its completion script is not checked here ####"
fi

((failures == 0)) || {
  echo "$failures completion checks failed" >&2
  exit 1
}
echo "PASS"
