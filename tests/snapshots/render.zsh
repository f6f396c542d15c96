===== hook =====
# venvsh for zsh. Load it from ~/.zshrc with:
#   eval "$(venvsh hook zsh)"
# Functions capture `$?` first, then run under `emulate -L zsh` so the user's options
# (NO_UNSET, KSH_ARRAYS, SH_WORD_SPLIT, ...) cannot change what they do.

typeset -g __venvsh_bin='/usr/local/bin/venvsh'

# Puts "(NAME) " in front of PS1. NAME goes through psvar and %Nv, which zsh inserts
# literally: no %-escape, $(...), backtick or ! in it expands, with or without
# PROMPT_SUBST, now or at any later prompt. Without PROMPT_PERCENT, PS1 refers to a
# variable where PROMPT_SUBST expands it (its value is never expanded again), and holds
# NAME as it is where nothing does.
__venvsh_prompt_on() {
    local __venvsh_pct=0 __venvsh_subst=0
    [[ -o promptpercent ]] && __venvsh_pct=1
    [[ -o promptsubst ]] && __venvsh_subst=1
    emulate -L zsh
    __venvsh_prompt_off
    if [[ -n ${VIRTUAL_ENV_DISABLE_PROMPT-} ]]; then
        return 0
    fi
    __venvsh_prompt_name=$1
    if (( __venvsh_pct )); then
        psvar[9]=$1
        __venvsh_ps1_prefix='(%9v) '
    elif (( __venvsh_subst )); then
        # PROMPT_SUBST expands this at each prompt; the value stays text.
        __venvsh_ps1_prefix='(${__venvsh_prompt_name}) '
    else
        __venvsh_ps1_prefix="($1) "
    fi
    PS1=$__venvsh_ps1_prefix$PS1
}

__venvsh_prompt_off() {
    emulate -L zsh
    if [[ -n $__venvsh_ps1_prefix ]]; then
        PS1=${PS1/"$__venvsh_ps1_prefix"/}
        if [[ $__venvsh_ps1_prefix == '(%9v) ' ]] && (( ${#psvar} >= 9 )); then
            psvar[9]=
        fi
    fi
    __venvsh_ps1_prefix=
    __venvsh_prompt_name=
}

# A stock activate script sourced over venvsh's venv saved the prompt with venvsh's
# prefix in it; its `deactivate` then puts back the prompt without that prefix.
__venvsh_fix_stock_prompt() {
    emulate -L zsh
    if [[ -n ${_OLD_VIRTUAL_PS1+x} && -n $__venvsh_ps1_prefix ]]; then
        _OLD_VIRTUAL_PS1=${_OLD_VIRTUAL_PS1/"$__venvsh_ps1_prefix"/}
    fi
}

__venvsh_eval() {
    emulate -L zsh
    local __venvsh_cmd=$1 __venvsh_out __venvsh_rc=0
    shift
    __venvsh_out=$("$__venvsh_bin" "$__venvsh_cmd" --shell zsh "$@") || __venvsh_rc=$?
    case $__venvsh_out in
        ("# venvsh eval"*) builtin eval "$__venvsh_out" ;;
        ("") ;;
        (*) builtin print -r -- "$__venvsh_out" ;;
    esac
    if (( ${+functions[__venvsh_record]} )); then
        __venvsh_record
    fi
    return $__venvsh_rc
}

__venvsh_define_deactivate() {
    deactivate() {
        __venvsh_eval deactivate "$@"
    }
}

# Defines the prompt hook with the tests of the watched paths ($1, written by each
# export: see Op::Watch) inline, so that at an idle prompt it calls no function
# (BENCHMARKS.md: what an idle prompt costs). The hook is written to give the same answer under
# any user options, so the idle path needs no `emulate`; its text is one line, as no
# string here spans lines (CSH_JUNKIE_QUOTES refuses those). It returns 0: zsh puts
# `$?` back itself after precmd and chpwd, and a non-zero return ends the shell under
# ERR_EXIT.
__venvsh_define_hook() {
    emulate -L zsh
    builtin eval "__venvsh_hook() { if [[ \$PWD != \"\$__venvsh_pwd\" || \${VENVSH_STATE-} != \"\$__venvsh_st\" || \${VIRTUAL_ENV-} != \"\$__venvsh_ve\" || \${_OLD_VIRTUAL_PATH+x} != \"\$__venvsh_op\"${1:+ || ! ( $1 )} ]]; then __venvsh_export; fi; return 0; }"
}

typeset -g __venvsh_ps1_prefix=${__venvsh_ps1_prefix-} __venvsh_prompt_name=${__venvsh_prompt_name-}

# ---- hook ----
# Below: the `venvsh` function and the prompt hook. At a prompt where nothing changed
# (same folder, same venv, same watched files) the hook starts no process.

venvsh() {
    case "${1-}" in
        (activate|deactivate|remove)
            __venvsh_eval "$@"
            ;;
        (*)
            local __venvsh_rc=0
            # VENVSH_HOOK tells `venvsh doctor` the hook is here and where it last looked.
            VENVSH_HOOK="zsh:${__venvsh_pwd-}" "$__venvsh_bin" "$@" || __venvsh_rc=$?
            __venvsh_pwd=
            return $__venvsh_rc
            ;;
    esac
}

__venvsh_record() {
    emulate -L zsh
    __venvsh_pwd=$PWD
    __venvsh_st=${VENVSH_STATE-}
    __venvsh_ve=${VIRTUAL_ENV-}
    __venvsh_op=${_OLD_VIRTUAL_PATH+x}
}

__venvsh_export() {
    emulate -L zsh
    if [[ ! -x $__venvsh_bin ]]; then
        if [[ -z $__venvsh_gone ]]; then
            print -ru2 -- "venvsh: $__venvsh_bin is gone; automatic venv switching is off until it is back"
            __venvsh_gone=1
        fi
        __venvsh_record
        return 0
    fi
    __venvsh_gone=
    local __venvsh_out
    # A stock activate script's saved PATH goes along (see Op::FixStockSaved).
    __venvsh_out=$(
        [[ -z ${_OLD_VIRTUAL_PATH+x} ]] || export _OLD_VIRTUAL_PATH
        "$__venvsh_bin" export zsh "$__venvsh_ui"
    ) || __venvsh_out=
    case $__venvsh_out in
        ("# venvsh eval"*) builtin eval "$__venvsh_out" ;;
    esac
    __venvsh_record
}

# Until the first export writes the watch: nothing watched (the first prompt looks).
__venvsh_define_hook ''

typeset -g __venvsh_pwd= __venvsh_ui= __venvsh_st= __venvsh_ve= __venvsh_op= __venvsh_gone=
# On a cd in the shell itself; a subshell's cd (`$(cd x && make)`) changes nothing here.
__venvsh_chpwd() {
    (( ZSH_SUBSHELL )) || __venvsh_hook
}

# The prompt hook, and the same on chpwd: `cd proj && pytest` on one line runs in the
# venv. The prompt after that cd finds nothing changed, so a cd still starts one
# process. chpwd's goes last, after other tools' (direnv's) of the same cd.
() {
    emulate -L zsh
    typeset -ga precmd_functions chpwd_functions
    if (( ! ${precmd_functions[(I)__venvsh_hook]} )); then
        # First, but after direnv's hook (see venvsh.bash).
        if [[ ${precmd_functions[1]-} == _direnv_hook ]]; then
            precmd_functions[1]=(_direnv_hook __venvsh_hook)
        else
            precmd_functions=(__venvsh_hook "${precmd_functions[@]}")
        fi
    fi
    if (( ! ${chpwd_functions[(I)__venvsh_chpwd]} )); then
        chpwd_functions+=(__venvsh_chpwd)
    fi
}
===== enter =====
# venvsh eval
export VIRTUAL_ENV='/tmp/venvsh-fixed-render/proj/.venv'
export VIRTUAL_ENV_PROMPT='proj'
export PATH='/tmp/venvsh-fixed-render/proj/.venv/bin:/usr/bin:/bin'
export VENVSH_STATE='v1v:35:/tmp/venvsh-fixed-render/proj/.venvb:39:/tmp/venvsh-fixed-render/proj/.venv/binn:4:projm:4:autow:3:UID'
__venvsh_prompt_on 'proj'
__venvsh_define_deactivate
\builtin rehash
__venvsh_ui=9a0a206b29f95c9a
__venvsh_define_hook '-f '\''/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg'\'''
===== leave =====
# venvsh eval
export PATH='/usr/bin:/bin'
\builtin unset -v VIRTUAL_ENV
\builtin unset -v VIRTUAL_ENV_PROMPT
\builtin unset -v PYTHONHOME
\builtin unset -v VENVSH_STATE
__venvsh_prompt_off
if (( ${+functions[deactivate]} )); then \builtin unfunction deactivate; fi
\builtin rehash
__venvsh_ui=
__venvsh_define_hook '! -e '\''/tmp/venvsh-fixed-render/plain/.venv'\'' && ! -e '\''/tmp/venvsh-fixed-render/plain/venv/pyvenv.cfg'\'' && ! -e '\''/tmp/venvsh-fixed-render/plain/env/pyvenv.cfg'\'' && ! -e '\''/tmp/venvsh-fixed-render/plain/.python-version'\'''
===== activate =====
# venvsh eval
# venvsh for zsh. Load it from ~/.zshrc with:
#   eval "$(venvsh hook zsh)"
# Functions capture `$?` first, then run under `emulate -L zsh` so the user's options
# (NO_UNSET, KSH_ARRAYS, SH_WORD_SPLIT, ...) cannot change what they do.

typeset -g __venvsh_bin='/usr/local/bin/venvsh'

# Puts "(NAME) " in front of PS1. NAME goes through psvar and %Nv, which zsh inserts
# literally: no %-escape, $(...), backtick or ! in it expands, with or without
# PROMPT_SUBST, now or at any later prompt. Without PROMPT_PERCENT, PS1 refers to a
# variable where PROMPT_SUBST expands it (its value is never expanded again), and holds
# NAME as it is where nothing does.
__venvsh_prompt_on() {
    local __venvsh_pct=0 __venvsh_subst=0
    [[ -o promptpercent ]] && __venvsh_pct=1
    [[ -o promptsubst ]] && __venvsh_subst=1
    emulate -L zsh
    __venvsh_prompt_off
    if [[ -n ${VIRTUAL_ENV_DISABLE_PROMPT-} ]]; then
        return 0
    fi
    __venvsh_prompt_name=$1
    if (( __venvsh_pct )); then
        psvar[9]=$1
        __venvsh_ps1_prefix='(%9v) '
    elif (( __venvsh_subst )); then
        # PROMPT_SUBST expands this at each prompt; the value stays text.
        __venvsh_ps1_prefix='(${__venvsh_prompt_name}) '
    else
        __venvsh_ps1_prefix="($1) "
    fi
    PS1=$__venvsh_ps1_prefix$PS1
}

__venvsh_prompt_off() {
    emulate -L zsh
    if [[ -n $__venvsh_ps1_prefix ]]; then
        PS1=${PS1/"$__venvsh_ps1_prefix"/}
        if [[ $__venvsh_ps1_prefix == '(%9v) ' ]] && (( ${#psvar} >= 9 )); then
            psvar[9]=
        fi
    fi
    __venvsh_ps1_prefix=
    __venvsh_prompt_name=
}

# A stock activate script sourced over venvsh's venv saved the prompt with venvsh's
# prefix in it; its `deactivate` then puts back the prompt without that prefix.
__venvsh_fix_stock_prompt() {
    emulate -L zsh
    if [[ -n ${_OLD_VIRTUAL_PS1+x} && -n $__venvsh_ps1_prefix ]]; then
        _OLD_VIRTUAL_PS1=${_OLD_VIRTUAL_PS1/"$__venvsh_ps1_prefix"/}
    fi
}

__venvsh_eval() {
    emulate -L zsh
    local __venvsh_cmd=$1 __venvsh_out __venvsh_rc=0
    shift
    __venvsh_out=$("$__venvsh_bin" "$__venvsh_cmd" --shell zsh "$@") || __venvsh_rc=$?
    case $__venvsh_out in
        ("# venvsh eval"*) builtin eval "$__venvsh_out" ;;
        ("") ;;
        (*) builtin print -r -- "$__venvsh_out" ;;
    esac
    if (( ${+functions[__venvsh_record]} )); then
        __venvsh_record
    fi
    return $__venvsh_rc
}

__venvsh_define_deactivate() {
    deactivate() {
        __venvsh_eval deactivate "$@"
    }
}

# Defines the prompt hook with the tests of the watched paths ($1, written by each
# export: see Op::Watch) inline, so that at an idle prompt it calls no function
# (BENCHMARKS.md: what an idle prompt costs). The hook is written to give the same answer under
# any user options, so the idle path needs no `emulate`; its text is one line, as no
# string here spans lines (CSH_JUNKIE_QUOTES refuses those). It returns 0: zsh puts
# `$?` back itself after precmd and chpwd, and a non-zero return ends the shell under
# ERR_EXIT.
__venvsh_define_hook() {
    emulate -L zsh
    builtin eval "__venvsh_hook() { if [[ \$PWD != \"\$__venvsh_pwd\" || \${VENVSH_STATE-} != \"\$__venvsh_st\" || \${VIRTUAL_ENV-} != \"\$__venvsh_ve\" || \${_OLD_VIRTUAL_PATH+x} != \"\$__venvsh_op\"${1:+ || ! ( $1 )} ]]; then __venvsh_export; fi; return 0; }"
}

typeset -g __venvsh_ps1_prefix=${__venvsh_ps1_prefix-} __venvsh_prompt_name=${__venvsh_prompt_name-}

export VIRTUAL_ENV='/tmp/venvsh-fixed-render/proj/.venv'
export VIRTUAL_ENV_PROMPT='proj'
export PATH='/tmp/venvsh-fixed-render/proj/.venv/bin:/usr/bin:/bin'
export VENVSH_STATE='v1v:35:/tmp/venvsh-fixed-render/proj/.venvb:39:/tmp/venvsh-fixed-render/proj/.venv/binn:4:projm:3:pinw:3:UID'
__venvsh_prompt_on 'proj'
__venvsh_define_deactivate
\builtin rehash
__venvsh_ui=9a0a206b29f95c9a
__venvsh_define_hook '-f '\''/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg'\'''
===== deactivate =====
# venvsh eval
# venvsh for zsh. Load it from ~/.zshrc with:
#   eval "$(venvsh hook zsh)"
# Functions capture `$?` first, then run under `emulate -L zsh` so the user's options
# (NO_UNSET, KSH_ARRAYS, SH_WORD_SPLIT, ...) cannot change what they do.

typeset -g __venvsh_bin='/usr/local/bin/venvsh'

# Puts "(NAME) " in front of PS1. NAME goes through psvar and %Nv, which zsh inserts
# literally: no %-escape, $(...), backtick or ! in it expands, with or without
# PROMPT_SUBST, now or at any later prompt. Without PROMPT_PERCENT, PS1 refers to a
# variable where PROMPT_SUBST expands it (its value is never expanded again), and holds
# NAME as it is where nothing does.
__venvsh_prompt_on() {
    local __venvsh_pct=0 __venvsh_subst=0
    [[ -o promptpercent ]] && __venvsh_pct=1
    [[ -o promptsubst ]] && __venvsh_subst=1
    emulate -L zsh
    __venvsh_prompt_off
    if [[ -n ${VIRTUAL_ENV_DISABLE_PROMPT-} ]]; then
        return 0
    fi
    __venvsh_prompt_name=$1
    if (( __venvsh_pct )); then
        psvar[9]=$1
        __venvsh_ps1_prefix='(%9v) '
    elif (( __venvsh_subst )); then
        # PROMPT_SUBST expands this at each prompt; the value stays text.
        __venvsh_ps1_prefix='(${__venvsh_prompt_name}) '
    else
        __venvsh_ps1_prefix="($1) "
    fi
    PS1=$__venvsh_ps1_prefix$PS1
}

__venvsh_prompt_off() {
    emulate -L zsh
    if [[ -n $__venvsh_ps1_prefix ]]; then
        PS1=${PS1/"$__venvsh_ps1_prefix"/}
        if [[ $__venvsh_ps1_prefix == '(%9v) ' ]] && (( ${#psvar} >= 9 )); then
            psvar[9]=
        fi
    fi
    __venvsh_ps1_prefix=
    __venvsh_prompt_name=
}

# A stock activate script sourced over venvsh's venv saved the prompt with venvsh's
# prefix in it; its `deactivate` then puts back the prompt without that prefix.
__venvsh_fix_stock_prompt() {
    emulate -L zsh
    if [[ -n ${_OLD_VIRTUAL_PS1+x} && -n $__venvsh_ps1_prefix ]]; then
        _OLD_VIRTUAL_PS1=${_OLD_VIRTUAL_PS1/"$__venvsh_ps1_prefix"/}
    fi
}

__venvsh_eval() {
    emulate -L zsh
    local __venvsh_cmd=$1 __venvsh_out __venvsh_rc=0
    shift
    __venvsh_out=$("$__venvsh_bin" "$__venvsh_cmd" --shell zsh "$@") || __venvsh_rc=$?
    case $__venvsh_out in
        ("# venvsh eval"*) builtin eval "$__venvsh_out" ;;
        ("") ;;
        (*) builtin print -r -- "$__venvsh_out" ;;
    esac
    if (( ${+functions[__venvsh_record]} )); then
        __venvsh_record
    fi
    return $__venvsh_rc
}

__venvsh_define_deactivate() {
    deactivate() {
        __venvsh_eval deactivate "$@"
    }
}

# Defines the prompt hook with the tests of the watched paths ($1, written by each
# export: see Op::Watch) inline, so that at an idle prompt it calls no function
# (BENCHMARKS.md: what an idle prompt costs). The hook is written to give the same answer under
# any user options, so the idle path needs no `emulate`; its text is one line, as no
# string here spans lines (CSH_JUNKIE_QUOTES refuses those). It returns 0: zsh puts
# `$?` back itself after precmd and chpwd, and a non-zero return ends the shell under
# ERR_EXIT.
__venvsh_define_hook() {
    emulate -L zsh
    builtin eval "__venvsh_hook() { if [[ \$PWD != \"\$__venvsh_pwd\" || \${VENVSH_STATE-} != \"\$__venvsh_st\" || \${VIRTUAL_ENV-} != \"\$__venvsh_ve\" || \${_OLD_VIRTUAL_PATH+x} != \"\$__venvsh_op\"${1:+ || ! ( $1 )} ]]; then __venvsh_export; fi; return 0; }"
}

typeset -g __venvsh_ps1_prefix=${__venvsh_ps1_prefix-} __venvsh_prompt_name=${__venvsh_prompt_name-}

export PATH='/usr/bin:/bin'
\builtin unset -v VIRTUAL_ENV
\builtin unset -v VIRTUAL_ENV_PROMPT
\builtin unset -v PYTHONHOME
export VENVSH_STATE='v1o:29:/tmp/venvsh-fixed-render/proj'
__venvsh_prompt_off
if (( ${+functions[deactivate]} )); then \builtin unfunction deactivate; fi
\builtin rehash
__venvsh_ui=
__venvsh_define_hook '-f '\''/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg'\'''
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
\builtin rehash
__venvsh_ui=6b16d475eec3f9bf
__venvsh_define_hook '! -e '\''/tmp/venvsh-fixed-render/px/.venv'\'' && ! -e '\''/tmp/venvsh-fixed-render/px/venv/pyvenv.cfg'\'' && ! -e '\''/tmp/venvsh-fixed-render/px/env/pyvenv.cfg'\'' && ! -e '\''/tmp/venvsh-fixed-render/px/.python-version'\'' && -f '\''/tmp/venvsh-fixed-render/px/.pixi/envs/default/conda-meta/history'\'''
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
if (( ${+functions[deactivate]} )); then \builtin unfunction deactivate; fi
\builtin rehash
__venvsh_ui=
__venvsh_define_hook '! -e '\''/tmp/venvsh-fixed-render/plain/.venv'\'' && ! -e '\''/tmp/venvsh-fixed-render/plain/venv/pyvenv.cfg'\'' && ! -e '\''/tmp/venvsh-fixed-render/plain/env/pyvenv.cfg'\'' && ! -e '\''/tmp/venvsh-fixed-render/plain/.python-version'\'''
