===== hook =====
# venvsh for bash. Load it from ~/.bashrc with:
#   eval "$(venvsh hook bash)"
# Every function here must work under `set -euo pipefail`, `shopt -u promptvars` and any
# IFS, and must never change the `$?` the user's next command or prompt sees.

__venvsh_bin='/usr/local/bin/venvsh'

# Puts "(NAME) " in front of PS1 so that NAME shows literally, whatever it holds: where
# bash expands PS1 (promptvars on, or POSIX mode, which expands it whatever promptvars
# says), PS1 refers to a variable, whose value is never expanded again; elsewhere PS1
# holds NAME with the one thing bash decodes there, \, escaped.
__venvsh_prompt_on() {
    __venvsh_prompt_off
    if [[ -n "${VIRTUAL_ENV_DISABLE_PROMPT-}" ]]; then
        return 0
    fi
    __venvsh_prompt_name=$1
    if \builtin shopt -q promptvars || \builtin shopt -oq posix; then
        # shellcheck disable=SC2016 # PS1 expands it at each prompt, as the comment says
        __venvsh_ps1_prefix='(${__venvsh_prompt_name}) '
    else
        local __venvsh_n=${1//\\/\\\\}
        __venvsh_ps1_prefix="($__venvsh_n) "
    fi
    PS1=$__venvsh_ps1_prefix${PS1-}
}

# Takes venvsh's prefix out of PS1 and leaves the rest as it is now.
__venvsh_prompt_off() {
    if [[ -n "${__venvsh_ps1_prefix-}" ]]; then
        PS1=${PS1-}
        PS1=${PS1/"$__venvsh_ps1_prefix"/}
    fi
    __venvsh_ps1_prefix=
    __venvsh_prompt_name=
}

# A stock activate script sourced over venvsh's venv saved the prompt with venvsh's
# prefix in it; its `deactivate` then puts back the prompt without that prefix.
__venvsh_fix_stock_prompt() {
    if [[ -n ${_OLD_VIRTUAL_PS1+x} && -n ${__venvsh_ps1_prefix-} ]]; then
        _OLD_VIRTUAL_PS1=${_OLD_VIRTUAL_PS1/"$__venvsh_ps1_prefix"/}
    fi
}

# Runs a venvsh command whose output is code for this shell, and evals it only when it
# is (so `venvsh activate --help` prints help instead of running it).
__venvsh_eval() {
    local __venvsh_cmd=$1 __venvsh_out __venvsh_rc=0
    shift
    __venvsh_out=$("$__venvsh_bin" "$__venvsh_cmd" --shell bash "$@") || __venvsh_rc=$?
    case $__venvsh_out in
        "# venvsh eval"*) \builtin eval "$__venvsh_out" ;;
        "") ;;
        *) \builtin printf '%s\n' "$__venvsh_out" ;;
    esac
    if \builtin declare -F __venvsh_record >/dev/null; then
        __venvsh_record
    fi
    return $__venvsh_rc
}

__venvsh_define_deactivate() {
    # shellcheck disable=SC2317 # defined here, called by the user
    deactivate() {
        __venvsh_eval deactivate "$@"
    }
}

# ---- hook ----
# Below: the `venvsh` function and the prompt hook. At a prompt where nothing changed
# (same folder, same venv, same watched files) the hook starts no process.

venvsh() {
    case "${1-}" in
        activate | deactivate | remove)
            __venvsh_eval "$@"
            ;;
        *)
            local __venvsh_rc=0
            # VENVSH_HOOK tells `venvsh doctor` the hook is here and where it last looked.
            VENVSH_HOOK="bash:${__venvsh_pwd-}" "$__venvsh_bin" "$@" || __venvsh_rc=$?
            # allow, create, remove...: look again at the next prompt.
            __venvsh_pwd=
            return $__venvsh_rc
            ;;
    esac
}

# Remembers what the last export saw, so the next prompt can tell nothing changed.
__venvsh_record() {
    __venvsh_pwd=$PWD
    __venvsh_st=${VENVSH_STATE-}
    __venvsh_ve=${VIRTUAL_ENV-}
    __venvsh_op=${_OLD_VIRTUAL_PATH+x}
}

__venvsh_export() {
    if [[ ! -x $__venvsh_bin ]]; then
        if [[ -z ${__venvsh_gone-} ]]; then
            \builtin printf 'venvsh: %s is gone; automatic venv switching is off until it is back\n' "$__venvsh_bin" >&2
            __venvsh_gone=1
        fi
        __venvsh_record
        return 0
    fi
    __venvsh_gone=
    local __venvsh_out
    # A stock activate script's saved PATH goes along (see Op::FixStockSaved).
    __venvsh_out=$(
        [[ -z ${_OLD_VIRTUAL_PATH+x} ]] || \builtin export _OLD_VIRTUAL_PATH
        "$__venvsh_bin" export bash "${__venvsh_ui-}"
    ) || __venvsh_out=
    case $__venvsh_out in
        "# venvsh eval"*) \builtin eval "$__venvsh_out" ;;
    esac
    __venvsh_record
}

# `__venvsh_same` is written by each export: true while the watched paths look as they
# did (see Op::Watch).
__venvsh_hook() {
    local __venvsh_s=$?
    if [[ $PWD != "$__venvsh_pwd" || ${VENVSH_STATE-} != "$__venvsh_st" || ${VIRTUAL_ENV-} != "$__venvsh_ve" || ${_OLD_VIRTUAL_PATH+x} != "$__venvsh_op" ]] || ! __venvsh_same; then
        __venvsh_export
    fi
    return $__venvsh_s
}

# Loading the hook again (a re-sourced ~/.bashrc) looks again at the next prompt and
# sets the prompt up again, but never installs a second hook.
__venvsh_pwd='' __venvsh_ui='' __venvsh_st='' __venvsh_ve='' __venvsh_op=''
__venvsh_ps1_prefix=${__venvsh_ps1_prefix-}
__venvsh_prompt_name=${__venvsh_prompt_name-}
__venvsh_gone=
if ! \builtin declare -F __venvsh_same >/dev/null; then
    __venvsh_same() { :; }
fi
# The hook goes in front of the other prompt commands (a prompt they draw then shows the
# venv), but after direnv's, which direnv itself always puts first: what an .envrc
# exports is then loaded before venvsh looks, and a venv it brings in is someone else's
# to venvsh, whose entry is never added twice (README "direnv").
if [[ "${PROMPT_COMMAND[*]-}" != *__venvsh_hook* ]]; then
    # An array runs element by element only from bash 5.1 on; before (macOS's bash 3.2)
    # bash runs its first element alone, so the hook goes in front of that one.
    if [[ "$(\builtin declare -p PROMPT_COMMAND 2>/dev/null)" == "declare -a"* ]] &&
        ((BASH_VERSINFO[0] > 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] >= 1))); then
        if [[ ${PROMPT_COMMAND[0]-} == _direnv_hook ]]; then
            PROMPT_COMMAND=(_direnv_hook __venvsh_hook "${PROMPT_COMMAND[@]:1}")
        else
            PROMPT_COMMAND=(__venvsh_hook "${PROMPT_COMMAND[@]}")
        fi
    elif [[ ${PROMPT_COMMAND-} == _direnv_hook* ]]; then
        # `;` as direnv writes it: its own check for its hook looks for `;_direnv_hook;`.
        # shellcheck disable=SC2178 # a string here: the array case is above
        PROMPT_COMMAND="_direnv_hook;__venvsh_hook${PROMPT_COMMAND#_direnv_hook}"
    elif [[ -n "${PROMPT_COMMAND-}" ]]; then
        PROMPT_COMMAND=__venvsh_hook$'\n'$PROMPT_COMMAND
    else
        PROMPT_COMMAND=__venvsh_hook
    fi
fi
===== enter =====
# venvsh eval
export VIRTUAL_ENV='/tmp/venvsh-fixed-render/proj/.venv'
export VIRTUAL_ENV_PROMPT='proj'
export PATH='/tmp/venvsh-fixed-render/proj/.venv/bin:/usr/bin:/bin'
export VENVSH_STATE='v1v:35:/tmp/venvsh-fixed-render/proj/.venvb:39:/tmp/venvsh-fixed-render/proj/.venv/binn:4:projm:4:autow:3:UID'
__venvsh_prompt_on 'proj'
__venvsh_define_deactivate
\builtin hash -r
__venvsh_ui=9a0a206b29f95c9a
__venvsh_same() { [[ -f '/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg' ]]; }
===== leave =====
# venvsh eval
export PATH='/usr/bin:/bin'
\builtin unset -v VIRTUAL_ENV
\builtin unset -v VIRTUAL_ENV_PROMPT
\builtin unset -v PYTHONHOME
\builtin unset -v VENVSH_STATE
__venvsh_prompt_off
\builtin unset -f deactivate
\builtin hash -r
__venvsh_ui=
__venvsh_same() { [[ ! -e '/tmp/venvsh-fixed-render/plain/.venv' && ! -e '/tmp/venvsh-fixed-render/plain/venv/pyvenv.cfg' && ! -e '/tmp/venvsh-fixed-render/plain/env/pyvenv.cfg' && ! -e '/tmp/venvsh-fixed-render/plain/.python-version' ]]; }
===== activate =====
# venvsh eval
# venvsh for bash. Load it from ~/.bashrc with:
#   eval "$(venvsh hook bash)"
# Every function here must work under `set -euo pipefail`, `shopt -u promptvars` and any
# IFS, and must never change the `$?` the user's next command or prompt sees.

__venvsh_bin='/usr/local/bin/venvsh'

# Puts "(NAME) " in front of PS1 so that NAME shows literally, whatever it holds: where
# bash expands PS1 (promptvars on, or POSIX mode, which expands it whatever promptvars
# says), PS1 refers to a variable, whose value is never expanded again; elsewhere PS1
# holds NAME with the one thing bash decodes there, \, escaped.
__venvsh_prompt_on() {
    __venvsh_prompt_off
    if [[ -n "${VIRTUAL_ENV_DISABLE_PROMPT-}" ]]; then
        return 0
    fi
    __venvsh_prompt_name=$1
    if \builtin shopt -q promptvars || \builtin shopt -oq posix; then
        # shellcheck disable=SC2016 # PS1 expands it at each prompt, as the comment says
        __venvsh_ps1_prefix='(${__venvsh_prompt_name}) '
    else
        local __venvsh_n=${1//\\/\\\\}
        __venvsh_ps1_prefix="($__venvsh_n) "
    fi
    PS1=$__venvsh_ps1_prefix${PS1-}
}

# Takes venvsh's prefix out of PS1 and leaves the rest as it is now.
__venvsh_prompt_off() {
    if [[ -n "${__venvsh_ps1_prefix-}" ]]; then
        PS1=${PS1-}
        PS1=${PS1/"$__venvsh_ps1_prefix"/}
    fi
    __venvsh_ps1_prefix=
    __venvsh_prompt_name=
}

# A stock activate script sourced over venvsh's venv saved the prompt with venvsh's
# prefix in it; its `deactivate` then puts back the prompt without that prefix.
__venvsh_fix_stock_prompt() {
    if [[ -n ${_OLD_VIRTUAL_PS1+x} && -n ${__venvsh_ps1_prefix-} ]]; then
        _OLD_VIRTUAL_PS1=${_OLD_VIRTUAL_PS1/"$__venvsh_ps1_prefix"/}
    fi
}

# Runs a venvsh command whose output is code for this shell, and evals it only when it
# is (so `venvsh activate --help` prints help instead of running it).
__venvsh_eval() {
    local __venvsh_cmd=$1 __venvsh_out __venvsh_rc=0
    shift
    __venvsh_out=$("$__venvsh_bin" "$__venvsh_cmd" --shell bash "$@") || __venvsh_rc=$?
    case $__venvsh_out in
        "# venvsh eval"*) \builtin eval "$__venvsh_out" ;;
        "") ;;
        *) \builtin printf '%s\n' "$__venvsh_out" ;;
    esac
    if \builtin declare -F __venvsh_record >/dev/null; then
        __venvsh_record
    fi
    return $__venvsh_rc
}

__venvsh_define_deactivate() {
    # shellcheck disable=SC2317 # defined here, called by the user
    deactivate() {
        __venvsh_eval deactivate "$@"
    }
}

export VIRTUAL_ENV='/tmp/venvsh-fixed-render/proj/.venv'
export VIRTUAL_ENV_PROMPT='proj'
export PATH='/tmp/venvsh-fixed-render/proj/.venv/bin:/usr/bin:/bin'
export VENVSH_STATE='v1v:35:/tmp/venvsh-fixed-render/proj/.venvb:39:/tmp/venvsh-fixed-render/proj/.venv/binn:4:projm:3:pinw:3:UID'
__venvsh_prompt_on 'proj'
__venvsh_define_deactivate
\builtin hash -r
__venvsh_ui=9a0a206b29f95c9a
__venvsh_same() { [[ -f '/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg' ]]; }
===== deactivate =====
# venvsh eval
# venvsh for bash. Load it from ~/.bashrc with:
#   eval "$(venvsh hook bash)"
# Every function here must work under `set -euo pipefail`, `shopt -u promptvars` and any
# IFS, and must never change the `$?` the user's next command or prompt sees.

__venvsh_bin='/usr/local/bin/venvsh'

# Puts "(NAME) " in front of PS1 so that NAME shows literally, whatever it holds: where
# bash expands PS1 (promptvars on, or POSIX mode, which expands it whatever promptvars
# says), PS1 refers to a variable, whose value is never expanded again; elsewhere PS1
# holds NAME with the one thing bash decodes there, \, escaped.
__venvsh_prompt_on() {
    __venvsh_prompt_off
    if [[ -n "${VIRTUAL_ENV_DISABLE_PROMPT-}" ]]; then
        return 0
    fi
    __venvsh_prompt_name=$1
    if \builtin shopt -q promptvars || \builtin shopt -oq posix; then
        # shellcheck disable=SC2016 # PS1 expands it at each prompt, as the comment says
        __venvsh_ps1_prefix='(${__venvsh_prompt_name}) '
    else
        local __venvsh_n=${1//\\/\\\\}
        __venvsh_ps1_prefix="($__venvsh_n) "
    fi
    PS1=$__venvsh_ps1_prefix${PS1-}
}

# Takes venvsh's prefix out of PS1 and leaves the rest as it is now.
__venvsh_prompt_off() {
    if [[ -n "${__venvsh_ps1_prefix-}" ]]; then
        PS1=${PS1-}
        PS1=${PS1/"$__venvsh_ps1_prefix"/}
    fi
    __venvsh_ps1_prefix=
    __venvsh_prompt_name=
}

# A stock activate script sourced over venvsh's venv saved the prompt with venvsh's
# prefix in it; its `deactivate` then puts back the prompt without that prefix.
__venvsh_fix_stock_prompt() {
    if [[ -n ${_OLD_VIRTUAL_PS1+x} && -n ${__venvsh_ps1_prefix-} ]]; then
        _OLD_VIRTUAL_PS1=${_OLD_VIRTUAL_PS1/"$__venvsh_ps1_prefix"/}
    fi
}

# Runs a venvsh command whose output is code for this shell, and evals it only when it
# is (so `venvsh activate --help` prints help instead of running it).
__venvsh_eval() {
    local __venvsh_cmd=$1 __venvsh_out __venvsh_rc=0
    shift
    __venvsh_out=$("$__venvsh_bin" "$__venvsh_cmd" --shell bash "$@") || __venvsh_rc=$?
    case $__venvsh_out in
        "# venvsh eval"*) \builtin eval "$__venvsh_out" ;;
        "") ;;
        *) \builtin printf '%s\n' "$__venvsh_out" ;;
    esac
    if \builtin declare -F __venvsh_record >/dev/null; then
        __venvsh_record
    fi
    return $__venvsh_rc
}

__venvsh_define_deactivate() {
    # shellcheck disable=SC2317 # defined here, called by the user
    deactivate() {
        __venvsh_eval deactivate "$@"
    }
}

export PATH='/usr/bin:/bin'
\builtin unset -v VIRTUAL_ENV
\builtin unset -v VIRTUAL_ENV_PROMPT
\builtin unset -v PYTHONHOME
export VENVSH_STATE='v1o:29:/tmp/venvsh-fixed-render/proj'
__venvsh_prompt_off
\builtin unset -f deactivate
\builtin hash -r
__venvsh_ui=
__venvsh_same() { [[ -f '/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg' ]]; }
===== enter a conda prefix =====
# venvsh eval
export CONDA_PREFIX='/tmp/venvsh-fixed-render/px/.pixi/envs/default'
export CONDA_DEFAULT_ENV='px'
export PIXI_PROJECT_ROOT='/tmp/venvsh-fixed-render/px'
export PIXI_PROJECT_NAME='px'
export PIXI_PROJECT_MANIFEST='/tmp/venvsh-fixed-render/px/pixi.toml'
export PIXI_ENVIRONMENT_NAME='default'
export PIXI_PROMPT='(px) '
export MY_VAR='v'
export PATH='/tmp/venvsh-fixed-render/px/.pixi/envs/default/bin:/usr/bin:/bin'
export VENVSH_STATE='v1v:46:/tmp/venvsh-fixed-render/px/.pixi/envs/defaultb:50:/tmp/venvsh-fixed-render/px/.pixi/envs/default/binn:2:pxm:4:autow:3:UIDk:5:condac:12:CONDA_PREFIXc:17:CONDA_DEFAULT_ENVc:17:PIXI_PROJECT_ROOTc:17:PIXI_PROJECT_NAMEc:21:PIXI_PROJECT_MANIFESTc:21:PIXI_ENVIRONMENT_NAMEc:11:PIXI_PROMPTc:6:MY_VARd:4:x.shd:5:x.ps1d:6:x.fishd:5:x.cshd:5:x.bat'
__venvsh_prompt_on 'px'
__venvsh_define_deactivate
\builtin hash -r
__venvsh_ui=6b16d475eec3f9bf
__venvsh_same() { [[ ! -e '/tmp/venvsh-fixed-render/px/.venv' && ! -e '/tmp/venvsh-fixed-render/px/venv/pyvenv.cfg' && ! -e '/tmp/venvsh-fixed-render/px/env/pyvenv.cfg' && ! -e '/tmp/venvsh-fixed-render/px/.python-version' && -f '/tmp/venvsh-fixed-render/px/.pixi/envs/default/conda-meta/history' ]]; }
if [[ -f '/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/activate.d/x.sh' ]]; then . '/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/activate.d/x.sh' || :; fi
===== leave it =====
# venvsh eval
export PATH='/usr/bin:/bin'
\builtin unset -v VENVSH_STATE
if [[ -f '/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/deactivate.d/x.sh' ]]; then . '/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/deactivate.d/x.sh' || :; fi
\builtin unset -v CONDA_PREFIX
\builtin unset -v CONDA_DEFAULT_ENV
\builtin unset -v PIXI_PROJECT_ROOT
\builtin unset -v PIXI_PROJECT_NAME
\builtin unset -v PIXI_PROJECT_MANIFEST
\builtin unset -v PIXI_ENVIRONMENT_NAME
\builtin unset -v PIXI_PROMPT
\builtin unset -v MY_VAR
\builtin unset -v PYTHONHOME
__venvsh_prompt_off
\builtin unset -f deactivate
\builtin hash -r
__venvsh_ui=
__venvsh_same() { [[ ! -e '/tmp/venvsh-fixed-render/plain/.venv' && ! -e '/tmp/venvsh-fixed-render/plain/venv/pyvenv.cfg' && ! -e '/tmp/venvsh-fixed-render/plain/env/pyvenv.cfg' && ! -e '/tmp/venvsh-fixed-render/plain/.python-version' ]]; }
