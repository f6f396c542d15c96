# venvsh for zsh. Load it from ~/.zshrc with:
#   eval "$(venvsh hook zsh)"
# Functions capture `$?` first, then run under `emulate -L zsh` so the user's options
# (NO_UNSET, KSH_ARRAYS, SH_WORD_SPLIT, ...) cannot change what they do.

typeset -g __venvsh_bin=@VENVSH@

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
