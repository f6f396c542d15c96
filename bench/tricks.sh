#!/usr/bin/env bash
# What each start-up trick saves: `venvsh export bash` timed for several builds of
# venvsh side by side, entering a project and leaving it, in interleaved rounds.
#
#   bench/tricks.sh NAME=BINARY NAME=BINARY ...
#
# The first binary is the reference; each other row says how much slower (+) or faster
# (-) that build is: its `export` alone (hyperfine), and a whole `cd` into the project
# and out through its bash hook (PAIRS of them per round, timed in bash), and the share
# that is of the reference's own `cd` in the same run. RUNS (default 2000) runs per
# export case, ROUNDS (default 10) rounds, PAIRS (default 100); DEPTH (default 0): the cd
# goes that many folders below the project root (40 for the deep case). Needs hyperfine and
# python3. BENCHMARKS.md says how each build of the last table was made. Give the
# reference twice (a copy of its file) to see the noise: the copy's row should be near
# zero.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
for t in hyperfine python3; do
    command -v "$t" >/dev/null || { echo "tricks: $t is missing" >&2; exit 1; }
done
runs=${RUNS:-2000}
rounds=${ROUNDS:-10}
pairs=${PAIRS:-100}
depth=${DEPTH:-0}
per_round=$(( (runs + rounds - 1) / rounds ))

w=$(mktemp -d "${TMPDIR:-/tmp}/venvsh-tricks.XXXXXX")
trap 'rm -rf "$w"' EXIT
w=$(cd "$w" && pwd -P)
export HOME=$w/home XDG_DATA_HOME=$w/data XDG_CONFIG_HOME=$w/config
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME/venvsh" "$w/plain"
printf "trusted_roots = ['%s']\n" "$w" > "$XDG_CONFIG_HOME/venvsh/config.toml"
py=$(command -v /usr/bin/python3 || command -v python3)
"$py" -m venv --without-pip "$w/proj/.venv"
inside=$w/proj
for ((d = 0; d < depth; d++)); do inside=$inside/d; done
mkdir -p "$inside"

names=() bins=()
for arg in "$@"; do
    names+=("${arg%%=*}")
    bins+=("$(cd "$(dirname "${arg#*=}")" && pwd -P)/$(basename "${arg#*=}")")
done

in_dir() {
    local dir=$1
    shift
    (cd "$dir" && env -i HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
        PATH=/usr/bin:/bin PWD="$dir" "$@")
}

# The environment of a shell with the project active, and its hook's token, for leaving.
active=$(in_dir "$inside" bash -c "eval \"\$('${bins[0]}' export bash)\" 2>/dev/null; env; echo \"__venvsh_ui=\$__venvsh_ui\"" |
    grep -E '^(VIRTUAL_ENV|VIRTUAL_ENV_PROMPT|VENVSH_STATE|PATH|__venvsh_ui)=')
mapfile -t act < <(grep -v '^__venvsh_ui=' <<<"$active")
ui=$(sed -n 's/^__venvsh_ui=//p' <<<"$active")

# Every build must do the same thing in both cases.
for i in "${!bins[@]}"; do
    a=$(in_dir "$inside" "${bins[$i]}" export bash 2>&1)
    b=$(in_dir "$w/plain" "${act[@]}" "${bins[$i]}" export bash "$ui" 2>&1)
    if [ "$i" = 0 ]; then
        ref_a=$a ref_b=$b
    elif [ "$a" != "$ref_a" ] || [ "$b" != "$ref_b" ]; then
        echo "tricks: ${names[$i]} prints something else than ${names[0]}" >&2
        exit 1
    fi
done

# hyperfine runs in the world's clean environment, and starts each build directly. The
# builds take their turns in a new random order each round: a fixed order gave the
# first one a steady edge of 20-40 µs here.
for r in $(seq 1 "$rounds"); do
    for i in $(shuf -e "${!bins[@]}"); do
        in_dir "$inside" hyperfine -N -w 20 -r "$per_round" --export-json "$w/enter.$i.$r.json" \
            --output=null "${bins[$i]} export bash" >/dev/null 2>&1
        in_dir "$w/plain" "${act[@]}" hyperfine -N -w 20 -r "$per_round" --export-json "$w/leave.$i.$r.json" \
            --output=null "${bins[$i]} export bash $ui" >/dev/null 2>&1
        # The whole cd, in and out, through this build's bash hook: mean µs of each.
        in_dir "$w/plain" bash --norc --noprofile -c "
            eval \"\$('${bins[$i]}' hook bash)\"; __venvsh_hook 2>/dev/null
            en=0; le=0
            for ((k = 0; k < $pairs; k++)); do
                s=\$EPOCHREALTIME; cd '$inside'; __venvsh_hook; m=\$EPOCHREALTIME
                cd '$w/plain'; __venvsh_hook; e=\$EPOCHREALTIME
                en=\$((en + \${m/./} - \${s/./})); le=\$((le + \${e/./} - \${m/./}))
            done 2>/dev/null
            echo \$((en / $pairs)) \$((le / $pairs))" > "$w/hook.$i.$r"
    done
done

python3 - "$w" "$rounds" "${names[@]}" <<'PY'
import json, statistics, sys
w, rounds = sys.argv[1], int(sys.argv[2])
names = sys.argv[3:]
R = range(1, rounds + 1)
def med(case, i, r):
    if case.startswith("hook"):
        return float(open(f"{w}/hook.{i}.{r}").read().split()[case == "hook-leave"])
    return statistics.median(json.load(open(f"{w}/{case}.{i}.{r}.json"))["results"][0]["times"]) * 1e6
cases = ("enter", "leave", "hook-enter", "hook-leave")
head = ["enter: export", "leave: export", "enter: cd through the hook", "leave: cd through the hook"]
print(f"| build | " + " | ".join(f"{h} (µs) | vs {names[0]}" for h in head) + " | the worse, as a share of the reference's cd |")
print("|" + " --- |" * (2 * len(cases) + 2))
for i, n in enumerate(names):
    row, worst = [n], None
    for case in cases:
        m = statistics.median(med(case, i, r) for r in R)
        # The difference is the median of per-round differences: drift between rounds cancels.
        d = statistics.median(med(case, i, r) - med(case, 0, r) for r in R)
        if case.startswith("hook"):
            share = 100 * d / statistics.median(med(case, 0, r) for r in R)
            worst = share if worst is None else max(worst, share)
        row += [f"{m:.0f}", "" if i == 0 else f"{d:+.0f} µs"]
    row.append("" if i == 0 else f"{worst:+.1f}%")
    print("| " + " | ".join(row) + " |")
PY
