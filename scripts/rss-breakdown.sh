#!/usr/bin/env bash
# Prints where a running process's resident memory is, from /proc/<pid>/smaps, as a markdown
# table: Rss per mapped file (all of its mappings summed) and per kind of anonymous memory, with
# how much of it is private and dirty (what the process alone costs the machine). bench/README.md
# ("Idle memory") shows it for an idle gateway.
#
# usage: scripts/rss-breakdown.sh PID
set -euo pipefail
(($# == 1)) || { echo "usage: scripts/rss-breakdown.sh PID" >&2; exit 2; }
smaps="/proc/$1/smaps"
[[ -r "${smaps}" ]] || { echo "rss-breakdown: cannot read ${smaps}" >&2; exit 1; }

awk '
  /^[0-9a-f]+-[0-9a-f]+ / {
    # Unnamed mappings are malloc arenas and thread stacks; [heap], [stack] keep their names.
    name = ($6 == "") ? "[anon]" : $6
    kind = ($6 == "" || $6 ~ /^\[/) ? "anon" : "file"
    next
  }
  /^Rss:/ { rss[name] += $2; kinds[name] = kind; total[kind] += $2 }
  /^Private_Dirty:/ { dirty[name] += $2 }
  END {
    print "| mapping | kind | Rss KiB | private dirty KiB |"
    print "| --- | --- | ---: | ---: |"
    sort = "sort -t\"|\" -k4 -rn"
    for (n in rss) if (rss[n] > 0) printf "| %s | %s | %d | %d |\n", n, kinds[n], rss[n], dirty[n] | sort
    close(sort)
    printf "| **total** | file %d, anon %d | %d | |\n", total["file"], total["anon"],
           total["file"] + total["anon"]
  }' "${smaps}"
