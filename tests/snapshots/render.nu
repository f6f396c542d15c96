===== hook =====
# venvsh for nushell. nushell cannot run text as code, so the hook is saved as a file and
# sourced from config.nu (as zoxide and starship do it):
#   venvsh hook nu | save -f ($nu.default-config-dir | path join venvsh.nu)
#   source venvsh.nu                      # the line for config.nu
# Save it again when venvsh moves: it calls venvsh by the path it had then.
# venvsh answers with a list of operations as JSON: values arrive as data and are never
# parsed as code. Nothing here starts a process at a prompt where nothing changed.
# nushell runs its hooks before each prompt only, so a `cd` switches at the next prompt.

const __venvsh_bin = r#'/usr/local/bin/venvsh'#

# This shell's own state (a record in $env is never passed to a child process). Kept
# across a second load (config.nu sourced again), which looks again at the next prompt.
$env.__VENVSH = ({
    state: '', ve: '', watch: [], gone: false, prompt: null, inner: null, deactivate: false
} | merge ($env.__VENVSH? | default {}) | merge {pwd: null, ui: ''})

def --env __venvsh_record [] {
    $env.__VENVSH.pwd = $env.PWD
    $env.__VENVSH.state = ($env.VENVSH_STATE? | default '')
    $env.__VENVSH.ve = ($env.VIRTUAL_ENV? | default '')
}

# Whether the watched paths look as they did ([path kind]: file, notfile, absent).
def __venvsh_same [] {
    $env.__VENVSH.watch | all {|w|
        let file = ($w.0 | path exists) and (($w.0 | path expand | path type) == 'file')
        match $w.1 {
            'file' => $file,
            'notfile' => (not $file),
            'absent' => (not ($w.0 | path exists)),
            _ => true
        }
    }
}

# The prompt: while a venv is active, PROMPT_COMMAND is a wrapper that draws `(NAME) `
# and then the user's prompt, kept in the state. NAME is text: nothing in it expands.
def __venvsh_prompt [] {
    let inner = $env.__VENVSH.inner
    let base = match ($inner | describe) {
        'closure' => (do $inner),
        'string' => $inner,
        _ => ''
    }
    $"\(($env.__VENVSH.prompt)\) ($base)"
}

def __venvsh_wrapped [] {
    let p = $env.PROMPT_COMMAND?
    ($p | describe) == 'closure' and (view source $p | str contains '__venvsh_prompt')
}

# Wraps the prompt while a name is to be shown, and gives it back otherwise. Checked at
# every prompt: a prompt set after the hook (starship's, say) gets wrapped in turn.
def --env __venvsh_prompt_sync [] {
    let want = $env.__VENVSH.prompt != null and ($env.VIRTUAL_ENV_DISABLE_PROMPT? | default '') == ''
    let wrapped = (__venvsh_wrapped)
    if $want and not $wrapped {
        $env.__VENVSH.inner = $env.PROMPT_COMMAND?
        $env.PROMPT_COMMAND = {|| __venvsh_prompt }
    } else if $wrapped and not $want {
        if $env.__VENVSH.inner == null {
            hide-env -i PROMPT_COMMAND
        } else {
            $env.PROMPT_COMMAND = $env.__VENVSH.inner
        }
        $env.__VENVSH.inner = null
    }
}

# Applies what venvsh printed: a JSON list of operations.
def --env __venvsh_apply [out] {
    let ops = try { $out | from json } catch { [] }
    for op in $ops {
        match $op.0 {
            'set' => {
                # nushell keeps PATH as a list.
                if $op.1 == 'PATH' {
                    $env.PATH = ($op.2 | split row (char esep))
                } else {
                    load-env {($op.1): $op.2}
                }
            }
            'unset' => { hide-env -i $op.1 }
            'prompt_on' => { $env.__VENVSH.prompt = $op.1 }
            'prompt_off' => { $env.__VENVSH.prompt = null }
            'define_deactivate' => { $env.__VENVSH.deactivate = true }
            'remove_deactivate' => { $env.__VENVSH.deactivate = false }
            'ui' => { $env.__VENVSH.ui = $op.1 }
            'watch' => { $env.__VENVSH.watch = $op.1 }
            'say' => { print -e $"venvsh: ($op.1)" }
        }
    }
    __venvsh_prompt_sync
}

# `venvsh activate|deactivate|remove`: what venvsh prints is applied to this shell when
# it is a list of operations, else shown (`--help`). One that fails prints nothing to
# apply; its exit status stays the command's (nushell shows no error for it, as for any
# program that fails).
def --env __venvsh_run [args: list<string>] {
    let out = (^$__venvsh_bin $args.0 --shell nu ...($args | skip 1)) | default ''
    if ($out | str starts-with '[') {
        __venvsh_apply $out
    } else if $out != '' {
        print $out
    }
    __venvsh_record
}

def --env __venvsh_export [] {
    if ($__venvsh_bin | path exists) {
        $env.__VENVSH.gone = false
        let r = (^$__venvsh_bin export nu $env.__VENVSH.ui | complete)
        print -e -n $r.stderr
        __venvsh_apply $r.stdout
    } else if not $env.__VENVSH.gone {
        print -e $"venvsh: ($__venvsh_bin) is gone; automatic venv switching is off until it is back"
        $env.__VENVSH.gone = true
    }
    __venvsh_record
}

def --env __venvsh_hook [] {
    let code = $env.LAST_EXIT_CODE? | default 0
    let st = $env.__VENVSH
    if $env.PWD != $st.pwd or ($env.VENVSH_STATE? | default '') != $st.state or ($env.VIRTUAL_ENV? | default '') != $st.ve or not (__venvsh_same) {
        __venvsh_export
    }
    __venvsh_prompt_sync
    # The user's last exit code, not venvsh's.
    $env.LAST_EXIT_CODE = $code
}

# venvsh itself: `activate`, `deactivate` and `remove` change this shell; the rest run as
# they are, and the next prompt looks again (after `allow`, `create`...).
def --env --wrapped venvsh [...args] {
    if ($args | is-not-empty) and ($args.0 in ['activate' 'deactivate' 'remove']) {
        __venvsh_run $args
    } else {
        # VENVSH_HOOK tells `venvsh doctor` the hook is here and where it last looked.
        let seen = $env.__VENVSH.pwd | default ''
        $env.__VENVSH.pwd = null
        with-env {VENVSH_HOOK: $"nu:($seen)"} { ^$__venvsh_bin ...$args }
    }
}

# Always there (nushell cannot define a command later): venvsh says when there is
# nothing of its own to deactivate.
def --env --wrapped deactivate [...args] {
    __venvsh_run (['deactivate'] ++ $args)
}

# ---- hook ----
# At every prompt. A hook loaded before (config.nu sourced again) is taken out first: it
# is known by its `venvsh_hook` field, which nushell itself ignores.
$env.config.hooks.pre_prompt = ($env.config.hooks.pre_prompt? | default []
    | where {|h| match $h { {venvsh_hook: true} => false, _ => true } }
    | append {venvsh_hook: true, code: {|| __venvsh_hook }})
===== enter =====
[["set","VIRTUAL_ENV","/tmp/venvsh-fixed-render/proj/.venv"],["set","VIRTUAL_ENV_PROMPT","proj"],["set","PATH","/tmp/venvsh-fixed-render/proj/.venv/bin:/usr/bin:/bin"],["set","VENVSH_STATE","v1v:35:/tmp/venvsh-fixed-render/proj/.venvb:39:/tmp/venvsh-fixed-render/proj/.venv/binn:4:projm:4:autow:3:UID"],["prompt_on","proj"],["define_deactivate"],["ui","9a0a206b29f95c9a"],["watch",[["/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg","file"]]]]
===== leave =====
[["set","PATH","/usr/bin:/bin"],["unset","VIRTUAL_ENV"],["unset","VIRTUAL_ENV_PROMPT"],["unset","PYTHONHOME"],["unset","VENVSH_STATE"],["prompt_off"],["remove_deactivate"],["ui",""],["watch",[["/tmp/venvsh-fixed-render/plain/.venv","absent"],["/tmp/venvsh-fixed-render/plain/venv/pyvenv.cfg","absent"],["/tmp/venvsh-fixed-render/plain/env/pyvenv.cfg","absent"],["/tmp/venvsh-fixed-render/plain/.python-version","absent"]]]]
===== activate =====
[["set","VIRTUAL_ENV","/tmp/venvsh-fixed-render/proj/.venv"],["set","VIRTUAL_ENV_PROMPT","proj"],["set","PATH","/tmp/venvsh-fixed-render/proj/.venv/bin:/usr/bin:/bin"],["set","VENVSH_STATE","v1v:35:/tmp/venvsh-fixed-render/proj/.venvb:39:/tmp/venvsh-fixed-render/proj/.venv/binn:4:projm:3:pinw:3:UID"],["prompt_on","proj"],["define_deactivate"],["ui","9a0a206b29f95c9a"],["watch",[["/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg","file"]]]]
===== deactivate =====
[["set","PATH","/usr/bin:/bin"],["unset","VIRTUAL_ENV"],["unset","VIRTUAL_ENV_PROMPT"],["unset","PYTHONHOME"],["set","VENVSH_STATE","v1o:29:/tmp/venvsh-fixed-render/proj"],["prompt_off"],["remove_deactivate"],["ui",""],["watch",[["/tmp/venvsh-fixed-render/proj/.venv/pyvenv.cfg","file"]]]]
===== enter a conda prefix =====
[["set","CONDA_PREFIX","/tmp/venvsh-fixed-render/px/.pixi/envs/default"],["set","CONDA_DEFAULT_ENV","px"],["set","PIXI_PROJECT_ROOT","/tmp/venvsh-fixed-render/px"],["set","PIXI_PROJECT_NAME","px"],["set","PIXI_PROJECT_MANIFEST","/tmp/venvsh-fixed-render/px/pixi.toml"],["set","PIXI_ENVIRONMENT_NAME","default"],["set","PIXI_PROMPT","(px) "],["set","MY_VAR","v"],["set","PATH","/tmp/venvsh-fixed-render/px/.pixi/envs/default/bin:/usr/bin:/bin"],["set","VENVSH_STATE","v1v:46:/tmp/venvsh-fixed-render/px/.pixi/envs/defaultb:50:/tmp/venvsh-fixed-render/px/.pixi/envs/default/binn:2:pxm:4:autow:3:UIDk:5:condac:12:CONDA_PREFIXc:17:CONDA_DEFAULT_ENVc:17:PIXI_PROJECT_ROOTc:17:PIXI_PROJECT_NAMEc:21:PIXI_PROJECT_MANIFESTc:21:PIXI_ENVIRONMENT_NAMEc:11:PIXI_PROMPTc:6:MY_VARd:4:x.shd:5:x.ps1d:6:x.fishd:5:x.cshd:5:x.bat"],["prompt_on","px"],["define_deactivate"],["ui","6b16d475eec3f9bf"],["watch",[["/tmp/venvsh-fixed-render/px/.venv","absent"],["/tmp/venvsh-fixed-render/px/venv/pyvenv.cfg","absent"],["/tmp/venvsh-fixed-render/px/env/pyvenv.cfg","absent"],["/tmp/venvsh-fixed-render/px/.python-version","absent"],["/tmp/venvsh-fixed-render/px/.pixi/envs/default/conda-meta/history","file"]]]]
===== leave it =====
[["set","PATH","/usr/bin:/bin"],["unset","VENVSH_STATE"],["unset","CONDA_PREFIX"],["unset","CONDA_DEFAULT_ENV"],["unset","PIXI_PROJECT_ROOT"],["unset","PIXI_PROJECT_NAME"],["unset","PIXI_PROJECT_MANIFEST"],["unset","PIXI_ENVIRONMENT_NAME"],["unset","PIXI_PROMPT"],["unset","MY_VAR"],["unset","PYTHONHOME"],["prompt_off"],["remove_deactivate"],["ui",""],["watch",[["/tmp/venvsh-fixed-render/plain/.venv","absent"],["/tmp/venvsh-fixed-render/plain/venv/pyvenv.cfg","absent"],["/tmp/venvsh-fixed-render/plain/env/pyvenv.cfg","absent"],["/tmp/venvsh-fixed-render/plain/.python-version","absent"]]]]
