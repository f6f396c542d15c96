#!/usr/bin/env bash
# Builds venvsh with cargo and installs it, its completions and its man page, and adds
# the hook line to your shell's rc file.
#   ./install.sh                 installs to ~/.local (binary in ~/.local/bin)
#   ./install.sh --prefix DIR    installs to DIR (binary in DIR/bin)
#   ./install.sh --no-modify-rc  leaves your rc files alone (prints the line to add)
#   ./install.sh --uninstall     removes all of it again (same --prefix as installed)
# The rc line goes into the rc file of your login shell ($SHELL) and of every other
# shell (bash, zsh, fish, tcsh) whose rc file you already have. It is added once, between
# two marker lines; running this again changes nothing, and each rc file it changes is
# copied first to FILE.venvsh-backup-DATE.
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
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
man_page="$prefix/share/man/man1/venvsh.1"
begin_mark="# >>> venvsh >>> (added by venvsh's install.sh; './install.sh --uninstall' removes it)"
end_mark="# <<< venvsh <<<"
# The end mark when the line above the block had no newline at its end: the uninstall
# puts the file back byte for byte.
end_mark_nonl="# <<< venvsh <<< (the line above had no newline at its end)"

# bash-login: the file a login bash reads instead of ~/.bashrc (macOS's Terminal starts
# login shells): ~/.bash_profile, else ~/.bash_login. A ~/.profile is left alone: sh
# reads it too, and Debian's already sources ~/.bashrc.
rc_file() {
    case "$1" in
        bash) echo "$HOME/.bashrc" ;;
        bash-login)
            if [ ! -f "$HOME/.bash_profile" ] && [ -f "$HOME/.bash_login" ]; then
                echo "$HOME/.bash_login"
            else
                echo "$HOME/.bash_profile"
            fi
            ;;
        zsh) echo "${ZDOTDIR:-$HOME}/.zshrc" ;;
        fish) echo "$config/fish/config.fish" ;;
        tcsh) echo "$HOME/.tcshrc" ;;
    esac
}

# The block for one shell (NONL: the end mark for a file that lacked its last newline):
# the binary by its full path, so it works before ~/.local/bin is on PATH.
rc_block() {
    local q
    q=$(printf '%q' "$bin")
    echo "$begin_mark"
    # The line itself is venvsh's own (`venvsh hook --rc-line`), with the binary's path.
    local line pre post
    line=$("$bin" hook --rc-line "${1%-login}")
    pre=${line%%venvsh hook*}
    post=${line#*venvsh hook}
    [ "$1" != zsh ] || echo "fpath=($(printf '%q' "$zsh_functions") \$fpath)"
    if [ "$1" = bash-login ]; then
        # A login bash need not be interactive (`bash -lc`, an IDE's probe): no hook there.
        echo "case \$- in *i*) $pre$q hook$post ;; esac"
    else
        echo "$pre$q hook$post"
    fi
    # compinit may have run already (oh-my-zsh, prezto): register it then.
    [ "$1" != zsh ] || echo "if (( \$+functions[compdef] )); then autoload -Uz _venvsh && compdef _venvsh venvsh; fi"
    if [ "${2:-}" = nonl ]; then echo "$end_mark_nonl"; else echo "$end_mark"; fi
}

# FILE [BLOCK]: the rc file with venvsh's block replaced by BLOCK where it stands, or,
# with no BLOCK, taken out: byte for byte as the file was before it.
splice_block() {
    awk -v b="$begin_mark" -v e="$end_mark" -v e2="$end_mark_nonl" -v blk="${2-}" -v put="$#" '
        function line(s) { if (have) print prev; prev = s; have = 1; nonl = 0 }
        $0 == b { skip = 1; next }
        skip && ($0 == e || $0 == e2) {
            skip = 0
            if (put == 2) line(blk); else nonl = ($0 == e2)
            next
        }
        skip { next }
        { line($0) }
        END { if (have) printf (nonl ? "%s" : "%s\n"), prev }' "$1"
}

# Writes NEW (a file) over RC when they differ, after a dated backup of RC (none with
# a third argument: taking out venvsh's own block needs none).
replace_rc() {
    local rc=$1 new=$2
    if [ -f "$rc" ] && cmp -s "$new" "$rc"; then
        rm -f "$new"
        return 1
    fi
    if [ -f "$rc" ]; then
        [ $# -gt 2 ] || cp -p "$rc" "$rc.venvsh-backup-$(date +%Y%m%d-%H%M%S)"
        cat "$new" > "$rc"
        rm -f "$new"
    else
        mv "$new" "$rc"
    fi
}

# The shells whose rc files get the block: the login shell's, and those already there.
# A login bash gets it too where it reads a file of its own (one made for it when bash is
# the login shell and it has none, not even ~/.profile).
rc_shells() {
    local login sh
    login=$(basename "${SHELL:-bash}")
    [ "$login" = csh ] && login=tcsh
    for sh in bash zsh fish tcsh; do
        if [ "$sh" = "$login" ] || [ -f "$(rc_file "$sh")" ]; then
            echo "$sh"
        fi
    done
    if [ -f "$(rc_file bash-login)" ] ||
        { [ "$login" = bash ] && [ ! -f "$HOME/.profile" ]; }; then
        echo bash-login
    fi
}

if [ "$uninstall" = 1 ]; then
    # The trust store, where the installed venvsh says it keeps it.
    if [ -x "$bin" ] && d=$("$bin" dirs data 2>/dev/null) && [ -n "$d" ]; then
        data_venvsh=$d
    else
        data_venvsh=$data/venvsh
    fi
    # Both of login bash's files: the one in use may have changed since the install.
    for rc in "$(rc_file bash)" "$HOME/.bash_profile" "$HOME/.bash_login" \
        "$(rc_file zsh)" "$(rc_file fish)" "$(rc_file tcsh)"; do
        if [ -f "$rc" ] && grep -qxF "$begin_mark" "$rc"; then
            splice_block "$rc" > "$rc.venvsh-new"
            replace_rc "$rc" "$rc.venvsh-new" no-backup && echo "removed the venvsh lines from $rc"
            # Made by the install, with nothing else in it: as if it had never been. A
            # file that was there before (empty, even) has a backup and stays.
            if [ ! -s "$rc" ] && ! compgen -G "$rc.venvsh-backup-*" >/dev/null; then
                rm -f "$rc"
            fi
        fi
        # Backups the rc file is now identical to have nothing left to keep.
        for b in "$rc".venvsh-backup-*; do
            [ -f "$b" ] || continue
            if [ -f "$rc" ] && cmp -s "$b" "$rc"; then
                rm -f "$b"
            else
                echo "kept $b (it differs from $rc now)"
            fi
        done
    done
    for f in "$bin" "$bash_completion" "$zsh_functions/_venvsh" "$fish_completion" "$man_page"; do
        if [ -e "$f" ]; then
            rm -f "$f"
            echo "removed $f"
        fi
    done
    # The folders made for those files, where nothing else came into them.
    for d in "$(dirname "$bash_completion")" "$(dirname "$(dirname "$bash_completion")")" \
        "$zsh_functions" "$(dirname "$zsh_functions")" "$(dirname "$fish_completion")" \
        "$(dirname "$man_page")" "$(dirname "$(dirname "$man_page")")" "$prefix/bin"; do
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

mkdir -p "$(dirname "$bash_completion")" "$zsh_functions" "$(dirname "$fish_completion")" "$(dirname "$man_page")"
"$bin" completions bash > "$bash_completion"
"$bin" completions zsh > "$zsh_functions/_venvsh"
"$bin" completions fish > "$fish_completion"
"$bin" man > "$man_page"
echo "installed completions for bash, zsh and fish, and the man page (man venvsh)"

if [ "$modify_rc" = 0 ]; then
    echo
    echo "Add the hook to your shell's rc file (once), then open a new terminal:"
    for sh in $(rc_shells); do
        echo "  in $(rc_file "$sh"):"
        rc_block "$sh" | sed '1d;$d;s/^/    /'
    done
    exit 0
fi

for sh in $(rc_shells); do
    rc=$(rc_file "$sh")
    mkdir -p "$(dirname "$rc")"
    if [ -f "$rc" ] && grep -qxF "$begin_mark" "$rc"; then
        # Already there: the block stays where it was, updated if it changed.
        nonl=""
        grep -qxF "$end_mark_nonl" "$rc" && nonl=nonl
        splice_block "$rc" "$(rc_block "$sh" "$nonl")" > "$rc.venvsh-new"
    else
        nonl=""
        if [ -s "$rc" ] && [ "$(tail -c 1 "$rc" | wc -l)" -eq 0 ]; then
            nonl=nonl
        fi
        {
            if [ -f "$rc" ]; then
                cat "$rc"
                [ -z "$nonl" ] || echo
            fi
            rc_block "$sh" "$nonl"
        } > "$rc.venvsh-new"
    fi
    if replace_rc "$rc" "$rc.venvsh-new"; then
        echo "added the venvsh hook to $rc"
    else
        echo "$rc already has the venvsh hook"
    fi
done
echo "Open a new terminal: cd into a project with a .venv and it activates (run 'venvsh allow' there first)."
