#!/usr/bin/env bash
# Builds venvsh with cargo and installs it, its completions and its man page, and adds
# the hook line to your shell's rc file.
#   ./install.sh                 installs to ~/.local (binary in ~/.local/bin)
#   ./install.sh --prefix DIR    installs to DIR (binary in DIR/bin)
#   ./install.sh --no-modify-rc  leaves your rc files alone (prints the line to add)
#   ./install.sh --uninstall     removes all of it again (same --prefix as installed)
# The rc line goes in with `venvsh init`: into the rc file of your login shell ($SHELL)
# and of every other shell whose rc file you already have, once, between two marker
# lines, after a dated backup (FILE.venvsh-backup-DATE); `venvsh init --undo` takes it out.
set -euo pipefail
cd "$(dirname "$0")"

prefix="$HOME/.local"
modify_rc=1
uninstall=0
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --no-modify-rc) modify_rc=0; shift ;;
        --uninstall) uninstall=1; shift ;;
        -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$prefix" in
    /*) ;;
    *) prefix="$PWD/$prefix" ;;
esac

bin="$prefix/bin/venvsh"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
config="${XDG_CONFIG_HOME:-$HOME/.config}"
# Where each shell looks for completions without any setup: bash-completion's user
# folder, fish's completions folder; zsh has no such user folder, so its function goes
# into one that the rc block puts on fpath.
bash_completion="$data/bash-completion/completions/venvsh"
zsh_functions="$data/zsh/site-functions"
fish_completion="$config/fish/completions/venvsh.fish"
man_dir="$prefix/share/man/man1"
if [ "$uninstall" = 1 ]; then
    # The trust store, where the installed venvsh says it keeps it.
    if [ -x "$bin" ] && d=$("$bin" dirs data 2>/dev/null) && [ -n "$d" ]; then
        data_venvsh=$d
    else
        data_venvsh=$data/venvsh
    fi
    # The rc files, every one back byte for byte: `venvsh init --undo` knows them. When
    # it cannot (a venvsh older than `init`, a file it could not change), the binary stays,
    # so that the shells whose rc files still call it keep working.
    if [ -x "$bin" ]; then
        if ! "$bin" init --undo; then
            echo "install.sh: the hook lines could not all be taken out (above); $bin is kept: fix that, then run this again" >&2
            exit 1
        fi
    else
        echo "no $bin: rc files left as they are (a venvsh installed elsewhere takes its lines out with 'venvsh init --undo')"
    fi
    for f in "$bin" "$bash_completion" "$zsh_functions/_venvsh" "$fish_completion" \
        "$man_dir"/venvsh.1 "$man_dir"/venvsh-*.1; do
        if [ -e "$f" ]; then
            rm -f "$f"
            echo "removed $f"
        fi
    done
    # The folders made for those files, where nothing else came into them.
    for d in "$(dirname "$bash_completion")" "$(dirname "$(dirname "$bash_completion")")" \
        "$zsh_functions" "$(dirname "$zsh_functions")" "$(dirname "$fish_completion")" \
        "$man_dir" "$(dirname "$man_dir")" "$prefix/bin"; do
        rmdir "$d" 2>/dev/null || true
    done
    # venvsh's own data (which venvs you allowed or denied) goes too; your venvs and
    # your config file are yours.
    if [ -d "$data_venvsh" ]; then
        rm -rf "$data_venvsh"
        echo "removed $data_venvsh (the allow/deny marks)"
    fi
    [ -f "$config/venvsh/config.toml" ] && echo "kept your config file $config/venvsh/config.toml"
    echo "venvsh is uninstalled; open a new terminal (a shell that loaded the hook keeps it until it exits)"
    exit 0
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "install.sh: cargo is not installed; get Rust from your package manager or https://rustup.rs, then run this again" >&2
    exit 1
fi

# The prompt hook starts venvsh on every `cd`: on glibc Linux, link it statically
# (static-pie), which halves what a `cd` costs (BENCHMARKS.md, "What each start-up trick
# saves"). An explicit --target keeps the flag off the build's proc-macros.
host=$(rustc -vV | sed -n 's/^host: //p')
case "$host" in
    *-linux-gnu) export RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" ;;
esac
cargo build --release --locked --target "$host"
mkdir -p "$prefix/bin"
install -m 0755 "${CARGO_TARGET_DIR:-target}/$host/release/venvsh" "$bin"
echo "installed $bin"

mkdir -p "$(dirname "$bash_completion")" "$zsh_functions" "$(dirname "$fish_completion")" "$man_dir"
"$bin" completions bash > "$bash_completion"
"$bin" completions zsh > "$zsh_functions/_venvsh"
"$bin" completions fish > "$fish_completion"
"$bin" man --dir "$man_dir"
echo "installed completions for bash, zsh and fish, and the man pages (man venvsh, man venvsh-activate, ...)"

if [ "$modify_rc" = 0 ]; then
    echo
    echo "Add the hook to your shell's rc file (once), then open a new terminal:"
    "$bin" init --dry-run || true
    echo "(or let venvsh do it: $bin init)"
    exit 0
fi

"$bin" init
