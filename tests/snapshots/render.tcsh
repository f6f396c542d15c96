===== hook =====
set __venvsh_bin = '/usr/local/bin/venvsh' ;
alias __venvsh_x \''/usr/local/bin/venvsh'\' ;
if ( ! $?__venvsh_pp ) set __venvsh_pp = '' ;
if ( ! $?__venvsh_rest ) set __venvsh_rest = '' ;
alias __venvsh_prompt_on 'if ( $?VIRTUAL_ENV_DISABLE_PROMPT ) set __venvsh_pp = '\'\'' ; if ( $?prompt ) eval __venvsh_prompt_mark' ;
alias __venvsh_prompt_mark 'if ( $prompt:q '\!'~ *__venvsh_pp* ) set __venvsh_rest = $prompt:q ; if ( $prompt:q '\!'~ *__venvsh_pp* ) set prompt = '\''%${__venvsh_pp}'\''$prompt:q' ;
alias __venvsh_prompt_off 'set __venvsh_pp = '\'\'' ; if ( $?prompt ) eval __venvsh_prompt_unmark' ;
alias __venvsh_prompt_unmark 'if ( $prompt:q == '\''%${__venvsh_pp}'\''$__venvsh_rest:q || $prompt:q == '\''%$__venvsh_pp'\''$__venvsh_rest:q ) set prompt = $__venvsh_rest:q' ;
alias __venvsh_eval 'set __venvsh_o = "`__venvsh_x '\!'* --shell tcsh`" ; if ( "$__venvsh_o" =~ '\'': venvsh eval ;'\''* ) eval "$__venvsh_o" ; if ( "$__venvsh_o" '\!'~ '\'': venvsh eval ;'\''* && "$__venvsh_o" '\!'= '\'\'' ) $__venvsh_bin:q '\!'* ; eval __venvsh_record' ;
alias __venvsh_record 'set __venvsh_pwd = $cwd:q ; set __venvsh_ve = '\'\'' ; if ( $?VIRTUAL_ENV ) eval '\''set __venvsh_ve = $VIRTUAL_ENV:q'\'' ; set __venvsh_st = '\'\'' ; if ( $?VENVSH_STATE ) eval '\''set __venvsh_st = $VENVSH_STATE:q'\'' ; set __venvsh_op = $?_OLD_VIRTUAL_PATH' ;
alias venvsh 'set __venvsh_a = ( '\!'* '\'\'' ) ; if ( "$__venvsh_a[1]" == activate || "$__venvsh_a[1]" == deactivate || "$__venvsh_a[1]" == remove ) eval __venvsh_eval '\!'* ; if ( "$__venvsh_a[1]" '\!'= activate && "$__venvsh_a[1]" '\!'= deactivate && "$__venvsh_a[1]" '\!'= remove ) eval __venvsh_call '\!'*' ;
alias __venvsh_call 'setenv VENVSH_HOOK tcsh:$__venvsh_pwd:q ; $__venvsh_bin:q '\!'* ; set __venvsh_rs = $status ; unsetenv VENVSH_HOOK ; set __venvsh_pwd = '\'\'' ; set status = $__venvsh_rs' ;
alias __venvsh_gone 'if ( "$__venvsh_gone" == '\'\'' ) echo "venvsh: $__venvsh_bin is gone; automatic venv switching is off until it is back" >& /dev/stderr ; set __venvsh_gone = 1' ;
alias __venvsh_run_export 'set __venvsh_gone = '\'\'' ; if ( $?_OLD_VIRTUAL_PATH ) eval '\''setenv _OLD_VIRTUAL_PATH $_OLD_VIRTUAL_PATH:q'\'' ; eval "`__venvsh_x export tcsh $__venvsh_ui`" ; unsetenv _OLD_VIRTUAL_PATH' ;
alias __venvsh_export 'if ( '\!' -x $__venvsh_bin:q ) eval __venvsh_gone ; if ( -x $__venvsh_bin:q ) eval __venvsh_run_export ; __venvsh_record' ;
alias __venvsh_hook 'set __venvsh_s = $status ; set __venvsh_chg = 0 ; __venvsh_same ; if ( $cwd:q '\!'= $__venvsh_pwd:q ) set __venvsh_chg = 1 ; if ( $?VIRTUAL_ENV ) eval '\''if ( $VIRTUAL_ENV:q '\!'= $__venvsh_ve:q ) set __venvsh_chg = 1'\'' ; if ( '\!' $?VIRTUAL_ENV && $__venvsh_ve:q '\!'= '\'\'' ) set __venvsh_chg = 1 ; if ( $?VENVSH_STATE ) eval '\''if ( $VENVSH_STATE:q '\!'= $__venvsh_st:q ) set __venvsh_chg = 1'\'' ; if ( '\!' $?VENVSH_STATE && $__venvsh_st:q '\!'= '\'\'' ) set __venvsh_chg = 1 ; if ( $?_OLD_VIRTUAL_PATH '\!'= $__venvsh_op ) set __venvsh_chg = 1 ; if ( $__venvsh_chg ) eval __venvsh_export ; set status = $__venvsh_s' ;
alias __venvsh_same ':' ;
set __venvsh_pwd = '' ; set __venvsh_ui = '' ; set __venvsh_ve = '' ; set __venvsh_st = '' ; set __venvsh_op = 0 ; set __venvsh_gone = '' ;
set __venvsh_old = "`alias precmd`" ;
if ( "$__venvsh_old" !~ *__venvsh_hook* && "$__venvsh_old" != '' ) alias __venvsh_user_precmd $__venvsh_old:q ;
if ( "$__venvsh_old" !~ *__venvsh_hook* && "$__venvsh_old" != '' ) alias precmd '__venvsh_hook ; __venvsh_user_precmd' ;
if ( "$__venvsh_old" == '' ) alias precmd __venvsh_hook ;
unset __venvsh_old ;
alias __venvsh_bsd 'set __venvsh_a = ( '\!'* '\'\'' ) ; if ( "$__venvsh_a[1]" == activate || "$__venvsh_a[1]" == deactivate ) eval "( echo '\''venvsh: $__venvsh_a[1] needs tcsh (this csh is not); here, source bin/activate.csh in the venv, and run deactivate to leave it'\'' ) >& /dev/stderr" ; if ( "$__venvsh_a[1]" '\!'= activate && "$__venvsh_a[1]" '\!'= deactivate ) $__venvsh_bin:q '\!'*' ;
if ( ! $?tcsh ) eval "( echo 'venvsh: this csh is not tcsh and has no prompt hook, so automatic venv switching is off; use tcsh (for example chsh -s /bin/tcsh)' ) >& /dev/stderr" ;
if ( ! $?tcsh ) alias venvsh __venvsh_bsd
===== enter =====
: venvsh eval ;
setenv VIRTUAL_ENV '/tmp/venvsh-fixed-render/proj/.venv' ;
setenv VIRTUAL_ENV_PROMPT 'proj' ;
setenv PATH '/tmp/venvsh-fixed-render/proj/.venv/bin:/usr/bin:/bin' ;
setenv VENVSH_STATE 'v1v:35:/tmp/venvsh-fixed-render/proj/.venvb:39:/tmp/venvsh-fixed-render/proj/.venv/binn:4:projm:4:autow:3:UID' ;
set __venvsh_pp = '(proj) ' ;
eval __venvsh_prompt_on ;
alias deactivate '__venvsh_eval deactivate '\!'*' ;
set __venvsh_ui = '9a0a206b29f95c9a' ;
alias __venvsh_same 'if ( '\!' -f '\''/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg'\'' ) set __venvsh_chg = 1' ;
:
===== leave =====
: venvsh eval ;
setenv PATH '/usr/bin:/bin' ;
unsetenv VIRTUAL_ENV ;
unsetenv VIRTUAL_ENV_PROMPT ;
unsetenv PYTHONHOME ;
unsetenv VENVSH_STATE ;
eval __venvsh_prompt_off ;
unalias deactivate ;
set __venvsh_ui = '' ;
alias __venvsh_same 'if ( -e '\''/tmp/venvsh-fixed-render/plain/.venv'\'' || -e '\''/tmp/venvsh-fixed-render/plain/venv/pyvenv.cfg'\'' || -e '\''/tmp/venvsh-fixed-render/plain/env/pyvenv.cfg'\'' || -e '\''/tmp/venvsh-fixed-render/plain/.python-version'\'' ) set __venvsh_chg = 1' ;
:
===== activate =====
: venvsh eval ;
set __venvsh_bin = '/usr/local/bin/venvsh' ;
alias __venvsh_x \''/usr/local/bin/venvsh'\' ;
if ( ! $?__venvsh_pp ) set __venvsh_pp = '' ;
if ( ! $?__venvsh_rest ) set __venvsh_rest = '' ;
alias __venvsh_prompt_on 'if ( $?VIRTUAL_ENV_DISABLE_PROMPT ) set __venvsh_pp = '\'\'' ; if ( $?prompt ) eval __venvsh_prompt_mark' ;
alias __venvsh_prompt_mark 'if ( $prompt:q '\!'~ *__venvsh_pp* ) set __venvsh_rest = $prompt:q ; if ( $prompt:q '\!'~ *__venvsh_pp* ) set prompt = '\''%${__venvsh_pp}'\''$prompt:q' ;
alias __venvsh_prompt_off 'set __venvsh_pp = '\'\'' ; if ( $?prompt ) eval __venvsh_prompt_unmark' ;
alias __venvsh_prompt_unmark 'if ( $prompt:q == '\''%${__venvsh_pp}'\''$__venvsh_rest:q || $prompt:q == '\''%$__venvsh_pp'\''$__venvsh_rest:q ) set prompt = $__venvsh_rest:q' ;
alias __venvsh_eval 'set __venvsh_o = "`__venvsh_x '\!'* --shell tcsh`" ; if ( "$__venvsh_o" =~ '\'': venvsh eval ;'\''* ) eval "$__venvsh_o" ; if ( "$__venvsh_o" '\!'~ '\'': venvsh eval ;'\''* && "$__venvsh_o" '\!'= '\'\'' ) $__venvsh_bin:q '\!'* ; eval __venvsh_record' ;
alias __venvsh_record 'set __venvsh_pwd = $cwd:q ; set __venvsh_ve = '\'\'' ; if ( $?VIRTUAL_ENV ) eval '\''set __venvsh_ve = $VIRTUAL_ENV:q'\'' ; set __venvsh_st = '\'\'' ; if ( $?VENVSH_STATE ) eval '\''set __venvsh_st = $VENVSH_STATE:q'\'' ; set __venvsh_op = $?_OLD_VIRTUAL_PATH' ;
setenv VIRTUAL_ENV '/tmp/venvsh-fixed-render/proj/.venv' ;
setenv VIRTUAL_ENV_PROMPT 'proj' ;
setenv PATH '/tmp/venvsh-fixed-render/proj/.venv/bin:/usr/bin:/bin' ;
setenv VENVSH_STATE 'v1v:35:/tmp/venvsh-fixed-render/proj/.venvb:39:/tmp/venvsh-fixed-render/proj/.venv/binn:4:projm:3:pinw:3:UID' ;
set __venvsh_pp = '(proj) ' ;
eval __venvsh_prompt_on ;
alias deactivate '__venvsh_eval deactivate '\!'*' ;
set __venvsh_ui = '9a0a206b29f95c9a' ;
alias __venvsh_same 'if ( '\!' -f '\''/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg'\'' ) set __venvsh_chg = 1' ;
:
===== deactivate =====
: venvsh eval ;
set __venvsh_bin = '/usr/local/bin/venvsh' ;
alias __venvsh_x \''/usr/local/bin/venvsh'\' ;
if ( ! $?__venvsh_pp ) set __venvsh_pp = '' ;
if ( ! $?__venvsh_rest ) set __venvsh_rest = '' ;
alias __venvsh_prompt_on 'if ( $?VIRTUAL_ENV_DISABLE_PROMPT ) set __venvsh_pp = '\'\'' ; if ( $?prompt ) eval __venvsh_prompt_mark' ;
alias __venvsh_prompt_mark 'if ( $prompt:q '\!'~ *__venvsh_pp* ) set __venvsh_rest = $prompt:q ; if ( $prompt:q '\!'~ *__venvsh_pp* ) set prompt = '\''%${__venvsh_pp}'\''$prompt:q' ;
alias __venvsh_prompt_off 'set __venvsh_pp = '\'\'' ; if ( $?prompt ) eval __venvsh_prompt_unmark' ;
alias __venvsh_prompt_unmark 'if ( $prompt:q == '\''%${__venvsh_pp}'\''$__venvsh_rest:q || $prompt:q == '\''%$__venvsh_pp'\''$__venvsh_rest:q ) set prompt = $__venvsh_rest:q' ;
alias __venvsh_eval 'set __venvsh_o = "`__venvsh_x '\!'* --shell tcsh`" ; if ( "$__venvsh_o" =~ '\'': venvsh eval ;'\''* ) eval "$__venvsh_o" ; if ( "$__venvsh_o" '\!'~ '\'': venvsh eval ;'\''* && "$__venvsh_o" '\!'= '\'\'' ) $__venvsh_bin:q '\!'* ; eval __venvsh_record' ;
alias __venvsh_record 'set __venvsh_pwd = $cwd:q ; set __venvsh_ve = '\'\'' ; if ( $?VIRTUAL_ENV ) eval '\''set __venvsh_ve = $VIRTUAL_ENV:q'\'' ; set __venvsh_st = '\'\'' ; if ( $?VENVSH_STATE ) eval '\''set __venvsh_st = $VENVSH_STATE:q'\'' ; set __venvsh_op = $?_OLD_VIRTUAL_PATH' ;
setenv PATH '/usr/bin:/bin' ;
unsetenv VIRTUAL_ENV ;
unsetenv VIRTUAL_ENV_PROMPT ;
unsetenv PYTHONHOME ;
setenv VENVSH_STATE 'v1o:29:/tmp/venvsh-fixed-render/proj' ;
eval __venvsh_prompt_off ;
unalias deactivate ;
set __venvsh_ui = '' ;
alias __venvsh_same 'if ( '\!' -f '\''/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg'\'' ) set __venvsh_chg = 1' ;
:
===== enter a conda prefix =====
: venvsh eval ;
setenv CONDA_PREFIX '/tmp/venvsh-fixed-render/px/.pixi/envs/default' ;
setenv CONDA_DEFAULT_ENV 'px' ;
setenv PIXI_PROJECT_ROOT '/tmp/venvsh-fixed-render/px' ;
setenv PIXI_PROJECT_NAME 'px' ;
setenv PIXI_PROJECT_MANIFEST '/tmp/venvsh-fixed-render/px/pixi.toml' ;
setenv PIXI_ENVIRONMENT_NAME 'default' ;
setenv PIXI_PROMPT '(px) ' ;
setenv MY_VAR 'v' ;
setenv PATH '/tmp/venvsh-fixed-render/px/.pixi/envs/default/bin:/usr/bin:/bin' ;
setenv VENVSH_STATE 'v1v:46:/tmp/venvsh-fixed-render/px/.pixi/envs/defaultb:50:/tmp/venvsh-fixed-render/px/.pixi/envs/default/binn:2:pxm:4:autow:3:UIDk:5:condac:12:CONDA_PREFIXc:17:CONDA_DEFAULT_ENVc:17:PIXI_PROJECT_ROOTc:17:PIXI_PROJECT_NAMEc:21:PIXI_PROJECT_MANIFESTc:21:PIXI_ENVIRONMENT_NAMEc:11:PIXI_PROMPTc:6:MY_VARd:4:x.shd:5:x.ps1d:6:x.fishd:5:x.cshd:5:x.bat' ;
set __venvsh_pp = '(px) ' ;
eval __venvsh_prompt_on ;
alias deactivate '__venvsh_eval deactivate '\!'*' ;
set __venvsh_ui = '6b16d475eec3f9bf' ;
alias __venvsh_same 'if ( -e '\''/tmp/venvsh-fixed-render/px/.venv'\'' || -e '\''/tmp/venvsh-fixed-render/px/venv/pyvenv.cfg'\'' || -e '\''/tmp/venvsh-fixed-render/px/env/pyvenv.cfg'\'' || -e '\''/tmp/venvsh-fixed-render/px/.python-version'\'' || '\!' -f '\''/tmp/venvsh-fixed-render/px/.pixi/envs/default/conda-meta/history'\'' ) set __venvsh_chg = 1' ;
if ( -f '/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/activate.d/x.csh' ) source '/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/activate.d/x.csh' ;
:
===== leave it =====
: venvsh eval ;
setenv PATH '/usr/bin:/bin' ;
unsetenv VENVSH_STATE ;
if ( -f '/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/deactivate.d/x.csh' ) source '/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/deactivate.d/x.csh' ;
unsetenv CONDA_PREFIX ;
unsetenv CONDA_DEFAULT_ENV ;
unsetenv PIXI_PROJECT_ROOT ;
unsetenv PIXI_PROJECT_NAME ;
unsetenv PIXI_PROJECT_MANIFEST ;
unsetenv PIXI_ENVIRONMENT_NAME ;
unsetenv PIXI_PROMPT ;
unsetenv MY_VAR ;
unsetenv PYTHONHOME ;
eval __venvsh_prompt_off ;
unalias deactivate ;
set __venvsh_ui = '' ;
alias __venvsh_same 'if ( -e '\''/tmp/venvsh-fixed-render/plain/.venv'\'' || -e '\''/tmp/venvsh-fixed-render/plain/venv/pyvenv.cfg'\'' || -e '\''/tmp/venvsh-fixed-render/plain/env/pyvenv.cfg'\'' || -e '\''/tmp/venvsh-fixed-render/plain/.python-version'\'' ) set __venvsh_chg = 1' ;
:
