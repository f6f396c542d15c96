#!/usr/bin/env bash
# Writes bench/hot-symbols.txt: the functions `venvsh export` runs on a cd, in every
# shell it writes for, then the static variables it touches, as link-time symbol names.
# install.sh hands the list to the linker (lld's --symbol-ordering-file), which puts
# those functions side by side at the start of the code instead of scattered over 1.7 MB
# of it, and those variables at the start of .data and .bss.
#
# Why: each `cd` starts venvsh afresh, and the kernel maps its code in page by page as
# it runs. Scattered, that code touched 126 pages of 4 KiB; packed, about 60. The
# difference is worth 10-20 µs a cd when the binary was just written, and 70-80 µs when
# it was read back from disk (as after a reboot), where each mapped page costs more;
# see BENCHMARKS.md. tests/icount.rs keeps the count of code pages within budget, so a
# list gone stale (functions renamed, another Rust toolchain) fails there. The variables:
# of the pages of .data and .bss, a cd inside a project wrote to 18; packed, 15.
#
#   bench/hot-symbols.sh      (needs valgrind, nm, python3; Debian: apt-get install
#                             valgrind binutils python3-venv)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
for t in valgrind nm python3; do
    command -v "$t" >/dev/null || { echo "hot-symbols: $t is missing" >&2; exit 1; }
done
w=$(mktemp -d "${TMPDIR:-/tmp}/venvsh-hot.XXXXXX")
trap 'rm -rf "$w"' EXIT
w=$(cd "$w" && pwd -P)
REAL_HOME=$HOME
export HOME=$w/home XDG_DATA_HOME=$w/data XDG_CONFIG_HOME=$w/config
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME/venvsh"

# The binary install.sh builds, with its symbols kept: by rustc's flag, which comes
# after cargo's, not by the profile's `strip`, which would change the names themselves
# (cargo hashes the profile into them).
RUSTFLAGS="-C strip=none" CARGO_HOME=${CARGO_HOME:-$REAL_HOME/.cargo} \
    RUSTUP_HOME=${RUSTUP_HOME:-$REAL_HOME/.rustup} \
    ./install.sh --prefix "$w/inst" --no-modify-rc >/dev/null
venvsh=$w/inst/bin/venvsh

p=$w/p1
python3 -m venv --without-pip "$p/.venv"
deep=$p$(printf '/s%02d' $(seq 1 40))
mkdir -p "$deep" "$w/plain"

# trace DIR [VAR=VALUE...] -- ARGS...: venvsh ARGS in DIR under callgrind (the code it
# runs), and for bash under lackey too (the data it touches; the other shells differ in
# code only).
n=0
trace() {
    local dir=$1
    shift
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    n=$((n + 1))
    local in_dir=(env -i HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME"
        PATH=/usr/bin:/bin PWD="$dir" "${envs[@]}")
    (cd "$dir" && "${in_dir[@]}" valgrind --tool=callgrind --dump-instr=yes --compress-pos=no \
        --callgrind-out-file="$w/cg.$n" "$venvsh" "$@" >/dev/null 2>&1)
    [ "$2" = bash ] || return 0
    (cd "$dir" && "${in_dir[@]}" valgrind --tool=lackey --trace-mem=yes \
        --log-file="$w/mem.$n" "$venvsh" "$@" >/dev/null 2>&1)
}
for config in none trusted; do
    if [ "$config" = trusted ]; then
        printf "trusted_roots = ['%s']\n" "$w" > "$XDG_CONFIG_HOME/venvsh/config.toml"
        # Trusted by the config alone, with no trust store yet (nothing ever allowed).
        rm -rf "${XDG_DATA_HOME:?}/venvsh"
    else
        "$venvsh" allow "$p" >/dev/null 2>&1
    fi
    # What a shell has once the project is active: the variables, and the token its hook
    # passes back (so a cd inside takes the path a real prompt takes).
    code=$(cd "$p" && env -i HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
        XDG_CONFIG_HOME="$XDG_CONFIG_HOME" PATH=/usr/bin:/bin PWD="$p" \
        "$venvsh" export bash 2>/dev/null)
    mapfile -t act < <(sed -n "s/^export \([A-Z_]*\)='\(.*\)'$/\1=\2/p" <<<"$code")
    ui=$(sed -n 's/^__venvsh_ui=//p' <<<"$code")
    for sh in bash zsh fish tcsh pwsh; do
        trace "$p" -- export "$sh"
        trace "$deep" "${act[@]}" -- export "$sh" "$ui"
        trace "$w/plain" "${act[@]}" -- export "$sh" "$ui"
        trace "$w/plain" -- export "$sh"
        # A new shell with the project's variables (`exec bash`): sets its prompt up.
        trace "$deep" "${act[@]}" -- export "$sh"
    done
done

python3 - "$venvsh" "$repo/bench/hot-symbols.txt" "$w" <<'PY'
import bisect, glob, re, subprocess, sys
exe, out, w = sys.argv[1], sys.argv[2], sys.argv[3]
nm = [line.split() for line in subprocess.run(["nm", "-S", "--defined-only", exe],
                                              capture_output=True, text=True,
                                              check=True).stdout.splitlines()]

def symbols(types):
    """(address, size, name) of the symbols of these nm types, by address."""
    return sorted((int(f[0], 16), int(f[1], 16), f[3]) for f in nm if len(f) == 4 and f[2] in types)

def touched(syms, pattern, address):
    """The names in syms that the traces pattern matches hit, first hit first."""
    starts = [s[0] for s in syms]
    names, seen = [], set()
    for t in sorted(glob.glob(w + "/" + pattern)):
        for line in open(t):
            m = address.match(line)
            if not m:
                continue
            a = int(m.group(1), 16)
            i = bisect.bisect_right(starts, a) - 1
            if i >= 0 and syms[i][0] <= a < syms[i][0] + max(syms[i][1], 1) and syms[i][2] not in seen:
                seen.add(syms[i][2])
                names.append(syms[i][2])
    return names

# The functions: each cost line of callgrind's output starts with an address.
syms = symbols("tTwW")
names = touched(syms, "cg.*", re.compile(r"^0x([0-9a-f]+)\s"))
seen = set(names)
# glibc picks its string functions for the CPU it runs on (ifunc), and valgrind's CPU
# is not the user's: valgrind runs __memmove_avx_unaligned_erms where a newer CPU runs
# __memmove_avx512_unaligned_erms. Each such function, and each resolver (memset_ifunc),
# brings the family's variants, side by side.
variant = re.compile(r"^(__[a-z0-9]+?)_(sse2|ssse3|sse4_1|sse4_2|avx2|avx|evex512|evex|avx512)(_|$)")
families = {m.group(1) for n in names if (m := variant.match(n))}
# A resolver seen (memset_ifunc) names a family too: valgrind may run its own memset.
families |= {"__" + m.group(1) for n in names if (m := re.match(r"^_*([a-z0-9]+)_ifunc$", n))}
# Only the variants of CPUs newer than valgrind's (AVX-512: evex, avx512): the family's
# older ones are what valgrind ran already, and listing every variant would spread the
# packed code over more pages than it saves.
newer = re.compile(r"_(evex|avx512)")
siblings = sorted({s[2] for s in syms if (m := variant.match(s[2])) and m.group(1) in families
                   and newer.search(s[2]) and "_rtm" not in s[2] and "no_vzeroupper" not in s[2]} - seen)
names += siblings

# The static data it touches, packed the same way: glibc's start-up alone writes to some
# 40 variables spread over all of .data and .bss, and each page written is a fault of its
# own. The allocator's arena goes last: it is page-aligned and 256 KiB long, and anything
# after it would sit 64 pages away.
data = touched(symbols("dDbB"), "mem.*", re.compile(r"^ [LSM] ([0-9a-f]+),"))
arena = [d for d in data if "5arena5SPACE" in d]
names += [d for d in data if d not in arena] + arena
with open(out, "w") as f:
    f.write("\n".join(names) + "\n")
print(f"hot-symbols: {len(names) - len(data)} functions ({len(siblings)} of them CPU variants of glibc's) and {len(data)} variables written to {out}", file=sys.stderr)
PY
