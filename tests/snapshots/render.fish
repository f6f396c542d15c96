===== hook =====
# venvsh for fish. Load it from ~/.config/fish/config.fish with:
#   venvsh hook fish | source
# Nothing here starts a process at a prompt where nothing changed, or changes the
# `$status` the user's next command or prompt sees.

set -g __venvsh_bin '/usr/local/bin/venvsh'

# fish draws its prompt with the function `fish_prompt`: while a venv is active, a
# wrapper prints "(NAME) " and then calls the user's own prompt, copied aside, with the
# same $status. NAME is printed as data: nothing in it expands.
function __venvsh_prompt_on
    __venvsh_prompt_off
    if test -n "$VIRTUAL_ENV_DISABLE_PROMPT"
        return 0
    end
    set -g __venvsh_prompt_name $argv[1]
    functions -e __venvsh_orig_fish_prompt
    set -g __venvsh_prompt_file ''
    if functions -q fish_prompt
        set -g __venvsh_prompt_file (functions --details fish_prompt)
        functions -c fish_prompt __venvsh_orig_fish_prompt
    end
    function fish_prompt --description 'venvsh: the venv name in front of your prompt'
        set -l __venvsh_s $status
        printf '(%s) ' $__venvsh_prompt_name
        if functions -q __venvsh_orig_fish_prompt
            __venvsh_status $__venvsh_s
            __venvsh_orig_fish_prompt
        end
    end
    set -g __venvsh_wrapped 1
end

# A stock activate.fish sourced over venvsh's venv copied venvsh's wrapper as the
# prompt it restores on `deactivate`; it gets the user's own prompt instead.
function __venvsh_fix_stock_prompt
    if functions -q _old_fish_prompt; and string match -q '*__venvsh_prompt_name*' -- (functions _old_fish_prompt | string collect)
        functions -e _old_fish_prompt
        if functions -q __venvsh_orig_fish_prompt
            functions -c __venvsh_orig_fish_prompt _old_fish_prompt
        end
    end
end

function __venvsh_status
    return $argv[1]
end

# Puts the user's fish_prompt back as it was, unless it was replaced meanwhile (then
# the new one stays). One that came from its own file (functions/fish_prompt.fish, the
# usual place) is loaded from that file again, so it is the same function with the same
# origin (fish never autoloads an erased function again, so it is now "sourced": an
# edit to that file shows in the next shell); one defined elsewhere (config.fish) is
# copied back (the same definition, which fish then says was "Defined interactively").
function __venvsh_prompt_off
    if set -q __venvsh_wrapped
        if functions -q __venvsh_orig_fish_prompt
            if string match -q '*venvsh: the venv name*' -- (functions fish_prompt | string collect)
                functions -e fish_prompt
                if string match -q '*/fish_prompt.fish' -- "$__venvsh_prompt_file"; and test -f "$__venvsh_prompt_file"
                    source $__venvsh_prompt_file
                else
                    functions -c __venvsh_orig_fish_prompt fish_prompt
                end
            end
            functions -e __venvsh_orig_fish_prompt
        end
        set -e __venvsh_wrapped
    end
    set -g __venvsh_prompt_name ''
end

# Runs a venvsh command whose output is code for this shell, and sources it only when it
# is (so `venvsh activate --help` prints help instead of running it).
function __venvsh_eval
    set -l __venvsh_out ($__venvsh_bin $argv[1] --shell fish $argv[2..-1] | string collect)
    set -l __venvsh_rc $pipestatus[1]
    if string match -q -- '# venvsh eval*' "$__venvsh_out"
        printf '%s\n' "$__venvsh_out" | source
    else if test -n "$__venvsh_out"
        printf '%s\n' "$__venvsh_out"
    end
    if functions -q __venvsh_record
        __venvsh_record
    end
    return $__venvsh_rc
end

function __venvsh_define_deactivate
    function deactivate --description 'venvsh: deactivate the venv'
        __venvsh_eval deactivate $argv
    end
end

# ---- hook ----
# Below: the `venvsh` function and the prompt hook, for interactive shells only (fish
# reads config.fish for scripts too, and a script's `cd` should start nothing).

if status is-interactive

    function venvsh --description 'venvsh: the right venv for the folder you are in'
        switch "$argv[1]"
            case activate deactivate remove
                __venvsh_eval $argv
            case '*'
                # VENVSH_HOOK tells `venvsh doctor` the hook is here and where it last looked.
                VENVSH_HOOK="fish:$__venvsh_pwd" $__venvsh_bin $argv
                set -l __venvsh_rc $status
                # allow, create, remove...: look again at the next prompt.
                set -g __venvsh_pwd ''
                return $__venvsh_rc
        end
    end

    function __venvsh_record
        set -g __venvsh_pwd $PWD
        set -g __venvsh_st "$VENVSH_STATE"
        set -g __venvsh_ve "$VIRTUAL_ENV"
        set -q _OLD_VIRTUAL_PATH
        set -g __venvsh_op $status
    end

    function __venvsh_export
        if not test -x $__venvsh_bin
            if test -z "$__venvsh_gone"
                printf 'venvsh: %s is gone; automatic venv switching is off until it is back\n' $__venvsh_bin >&2
                set -g __venvsh_gone 1
            end
            __venvsh_record
            return 0
        end
        set -g __venvsh_gone ''
        set -l __venvsh_out ($__venvsh_bin export fish "$__venvsh_ui" | string collect)
        if string match -q -- '# venvsh eval*' "$__venvsh_out"
            printf '%s\n' "$__venvsh_out" | source
        end
        __venvsh_record
    end

    # On a cd (PWD changes) and before every prompt; the second sees nothing changed, so
    # a cd runs venvsh once. `__venvsh_same` is written by each export: true while the
    # watched paths look as they did.
    function __venvsh_hook --on-event fish_prompt
        set -q _OLD_VIRTUAL_PATH
        if test $status != "$__venvsh_op" -o "$PWD" != "$__venvsh_pwd" -o "$VENVSH_STATE" != "$__venvsh_st" -o "$VIRTUAL_ENV" != "$__venvsh_ve"; or not __venvsh_same
            __venvsh_export
        end
    end

    function __venvsh_on_cd --on-variable PWD
        __venvsh_hook
    end

    # Loading the hook again looks again at the next prompt and sets the prompt up
    # again, but defines every function once.
    set -g __venvsh_pwd ''
    set -g __venvsh_ui ''
    set -g __venvsh_st ''
    set -g __venvsh_ve ''
    set -g __venvsh_op ''
    set -g __venvsh_gone ''
    if not functions -q __venvsh_same
        function __venvsh_same
            true
        end
    end
end
===== enter =====
# venvsh eval
set -gx VIRTUAL_ENV '/tmp/venvsh-fixed-render/proj/.venv'
set -gx VIRTUAL_ENV_PROMPT 'proj'
set -gx PATH '/tmp/venvsh-fixed-render/proj/.venv/bin' '/usr/bin' '/bin'
set -gx VENVSH_STATE 'v1v:35:/tmp/venvsh-fixed-render/proj/.venvb:39:/tmp/venvsh-fixed-render/proj/.venv/binn:4:projm:4:autow:3:UID'
__venvsh_prompt_on 'proj'
__venvsh_define_deactivate
set -g __venvsh_ui '9a0a206b29f95c9a'
function __venvsh_same; test -f '/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg'; end
===== leave =====
# venvsh eval
set -gx PATH '/usr/bin' '/bin'
set -e VIRTUAL_ENV
set -e VIRTUAL_ENV_PROMPT
set -e PYTHONHOME
set -e VENVSH_STATE
__venvsh_prompt_off
functions -e deactivate
set -g __venvsh_ui ''
function __venvsh_same; test ! -e '/tmp/venvsh-fixed-render/plain/.venv' -a ! -e '/tmp/venvsh-fixed-render/plain/venv/pyvenv.cfg' -a ! -e '/tmp/venvsh-fixed-render/plain/env/pyvenv.cfg' -a ! -e '/tmp/venvsh-fixed-render/plain/.python-version'; end
===== activate =====
# venvsh eval
# venvsh for fish. Load it from ~/.config/fish/config.fish with:
#   venvsh hook fish | source
# Nothing here starts a process at a prompt where nothing changed, or changes the
# `$status` the user's next command or prompt sees.

set -g __venvsh_bin '/usr/local/bin/venvsh'

# fish draws its prompt with the function `fish_prompt`: while a venv is active, a
# wrapper prints "(NAME) " and then calls the user's own prompt, copied aside, with the
# same $status. NAME is printed as data: nothing in it expands.
function __venvsh_prompt_on
    __venvsh_prompt_off
    if test -n "$VIRTUAL_ENV_DISABLE_PROMPT"
        return 0
    end
    set -g __venvsh_prompt_name $argv[1]
    functions -e __venvsh_orig_fish_prompt
    set -g __venvsh_prompt_file ''
    if functions -q fish_prompt
        set -g __venvsh_prompt_file (functions --details fish_prompt)
        functions -c fish_prompt __venvsh_orig_fish_prompt
    end
    function fish_prompt --description 'venvsh: the venv name in front of your prompt'
        set -l __venvsh_s $status
        printf '(%s) ' $__venvsh_prompt_name
        if functions -q __venvsh_orig_fish_prompt
            __venvsh_status $__venvsh_s
            __venvsh_orig_fish_prompt
        end
    end
    set -g __venvsh_wrapped 1
end

# A stock activate.fish sourced over venvsh's venv copied venvsh's wrapper as the
# prompt it restores on `deactivate`; it gets the user's own prompt instead.
function __venvsh_fix_stock_prompt
    if functions -q _old_fish_prompt; and string match -q '*__venvsh_prompt_name*' -- (functions _old_fish_prompt | string collect)
        functions -e _old_fish_prompt
        if functions -q __venvsh_orig_fish_prompt
            functions -c __venvsh_orig_fish_prompt _old_fish_prompt
        end
    end
end

function __venvsh_status
    return $argv[1]
end

# Puts the user's fish_prompt back as it was, unless it was replaced meanwhile (then
# the new one stays). One that came from its own file (functions/fish_prompt.fish, the
# usual place) is loaded from that file again, so it is the same function with the same
# origin (fish never autoloads an erased function again, so it is now "sourced": an
# edit to that file shows in the next shell); one defined elsewhere (config.fish) is
# copied back (the same definition, which fish then says was "Defined interactively").
function __venvsh_prompt_off
    if set -q __venvsh_wrapped
        if functions -q __venvsh_orig_fish_prompt
            if string match -q '*venvsh: the venv name*' -- (functions fish_prompt | string collect)
                functions -e fish_prompt
                if string match -q '*/fish_prompt.fish' -- "$__venvsh_prompt_file"; and test -f "$__venvsh_prompt_file"
                    source $__venvsh_prompt_file
                else
                    functions -c __venvsh_orig_fish_prompt fish_prompt
                end
            end
            functions -e __venvsh_orig_fish_prompt
        end
        set -e __venvsh_wrapped
    end
    set -g __venvsh_prompt_name ''
end

# Runs a venvsh command whose output is code for this shell, and sources it only when it
# is (so `venvsh activate --help` prints help instead of running it).
function __venvsh_eval
    set -l __venvsh_out ($__venvsh_bin $argv[1] --shell fish $argv[2..-1] | string collect)
    set -l __venvsh_rc $pipestatus[1]
    if string match -q -- '# venvsh eval*' "$__venvsh_out"
        printf '%s\n' "$__venvsh_out" | source
    else if test -n "$__venvsh_out"
        printf '%s\n' "$__venvsh_out"
    end
    if functions -q __venvsh_record
        __venvsh_record
    end
    return $__venvsh_rc
end

function __venvsh_define_deactivate
    function deactivate --description 'venvsh: deactivate the venv'
        __venvsh_eval deactivate $argv
    end
end

set -gx VIRTUAL_ENV '/tmp/venvsh-fixed-render/proj/.venv'
set -gx VIRTUAL_ENV_PROMPT 'proj'
set -gx PATH '/tmp/venvsh-fixed-render/proj/.venv/bin' '/usr/bin' '/bin'
set -gx VENVSH_STATE 'v1v:35:/tmp/venvsh-fixed-render/proj/.venvb:39:/tmp/venvsh-fixed-render/proj/.venv/binn:4:projm:3:pinw:3:UID'
__venvsh_prompt_on 'proj'
__venvsh_define_deactivate
set -g __venvsh_ui '9a0a206b29f95c9a'
function __venvsh_same; test -f '/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg'; end
===== deactivate =====
# venvsh eval
# venvsh for fish. Load it from ~/.config/fish/config.fish with:
#   venvsh hook fish | source
# Nothing here starts a process at a prompt where nothing changed, or changes the
# `$status` the user's next command or prompt sees.

set -g __venvsh_bin '/usr/local/bin/venvsh'

# fish draws its prompt with the function `fish_prompt`: while a venv is active, a
# wrapper prints "(NAME) " and then calls the user's own prompt, copied aside, with the
# same $status. NAME is printed as data: nothing in it expands.
function __venvsh_prompt_on
    __venvsh_prompt_off
    if test -n "$VIRTUAL_ENV_DISABLE_PROMPT"
        return 0
    end
    set -g __venvsh_prompt_name $argv[1]
    functions -e __venvsh_orig_fish_prompt
    set -g __venvsh_prompt_file ''
    if functions -q fish_prompt
        set -g __venvsh_prompt_file (functions --details fish_prompt)
        functions -c fish_prompt __venvsh_orig_fish_prompt
    end
    function fish_prompt --description 'venvsh: the venv name in front of your prompt'
        set -l __venvsh_s $status
        printf '(%s) ' $__venvsh_prompt_name
        if functions -q __venvsh_orig_fish_prompt
            __venvsh_status $__venvsh_s
            __venvsh_orig_fish_prompt
        end
    end
    set -g __venvsh_wrapped 1
end

# A stock activate.fish sourced over venvsh's venv copied venvsh's wrapper as the
# prompt it restores on `deactivate`; it gets the user's own prompt instead.
function __venvsh_fix_stock_prompt
    if functions -q _old_fish_prompt; and string match -q '*__venvsh_prompt_name*' -- (functions _old_fish_prompt | string collect)
        functions -e _old_fish_prompt
        if functions -q __venvsh_orig_fish_prompt
            functions -c __venvsh_orig_fish_prompt _old_fish_prompt
        end
    end
end

function __venvsh_status
    return $argv[1]
end

# Puts the user's fish_prompt back as it was, unless it was replaced meanwhile (then
# the new one stays). One that came from its own file (functions/fish_prompt.fish, the
# usual place) is loaded from that file again, so it is the same function with the same
# origin (fish never autoloads an erased function again, so it is now "sourced": an
# edit to that file shows in the next shell); one defined elsewhere (config.fish) is
# copied back (the same definition, which fish then says was "Defined interactively").
function __venvsh_prompt_off
    if set -q __venvsh_wrapped
        if functions -q __venvsh_orig_fish_prompt
            if string match -q '*venvsh: the venv name*' -- (functions fish_prompt | string collect)
                functions -e fish_prompt
                if string match -q '*/fish_prompt.fish' -- "$__venvsh_prompt_file"; and test -f "$__venvsh_prompt_file"
                    source $__venvsh_prompt_file
                else
                    functions -c __venvsh_orig_fish_prompt fish_prompt
                end
            end
            functions -e __venvsh_orig_fish_prompt
        end
        set -e __venvsh_wrapped
    end
    set -g __venvsh_prompt_name ''
end

# Runs a venvsh command whose output is code for this shell, and sources it only when it
# is (so `venvsh activate --help` prints help instead of running it).
function __venvsh_eval
    set -l __venvsh_out ($__venvsh_bin $argv[1] --shell fish $argv[2..-1] | string collect)
    set -l __venvsh_rc $pipestatus[1]
    if string match -q -- '# venvsh eval*' "$__venvsh_out"
        printf '%s\n' "$__venvsh_out" | source
    else if test -n "$__venvsh_out"
        printf '%s\n' "$__venvsh_out"
    end
    if functions -q __venvsh_record
        __venvsh_record
    end
    return $__venvsh_rc
end

function __venvsh_define_deactivate
    function deactivate --description 'venvsh: deactivate the venv'
        __venvsh_eval deactivate $argv
    end
end

set -gx PATH '/usr/bin' '/bin'
set -e VIRTUAL_ENV
set -e VIRTUAL_ENV_PROMPT
set -e PYTHONHOME
set -gx VENVSH_STATE 'v1o:29:/tmp/venvsh-fixed-render/proj'
__venvsh_prompt_off
functions -e deactivate
set -g __venvsh_ui ''
function __venvsh_same; test -f '/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg'; end
===== enter a conda prefix =====
# venvsh eval
set -gx CONDA_PREFIX '/tmp/venvsh-fixed-render/px/.pixi/envs/default'
set -gx CONDA_DEFAULT_ENV 'px'
set -gx PIXI_PROJECT_ROOT '/tmp/venvsh-fixed-render/px'
set -gx PIXI_PROJECT_NAME 'px'
set -gx PIXI_PROJECT_MANIFEST '/tmp/venvsh-fixed-render/px/pixi.toml'
set -gx PIXI_ENVIRONMENT_NAME 'default'
set -gx PIXI_PROMPT '(px) '
set -gx MY_VAR 'v'
set -gx PATH '/tmp/venvsh-fixed-render/px/.pixi/envs/default/bin' '/usr/bin' '/bin'
set -gx VENVSH_STATE 'v1v:46:/tmp/venvsh-fixed-render/px/.pixi/envs/defaultb:50:/tmp/venvsh-fixed-render/px/.pixi/envs/default/binn:2:pxm:4:autow:3:UIDk:5:condac:12:CONDA_PREFIXc:17:CONDA_DEFAULT_ENVc:17:PIXI_PROJECT_ROOTc:17:PIXI_PROJECT_NAMEc:21:PIXI_PROJECT_MANIFESTc:21:PIXI_ENVIRONMENT_NAMEc:11:PIXI_PROMPTc:6:MY_VARd:4:x.shd:5:x.ps1d:6:x.fishd:5:x.cshd:5:x.bat'
__venvsh_prompt_on 'px'
__venvsh_define_deactivate
set -g __venvsh_ui '6b16d475eec3f9bf'
function __venvsh_same; test ! -e '/tmp/venvsh-fixed-render/px/.venv' -a ! -e '/tmp/venvsh-fixed-render/px/venv/pyvenv.cfg' -a ! -e '/tmp/venvsh-fixed-render/px/env/pyvenv.cfg' -a ! -e '/tmp/venvsh-fixed-render/px/.python-version' -a -f '/tmp/venvsh-fixed-render/px/.pixi/envs/default/conda-meta/history'; end
test -f '/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/activate.d/x.fish'; and source '/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/activate.d/x.fish'
===== leave it =====
# venvsh eval
set -gx PATH '/usr/bin' '/bin'
set -e VENVSH_STATE
test -f '/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/deactivate.d/x.fish'; and source '/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/deactivate.d/x.fish'
set -e CONDA_PREFIX
set -e CONDA_DEFAULT_ENV
set -e PIXI_PROJECT_ROOT
set -e PIXI_PROJECT_NAME
set -e PIXI_PROJECT_MANIFEST
set -e PIXI_ENVIRONMENT_NAME
set -e PIXI_PROMPT
set -e MY_VAR
set -e PYTHONHOME
__venvsh_prompt_off
functions -e deactivate
set -g __venvsh_ui ''
function __venvsh_same; test ! -e '/tmp/venvsh-fixed-render/plain/.venv' -a ! -e '/tmp/venvsh-fixed-render/plain/venv/pyvenv.cfg' -a ! -e '/tmp/venvsh-fixed-render/plain/env/pyvenv.cfg' -a ! -e '/tmp/venvsh-fixed-render/plain/.python-version'; end
