# venvsh for tcsh and csh. Load it from ~/.tcshrc with:
#   eval "`venvsh hook tcsh`"
# `eval` runs the hook as one line: venvsh drops these comments and joins the lines with
# `;`. tcsh has no functions, so the pieces are aliases; in a line `alias NAME BODY`,
# BODY is written here as it runs and venvsh quotes it. tcsh expands an alias only at the
# start of a command, so one called from `if ( … )` is called through `eval`, and it
# expands $VAR in an `if` line even when the test is false, so a variable that may be
# unset is read inside `eval '…'`. Variables are compared as `$x:q`, never "$x": a folder
# name with a newline in "…" is a syntax error, and tcsh then deletes the whole alias. Nothing here starts a process at an idle prompt.
set __venvsh_bin = @VENVSH@
# The binary, as a command for inside backquotes: tcsh substitutes $variables there
# before it parses the command, so a path with a space would split; an alias is parsed.
alias __venvsh_x @VENVSH@
if ( ! $?__venvsh_pp ) set __venvsh_pp = ''
if ( ! $?__venvsh_rest ) set __venvsh_rest = ''
# The prompt: `%${__venvsh_pp}` in front of it shows that variable's value as it is (no
# %, !, backslash, ` or $ in a name expands); empty when no venv is active. The braces end
# the name: `%$__venvsh_pp` before a prompt starting with a letter, digit or `_` named
# another variable.
alias __venvsh_prompt_on if ( $?VIRTUAL_ENV_DISABLE_PROMPT ) set __venvsh_pp = '' ; if ( $?prompt ) eval __venvsh_prompt_mark
alias __venvsh_prompt_mark if ( $prompt:q !~ *__venvsh_pp* ) set __venvsh_rest = $prompt:q ; if ( $prompt:q !~ *__venvsh_pp* ) set prompt = '%${__venvsh_pp}'$prompt:q
# Off: the prompt goes back to what it was, unless it was changed meanwhile.
alias __venvsh_prompt_off set __venvsh_pp = '' ; if ( $?prompt ) eval __venvsh_prompt_unmark
alias __venvsh_prompt_unmark if ( $prompt:q == '%${__venvsh_pp}'$__venvsh_rest:q || $prompt:q == '%$__venvsh_pp'$__venvsh_rest:q ) set prompt = $__venvsh_rest:q
# `venvsh activate|deactivate|remove`: run the binary and eval its output only when it is code
# (`--help` is run again to print as it should).
alias __venvsh_eval set __venvsh_o = "`__venvsh_x !* --shell tcsh`" ; if ( "$__venvsh_o" =~ ': venvsh eval ;'* ) eval "$__venvsh_o" ; if ( "$__venvsh_o" !~ ': venvsh eval ;'* && "$__venvsh_o" != '' ) $__venvsh_bin:q !* ; eval __venvsh_record
alias __venvsh_record set __venvsh_pwd = $cwd:q ; set __venvsh_ve = '' ; if ( $?VIRTUAL_ENV ) eval 'set __venvsh_ve = $VIRTUAL_ENV:q' ; set __venvsh_st = '' ; if ( $?VENVSH_STATE ) eval 'set __venvsh_st = $VENVSH_STATE:q' ; set __venvsh_op = $?_OLD_VIRTUAL_PATH
# ---- hook ----
alias venvsh set __venvsh_a = ( !* '' ) ; if ( "$__venvsh_a[1]" == activate || "$__venvsh_a[1]" == deactivate || "$__venvsh_a[1]" == remove ) eval __venvsh_eval !* ; if ( "$__venvsh_a[1]" != activate && "$__venvsh_a[1]" != deactivate && "$__venvsh_a[1]" != remove ) eval __venvsh_call !*
# Any other command: run it, and look again at the next prompt (allow, create, ...).
alias __venvsh_call setenv VENVSH_HOOK tcsh:$__venvsh_pwd:q ; $__venvsh_bin:q !* ; set __venvsh_rs = $status ; unsetenv VENVSH_HOOK ; set __venvsh_pwd = '' ; set status = $__venvsh_rs
alias __venvsh_gone if ( "$__venvsh_gone" == '' ) echo "venvsh: $__venvsh_bin is gone; automatic venv switching is off until it is back" >& /dev/stderr ; set __venvsh_gone = 1
# A stock activate script's saved PATH goes along, in the environment of that one call
# (see Op::FixStockSaved).
alias __venvsh_run_export set __venvsh_gone = '' ; if ( $?_OLD_VIRTUAL_PATH ) eval 'setenv _OLD_VIRTUAL_PATH $_OLD_VIRTUAL_PATH:q' ; eval "`__venvsh_x export tcsh $__venvsh_ui`" ; unsetenv _OLD_VIRTUAL_PATH
alias __venvsh_export if ( ! -x $__venvsh_bin:q ) eval __venvsh_gone ; if ( -x $__venvsh_bin:q ) eval __venvsh_run_export ; __venvsh_record
# Before each prompt: compare what the last export saw with what is here now (and let
# `__venvsh_same`, written by each export, look at the watched files); $status is put
# back as it was.
alias __venvsh_hook set __venvsh_s = $status ; set __venvsh_chg = 0 ; __venvsh_same ; if ( $cwd:q != $__venvsh_pwd:q ) set __venvsh_chg = 1 ; if ( $?VIRTUAL_ENV ) eval 'if ( $VIRTUAL_ENV:q != $__venvsh_ve:q ) set __venvsh_chg = 1' ; if ( ! $?VIRTUAL_ENV && $__venvsh_ve:q != '' ) set __venvsh_chg = 1 ; if ( $?VENVSH_STATE ) eval 'if ( $VENVSH_STATE:q != $__venvsh_st:q ) set __venvsh_chg = 1' ; if ( ! $?VENVSH_STATE && $__venvsh_st:q != '' ) set __venvsh_chg = 1 ; if ( $?_OLD_VIRTUAL_PATH != $__venvsh_op ) set __venvsh_chg = 1 ; if ( $__venvsh_chg ) eval __venvsh_export ; set status = $__venvsh_s
alias __venvsh_same :
set __venvsh_pwd = '' ; set __venvsh_ui = '' ; set __venvsh_ve = '' ; set __venvsh_st = '' ; set __venvsh_op = 0 ; set __venvsh_gone = ''
# The user's own precmd alias keeps running, after this one; loading the hook again
# installs nothing twice.
set __venvsh_old = "`alias precmd`"
if ( "$__venvsh_old" !~ *__venvsh_hook* && "$__venvsh_old" != '' ) alias __venvsh_user_precmd $__venvsh_old:q
if ( "$__venvsh_old" !~ *__venvsh_hook* && "$__venvsh_old" != '' ) alias precmd '__venvsh_hook ; __venvsh_user_precmd'
if ( "$__venvsh_old" == '' ) alias precmd __venvsh_hook
unset __venvsh_old
# BSD csh (Debian's `csh` package; OpenBSD's and NetBSD's /bin/csh) is not tcsh: it has
# no precmd, and the code venvsh prints is tcsh's. There the hook says so once, and
# `venvsh activate`/`deactivate` say what works instead; other commands run as usual.
# (Inside its `eval`, `echo … >& FILE` still writes to stdout; a subshell's redirection,
# itself eval'd, holds.)
alias __venvsh_bsd set __venvsh_a = ( !* '' ) ; if ( "$__venvsh_a[1]" == activate || "$__venvsh_a[1]" == deactivate ) eval "( echo 'venvsh: $__venvsh_a[1] needs tcsh (this csh is not); here, source bin/activate.csh in the venv, and run deactivate to leave it' ) >& /dev/stderr" ; if ( "$__venvsh_a[1]" != activate && "$__venvsh_a[1]" != deactivate ) $__venvsh_bin:q !*
if ( ! $?tcsh ) eval "( echo 'venvsh: this csh is not tcsh and has no prompt hook, so automatic venv switching is off; use tcsh (for example chsh -s /bin/tcsh)' ) >& /dev/stderr"
if ( ! $?tcsh ) alias venvsh __venvsh_bsd
