#!/usr/bin/env bash
# venvsh's benchmark: what the hook costs at an idle prompt and on a `cd`, beside direnv
# and the floor (a do-nothing static binary), in one run on one machine.
#
#   bench/run.sh              writes BENCHMARKS.md (needs hyperfine, direnv, strace,
#                             gcc, python3, bash, zsh, fish, tcsh; Debian: apt-get install
#                             hyperfine direnv strace zsh fish tcsh python3-venv)
#   RUNS=2000 bench/run.sh    more runs per case (default 500)
#   ROUNDS=10 bench/run.sh    interleaved in more rounds (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=${RUNS:-500}
out=${OUT:-$repo/BENCHMARKS.md}

for t in hyperfine direnv strace gcc python3 bash zsh fish tcsh; do
    command -v "$t" >/dev/null || { echo "bench: $t is missing (Debian: apt-get install $t)" >&2; exit 1; }
done

w=$(mktemp -d "${TMPDIR:-/tmp}/venvsh-bench.XXXXXX")
trap 'rm -rf "$w"' EXIT
w=$(cd "$w" && pwd -P)


# The floor: the cheapest process the hook could start.
printf 'int main(void){return 0;}\n' > "$w/noop.c"
gcc -O2 -static -o "$w/noop" "$w/noop.c"

# A world: its own HOME, config (everything under $w trusted), projects.
REAL_HOME=$HOME
export HOME=$w/home XDG_DATA_HOME=$w/data XDG_CONFIG_HOME=$w/config
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME/venvsh" "$XDG_CONFIG_HOME/direnv"

# What users get: the binary install.sh builds and installs (its completions land in
# the world's HOME).
CARGO_HOME=${CARGO_HOME:-$REAL_HOME/.cargo} RUSTUP_HOME=${RUSTUP_HOME:-$REAL_HOME/.rustup} \
    ./install.sh --prefix "$w/inst" --no-modify-rc >/dev/null 2>&1 || { echo "bench: ./install.sh failed" >&2; exit 1; }
venvsh=$w/inst/bin/venvsh
printf "trusted_roots = ['%s']\n" "$w" > "$XDG_CONFIG_HOME/venvsh/config.toml"
py=$(command -v /usr/bin/python3 || command -v python3)
mkproj() { mkdir -p "$1"; "$py" -m venv --without-pip "$1/.venv"; printf 'source .venv/bin/activate\n' > "$1/.envrc"; direnv allow "$1" >/dev/null; }
shallow=$w/p1
mkproj "$shallow"
deep=$w$(printf '/d%02d' $(seq 1 39))/p40
mkproj "$deep"
inside_deep=$shallow$(printf '/s%02d' $(seq 1 40))
mkdir -p "$inside_deep" "$shallow/sub" "$w/plain"
# A Poetry project, its environment where Poetry keeps it (the name computed as Poetry
# computes it: src/managers/poetry.rs), and a Python project with no environment at all.
poetry=$w/poetryproj
mkdir -p "$poetry" "$w/pyproj"
printf '[tool.poetry]\nname = "bench-app"\n' > "$poetry/pyproject.toml"
printf '[project]\nname = "bench-plain"\n' > "$w/pyproj/pyproject.toml"
penv=$("$py" - "$poetry" <<'PY'
import base64, hashlib, os, sys
h = base64.urlsafe_b64encode(hashlib.sha256(os.path.realpath(sys.argv[1]).encode()).digest()).decode()[:8]
print("bench-app-%s-py%d.%d" % ((h,) + sys.version_info[:2]))
PY
)
"$py" -m venv --without-pip "$HOME/.cache/pypoetry/virtualenvs/$penv"
# A pixi workspace and a conda project (an environment.yml naming an env in
# ~/miniforge3/envs), their prefixes laid out as pixi and conda lay them out, each with
# an activate.d script and a variable of its own.
mkprefix() {
    mkdir -p "$1/conda-meta" "$1/bin" "$1/etc/conda/activate.d"
    : > "$1/conda-meta/history"
    printf '{"env_vars": {"BENCH_VAR": "1"}}\n' > "$1/conda-meta/state"
    ln -s "$py" "$1/bin/python"
    printf 'export BENCH_ACT=1\n' > "$1/etc/conda/activate.d/bench.sh"
}
pixi=$w/pixiproj
conda=$w/condaproj
mkdir -p "$pixi" "$conda"
printf '[workspace]\nname = "bench-pixi"\n' > "$pixi/pixi.toml"
mkprefix "$pixi/.pixi/envs/default"
printf 'name: benchdata\ndependencies:\n  - python\n' > "$conda/environment.yml"
mkprefix "$HOME/miniforge3/envs/benchdata"
base_path=/usr/bin:/bin

# in_dir DIR CMD...: CMD in DIR with PWD=DIR, in the world's clean environment.
in_dir() {
    local dir=$1
    shift
    (cd "$dir" && env -i HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
        PATH=$base_path PWD="$dir" "$@")
}

# The environment a shell has with the shallow project active (what `export` sees on a
# cd inside it, or on leaving it), and the token its hook passes back (`__venvsh_ui`:
# the prompt is already set up for that venv, so a cd inside only checks).
active=$(in_dir "$shallow" bash -c "eval \"\$('$venvsh' export bash)\" 2>/dev/null; env; echo \"__venvsh_ui=\$__venvsh_ui\"" |
    grep -E '^(VIRTUAL_ENV|VIRTUAL_ENV_PROMPT|VENVSH_STATE|PATH|__venvsh_ui)=')
mapfile -t act < <(grep -v '^__venvsh_ui=' <<<"$active")
ui=$(sed -n 's/^__venvsh_ui=//p' <<<"$active")
[ -n "$ui" ] || { echo "bench: the hook set no __venvsh_ui on activating" >&2; exit 1; }
# A cd inside must be the quiet path a real prompt takes: nothing set again, nothing said.
said=$(in_dir "$poetry" "$venvsh" export bash 2>&1)
grep -q "^venvsh: activated bench-app" <<<"$said" ||
    { echo "bench: the Poetry project's environment was not found: $said" >&2; exit 1; }
for p in "$pixi:bench-pixi" "$conda:benchdata"; do
    said=$(in_dir "${p%%:*}" "$venvsh" export bash 2>&1)
    grep -q "^venvsh: activated ${p#*:}" <<<"$said" ||
        { echo "bench: the environment of ${p%%:*} was not found: $said" >&2; exit 1; }
done
said=$(in_dir "$shallow/sub" "${act[@]}" "$venvsh" export bash "$ui" 2>&1)
said=$(grep -E '^venvsh:|VIRTUAL_ENV=' <<<"$said" || true)
[ -z "$said" ] || { echo "bench: a cd inside the project did more than check: $said" >&2; exit 1; }

results=$w/results
mkdir -p "$results"
# The cases run in rounds, each case a share of its runs per round, and each median is
# over all its rounds: the machine's speed drifts over a minute (other guests, clock),
# and a case timed in one stretch would carry whatever drift its stretch had.
rounds=${ROUNDS:-5}
per_round=$(( (runs + rounds - 1) / rounds ))
# bench NAME DIR [VAR=VALUE...] -- CMD...: hyperfine, no shell, in DIR with PWD=DIR.
bench() {
    local name=$1 dir=$2
    shift 2
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    in_dir "$dir" "${envs[@]}" hyperfine -N --warmup 10 --runs "$per_round" \
        --export-json "$results/$name.$round.json" --output=null "$*" >/dev/null 2>&1
}

# The same binaries as read back from disk, as after a reboot: a file just written sits
# in the page cache in large pieces, one read back in small ones, and mapping venvsh's
# code in then costs more on every run (the small floor barely notices). Copies, synced,
# dropped from the cache, then read back by running them.
from_disk() {
    cp "$1" "$2"
    python3 -c 'import os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); os.fsync(fd); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)' "$2"
}
from_disk "$w/noop" "$w/noop-disk"
from_disk "$venvsh" "$w/venvsh-disk"

# direnv in the same places: entering (loads .envrc), idle inside (what it pays at every
# prompt), leaving.
direnv_loaded() {
    in_dir "$1" bash -c "eval \"\$(direnv export bash 2>/dev/null)\"; env" | grep -E '^(DIRENV_[A-Z_]*|VIRTUAL_ENV|PATH)='
}
mapfile -t dact < <(direnv_loaded "$shallow")

echo "bench: $runs runs per case, in $rounds rounds" >&2
for ((round = 1; round <= rounds; round++)); do
    bench floor "$w" -- "$w/noop"
    bench venvsh_enter_d1 "$shallow" -- "$venvsh" export bash
    bench venvsh_enter_d40 "$deep" -- "$venvsh" export bash
    bench venvsh_inside_d1 "$shallow/sub" "${act[@]}" -- "$venvsh" export bash "$ui"
    bench venvsh_inside_d40 "$inside_deep" "${act[@]}" -- "$venvsh" export bash "$ui"
    bench venvsh_leave "$w/plain" "${act[@]}" -- "$venvsh" export bash "$ui"
    bench venvsh_none "$w/plain" -- "$venvsh" export bash
    bench venvsh_none_pyproject "$w/pyproj" -- "$venvsh" export bash
    bench venvsh_enter_poetry "$poetry" -- "$venvsh" export bash
    bench venvsh_enter_pixi "$pixi" -- "$venvsh" export bash
    bench venvsh_enter_conda "$conda" -- "$venvsh" export bash
    bench disk_floor "$w" -- "$w/noop-disk"
    bench disk_venvsh_enter_d1 "$shallow" -- "$w/venvsh-disk" export bash
    bench disk_venvsh_inside_d40 "$inside_deep" "${act[@]}" -- "$w/venvsh-disk" export bash "$ui"
    bench disk_venvsh_leave "$w/plain" "${act[@]}" -- "$w/venvsh-disk" export bash "$ui"
    bench direnv_enter_d1 "$shallow" -- direnv export bash
    bench direnv_enter_d40 "$deep" -- direnv export bash
    bench direnv_idle_d1 "$shallow/sub" "${dact[@]}" -- direnv export bash
    bench direnv_leave "$w/plain" "${dact[@]}" -- direnv export bash
    printf '.' >&2
done
echo >&2

# Per shell, in that shell: the hook at an idle prompt (1000 calls); a cd into the
# project and out again through the real hook (N pairs: each starts venvsh once), timed
# apart in bash and zsh (their $EPOCHREALTIME costs no process); Python's own activate +
# deactivate (N pairs); and direnv through its own hook (`direnv hook SHELL`, in a shell
# of its own), entering the project (its .envrc sources the venv) and leaving. Each
# script prints `key value` lines; the report divides.
n=200
run_env=(env -i HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" PATH="$base_path" TERM=dumb)
# POSIX_LOOP HOOK DIV: bash/zsh text timing N enters and N leaves through HOOK, in µs
# ($EPOCHREALTIME without its dot is in µs in bash, in ns in zsh: DIV 1 or 1000).
posix_loop() {
    cat <<SH
en=0; le=0
for ((i=0;i<$n;i++)); do
    s=\$EPOCHREALTIME; cd '$shallow'; $1; m=\$EPOCHREALTIME; cd '$w/plain'; $1; e=\$EPOCHREALTIME
    en=\$(( en + \${m/./} - \${s/./} )); le=\$(( le + \${e/./} - \${m/./} ))
done 2>/dev/null
echo enter_us \$(( en / $2 )); echo leave_us \$(( le / $2 ))
SH
}
timing() {
    local sh=$1 script=$w/time.$1 dscript=$w/dtime.$1
    case "$sh" in
        bash|zsh)
            div=1
            [ "$sh" = zsh ] && div=1000
            {
                [ "$sh" = zsh ] && echo 'zmodload zsh/datetime'
                cat <<SH
eval "\$('$venvsh' hook $sh)"
cd '$w/plain'; __venvsh_hook 2>/dev/null
t0=\$(date +%s%N); for ((i=0;i<1000;i++)); do __venvsh_hook; done; t1=\$(date +%s%N)
echo idle_ns \$(( (t1 - t0) / 1000 ))
SH
                posix_loop __venvsh_hook "$div"
                cat <<SH
t2=\$(date +%s%N); for ((i=0;i<$n;i++)); do source '$shallow/.venv/bin/activate'; deactivate; done; t3=\$(date +%s%N)
echo stock_us \$(( (t3 - t2) / 1000 ))
SH
            } > "$script"
            {
                [ "$sh" = zsh ] && echo 'zmodload zsh/datetime'
                echo "eval \"\$(direnv hook $sh)\""
                echo "cd '$w/plain'; _direnv_hook"
                posix_loop _direnv_hook "$div" | sed 's/echo enter_us/echo direnv_enter_us/; s/echo leave_us/echo direnv_leave_us/'
            } > "$dscript"
            if [ "$sh" = bash ]; then
                "${run_env[@]}" bash --norc --noprofile "$script"
                "${run_env[@]}" bash --norc --noprofile "$dscript"
            else
                "${run_env[@]}" zsh -f "$script"
                "${run_env[@]}" zsh -f "$dscript"
            fi ;;
        fish)
            cat > "$script" <<SH
'$venvsh' hook fish | source
cd '$w/plain'; __venvsh_hook 2>/dev/null
set t0 (date +%s%N); for i in (seq 1000); __venvsh_hook; end; set t1 (date +%s%N)
echo idle_ns (math -s0 "(\$t1 - \$t0) / 1000")
for i in (seq $n); cd '$shallow'; __venvsh_hook; cd '$w/plain'; __venvsh_hook; end 2>/dev/null; set t2 (date +%s%N)
echo pair_us (math -s0 "(\$t2 - \$t1) / 1000")
for i in (seq $n); source '$shallow/.venv/bin/activate.fish'; deactivate; end; set t3 (date +%s%N)
echo stock_us (math -s0 "(\$t3 - \$t2) / 1000")
SH
            cat > "$dscript" <<SH
direnv hook fish | source
cd '$w/plain'; __direnv_export_eval
set t0 (date +%s%N)
for i in (seq $n); cd '$shallow'; __direnv_export_eval; cd '$w/plain'; __direnv_export_eval; end 2>/dev/null; set t1 (date +%s%N)
echo direnv_pair_us (math -s0 "(\$t1 - \$t0) / 1000")
SH
            "${run_env[@]}" fish -i -c "source '$script'"
            "${run_env[@]}" fish -i -c "source '$dscript'" ;;
        tcsh)
            cat > "$script" <<SH
eval "\`'$venvsh' hook tcsh\`"
cd '$w/plain' ; __venvsh_hook >& /dev/null
set t0 = \`date +%s%N\`
foreach i (\`seq 1000\`)
__venvsh_hook
end
set t1 = \`date +%s%N\`
foreach i (\`seq $n\`)
cd '$shallow'
__venvsh_hook >& /dev/null
cd '$w/plain'
__venvsh_hook >& /dev/null
end
set t2 = \`date +%s%N\`
foreach i (\`seq $n\`)
source '$shallow/.venv/bin/activate.csh'
deactivate
end
set t3 = \`date +%s%N\`
echo idle_ns \`expr \( \$t1 - \$t0 \) / 1000\`
echo pair_us \`expr \( \$t2 - \$t1 \) / 1000\`
echo stock_us \`expr \( \$t3 - \$t2 \) / 1000\`
SH
            "${run_env[@]}" tcsh -f "$script" ;;
    esac
}
for sh in bash zsh fish tcsh; do
    timing "$sh" 2>/dev/null | grep -E '^[a-z_]+ [0-9]+$' > "$results/shell.$sh"
    printf '.' >&2
done

# Processes the hook starts over 20 idle prompts, counted with strace -f in a real
# interactive shell that reads `cd` and then 20 empty lines: venvsh's execs in that run
# minus those in one with no empty lines. In the venv project, and in the pixi one
# (whose activate.d script runs once, on entering).
procs() {
    local sh=$1 count=$2 dir=${3:-$shallow} rc=$w/rc.$1 input=$w/in.$1.$2 home=$w/phome.$1
    mkdir -p "$home/fish"
    { printf 'cd %q\n' "$dir"; for ((i = 0; i < count; i++)); do echo; done; echo exit; } > "$input"
    local cmd
    # shellcheck disable=SC2016 # the $(...) and `...` are for the shell under test
    case "$sh" in
        bash) printf 'eval "$(%q hook bash)"\n' "$venvsh" > "$rc"; cmd=(bash --noprofile --rcfile "$rc" -i) ;;
        zsh) printf 'eval "$(%q hook zsh)"\n' "$venvsh" > "$home/.zshrc"; cmd=(env ZDOTDIR="$home" zsh -i) ;;
        fish) printf '%q hook fish | source\n' "$venvsh" > "$home/fish/config.fish"; cmd=(env XDG_CONFIG_HOME="$home" fish -i) ;;
        tcsh) printf 'eval "`%s hook tcsh`"\n' "$venvsh" > "$home/.tcshrc"; cmd=(env HOME="$home" tcsh -i) ;;
    esac
    (cd "$w" && "${run_env[@]}" strace -f -qq -e trace=execve -o "$w/st.$sh.$count" "${cmd[@]}" < "$input" >/dev/null 2>&1) || true
    grep -c "execve(\"$venvsh\"" "$w/st.$sh.$count" || true
}
for sh in bash zsh fish tcsh; do
    echo $(( $(procs "$sh" 20) - $(procs "$sh" 0) )) > "$results/idle.$sh"
    echo $(( $(procs "$sh" 20 "$pixi") - $(procs "$sh" 0 "$pixi") )) > "$results/idle_pixi.$sh"
done
echo >&2

python3 - "$results" "$out" "$((per_round * rounds))" "$n" "$rounds" <<'PY'
import datetime, json, os, platform, subprocess, sys
res, out, runs, n, rounds = sys.argv[1:]
n = int(n)
import statistics
times, per_round = {}, {}
for f in os.listdir(res):
    if f.endswith(".json"):
        with open(os.path.join(res, f)) as fh:
            t = json.load(fh)["results"][0]["times"]
        name, rnd = f.split(".")[:2]
        times.setdefault(name, []).extend(t)
        per_round.setdefault(name, {})[int(rnd)] = statistics.median(t) * 1000
m = {k: statistics.median(t) * 1000 for k, t in times.items()}
spread = {k: f"{min(r.values()):.3f}–{max(r.values()):.3f}" for k, r in per_round.items()}
# A case against the floor: each round's median over the floor's in that same round, the
# median of those. The machine's speed drifts between rounds; within one it moves less.
def vs(k, base):
    return statistics.median(per_round[k][r] / per_round[base][r] for r in per_round[k])
shells = {}
for sh in ["bash", "zsh", "fish", "tcsh"]:
    t = dict(l.split() for l in open(os.path.join(res, "shell." + sh)))
    t = {k: int(v) for k, v in t.items()}
    t["idle"] = open(os.path.join(res, "idle." + sh)).read().strip()
    t["idle_pixi"] = open(os.path.join(res, "idle_pixi." + sh)).read().strip()
    shells[sh] = t
floor = m["floor"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
ver = lambda c: subprocess.run(c, capture_output=True, text=True).stdout.strip().splitlines()[0]
rows = [
    ("do-nothing static binary (the floor)", "floor", None),
    ("venvsh export: enter a project, depth 1", "venvsh_enter_d1", "direnv_enter_d1"),
    ("venvsh export: enter a project, depth 40", "venvsh_enter_d40", "direnv_enter_d40"),
    ("venvsh export: cd inside the active project", "venvsh_inside_d1", "direnv_idle_d1"),
    ("venvsh export: cd 40 folders deep inside it", "venvsh_inside_d40", "direnv_idle_d1"),
    ("venvsh export: leave the project", "venvsh_leave", "direnv_leave"),
    ("venvsh export: cd among folders with no venv", "venvsh_none", None),
    ("venvsh export: cd into a Python project with no environment (its pyproject.toml read)", "venvsh_none_pyproject", None),
    ("venvsh export: enter a Poetry project (its environment found by Poetry's rules)", "venvsh_enter_poetry", None),
    ("venvsh export: enter a pixi workspace (its conda prefix, variables and activate.d script)", "venvsh_enter_pixi", None),
    ("venvsh export: enter a conda project (the env its environment.yml names)", "venvsh_enter_conda", None),
]
L = []
L.append("# venvsh benchmarks\n")
L.append(f"Made on {datetime.date.today()} by `bench/run.sh` ({runs} runs per case in {rounds} interleaved rounds, medians) on {cpu}, {os.cpu_count()} cores; "
         f"{ver(['direnv', 'version'])and 'direnv ' + ver(['direnv', 'version'])}, {ver(['hyperfine', '--version'])}, "
         f"{ver(['bash', '--version']).split(' (')[0]}, {ver(['zsh', '--version']).split(' (')[0]}, "
         f"{ver(['fish', '--version'])}, {ver(['tcsh', '--version']).split(' (')[0]}.\n")
L.append("## In each shell\n")
L.append("| shell | processes started over 20 idle prompts (a venv project; a pixi one) | idle prompt: hook per call | enter a project, through the hook | leave it | direnv: enter (loads the .envrc) | direnv: leave | direnv ÷ venvsh, entering | Python's own activate + deactivate |")
L.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
ms = lambda us: f"{us / n / 1000:.2f} ms"
for sh, t in shells.items():
    if "enter_us" in t:
        en, le = ms(t["enter_us"]), ms(t["leave_us"])
        den, dle = ms(t["direnv_enter_us"]), ms(t["direnv_leave_us"])
        ratio = f"{t['direnv_enter_us'] / t['enter_us']:.1f}×"
    else:
        en, le = f"{ms(t['pair_us'])} (enter + leave)", ""
        den = f"{ms(t['direnv_pair_us'])} (enter + leave)" if "direnv_pair_us" in t else ""
        dle, ratio = "", (f"{t['direnv_pair_us'] / t['pair_us']:.1f}× (enter + leave)" if "direnv_pair_us" in t else "")
    L.append(f"| {sh} | {t['idle']}; {t['idle_pixi']} | {t['idle_ns'] / 1000:.1f} µs | {en} | {le} | {den} | {dle} | {ratio} | {ms(t['stock_us'])} |")
L.append("\nEach `cd` through the hook starts `venvsh export` once and applies what it prints "
         "(in bash and zsh the `$(…)` around it forks the shell too); direnv's hook does the "
         "same with `direnv export`, which on entering runs the `.envrc` in a bash of its own "
         "(zsh's direnv hook also runs on `chpwd`, so twice per `cd`, as at a real prompt). "
         "The stock pair only changes the shell: its scripts start no process, but do not "
         "switch by themselves either. Enter and leave are timed apart where the shell has a "
         "clock that starts no process (bash, zsh).\n")
L.append("\ndirenv starts `direnv export` at every prompt: "
         f"{m['direnv_idle_d1']:.2f} ms each time, here.\n")
L.append("## On a `cd` (the one process the hook starts)\n")
L.append("| case | venvsh | × floor | its rounds' medians | direnv, same case | direnv ÷ venvsh |")
L.append("| --- | --- | --- | --- | --- | --- |")
for label, v, d in rows:
    dv = f"{m[d]:.2f} ms" if d else ""
    ratio = f"{m[d] / m[v]:.1f}×" if d else ""
    L.append(f"| {label} | {m[v]:.3f} ms | {vs(v, 'floor'):.2f} | {spread[v]} ms | {dv} | {ratio} |")
L.append(f"\nDepth 40 ÷ depth 1: entering {vs('venvsh_enter_d40', 'venvsh_enter_d1'):.2f}, "
         f"inside {vs('venvsh_inside_d40', 'venvsh_inside_d1'):.2f}.\n")
L.append("The binary as read back from disk (as after a reboot; the table above is "
         "the binary just installed, still in the page cache as written; direnv, installed "
         "long before, is in this state in both):\n")
L.append("| case | venvsh | × floor (read back too) |")
L.append("| --- | --- | --- |")
for label, v in [("do-nothing static binary (the floor)", "disk_floor"),
                 ("venvsh export: enter a project, depth 1", "disk_venvsh_enter_d1"),
                 ("venvsh export: cd 40 folders deep inside it", "disk_venvsh_inside_d40"),
                 ("venvsh export: leave the project", "disk_venvsh_leave")]:
    L.append(f"| {label} | {m[v]:.3f} ms | {vs(v, 'disk_floor'):.2f} |")
L.append(f"\nEach case ran in {rounds} rounds, interleaved with the others; the spread of "
         "its rounds' medians shows how much this machine's speed moved during the run. "
         "A ratio (× floor, depth 40 ÷ depth 1) is the median over the rounds of that round's "
         "two medians divided: the drift between rounds cancels out.\n")
L.append("For direnv, \"cd inside\" is its idle cost (it has nothing to load), and entering runs the "
         "`.envrc` (`source .venv/bin/activate`) in a bash it starts.\n")
L.append("Reproduce: `bench/run.sh` (writes this file).\n")
# What each start-up trick saves (bench/tricks.sh) is measured on builds made for the
# purpose, not by this script: that section of the file is kept as it is.
TRICKS = "## What each start-up trick saves"
if os.path.exists(out):
    before = open(out).read()
    if TRICKS in before:
        L.append(before[before.index(TRICKS):].rstrip("\n") + "\n")
open(out, "w").write("\n".join(L))
print("\n".join(L))
PY
