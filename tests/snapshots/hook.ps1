# venvsh for PowerShell (pwsh 7 on any OS, Windows PowerShell 5.1). Load it from $PROFILE:
#   Invoke-Expression (& venvsh hook pwsh | Out-String)
# Values are only ever single-quoted strings, where nothing expands. At a prompt where
# nothing changed, no process starts; $LASTEXITCODE is kept.

$global:__venvsh_bin = '/usr/local/bin/venvsh'

# The prompt: your prompt function is wrapped, not changed. The wrapper runs it first
# (so it sees $? as always) and puts "(NAME) " in front of what it returned while a venv
# is active. With the hook loaded the wrapper stays for the session; without it (the
# output of `venvsh activate` eval'd by hand) your exact function comes back on
# deactivation.
function global:__venvsh_wrap_prompt {
    if ($global:__venvsh_wrapped) {
        return
    }
    $global:__venvsh_user_prompt = $function:prompt
    $global:__venvsh_wrapped = $true
    function global:prompt {
        $line = & $global:__venvsh_user_prompt
        $code = $global:LASTEXITCODE
        if ($global:__venvsh_hooked) {
            __venvsh_hook
        }
        $global:LASTEXITCODE = $code
        if ($global:__venvsh_prompt_name) {
            '(' + $global:__venvsh_prompt_name + ') ' + ($line -join '')
        }
        else {
            $line
        }
    }
}

function global:__venvsh_prompt_on {
    param([string]$Name)
    __venvsh_prompt_off
    if ($env:VIRTUAL_ENV_DISABLE_PROMPT) {
        return
    }
    __venvsh_wrap_prompt
    $global:__venvsh_prompt_name = $Name
}

function global:__venvsh_prompt_off {
    $global:__venvsh_prompt_name = ''
    if ($global:__venvsh_wrapped -and -not $global:__venvsh_hooked) {
        Set-Item -Path Function:global:prompt -Value $global:__venvsh_user_prompt
        $global:__venvsh_wrapped = $false
    }
}

# Runs a venvsh command whose output is code for this shell, and runs that only when it
# is (so `venvsh activate --help` prints help instead).
function global:__venvsh_eval {
    $rest = @($args | Select-Object -Skip 1)
    $text = (& $global:__venvsh_bin $args[0] --shell pwsh @rest | Out-String)
    $code = $LASTEXITCODE
    if ($text.StartsWith('# venvsh eval')) {
        Invoke-Expression $text
    }
    elseif ($text.Trim()) {
        $text.TrimEnd()
    }
    if ($global:__venvsh_hooked) {
        __venvsh_record
    }
    $global:LASTEXITCODE = $code
}

function global:__venvsh_define_deactivate {
    function global:deactivate {
        param([switch]$NonDestructive)
        if ($NonDestructive) {
            __venvsh_eval deactivate nondestructive
        }
        else {
            __venvsh_eval deactivate
        }
    }
}

# ---- hook ----
# Below: the `venvsh` function and the hook, run by the prompt and (pwsh 7) on every
# location change.

function global:venvsh {
    $sub = ''
    if ($args.Count -gt 0) {
        $sub = [string]$args[0]
    }
    if ($sub -eq 'activate' -or $sub -eq 'deactivate' -or $sub -eq 'remove') {
        __venvsh_eval @args
        return
    }
    # VENVSH_HOOK tells `venvsh doctor` the hook is here and where it last looked.
    $env:VENVSH_HOOK = 'pwsh:' + $global:__venvsh_pwd
    & $global:__venvsh_bin @args
    Remove-Item -LiteralPath Env:VENVSH_HOOK -ErrorAction SilentlyContinue
    # allow, create, remove...: look again at the next prompt.
    $global:__venvsh_pwd = ''
}

function global:__venvsh_record {
    $global:__venvsh_pwd = $PWD.ProviderPath
    $global:__venvsh_st = [string]$env:VENVSH_STATE
    $global:__venvsh_ve = [string]$env:VIRTUAL_ENV
    $global:__venvsh_op = Test-Path Env:_OLD_VIRTUAL_PATH
}

function global:__venvsh_export {
    if (-not (Test-Path -LiteralPath $global:__venvsh_bin)) {
        if (-not $global:__venvsh_gone) {
            [Console]::Error.WriteLine('venvsh: ' + $global:__venvsh_bin + ' is gone; automatic venv switching is off until it is back')
            $global:__venvsh_gone = $true
        }
        __venvsh_record
        return
    }
    $global:__venvsh_gone = $false
    $text = (& $global:__venvsh_bin export pwsh $global:__venvsh_ui | Out-String)
    if ($text.StartsWith('# venvsh eval')) {
        Invoke-Expression $text
    }
    __venvsh_record
}

# `__venvsh_same` is written by each export: true while the watched paths look as they
# did.
function global:__venvsh_hook {
    if ($PWD.Provider.Name -ne 'FileSystem') {
        return
    }
    $code = $global:LASTEXITCODE
    if ($PWD.ProviderPath -ne $global:__venvsh_pwd -or [string]$env:VENVSH_STATE -ne $global:__venvsh_st -or [string]$env:VIRTUAL_ENV -ne $global:__venvsh_ve -or (Test-Path Env:_OLD_VIRTUAL_PATH) -ne $global:__venvsh_op -or -not (__venvsh_same)) {
        __venvsh_export
    }
    $global:LASTEXITCODE = $code
}

# Loading the hook again looks again at the next prompt, and installs nothing twice.
$global:__venvsh_pwd = ''
$global:__venvsh_ui = ''
$global:__venvsh_gone = $false
if (-not (Test-Path -LiteralPath Function:__venvsh_same)) {
    function global:__venvsh_same {
        $true
    }
}
if (-not $global:__venvsh_hooked) {
    __venvsh_wrap_prompt
    $global:__venvsh_hooked = $true
    if ($PSVersionTable.PSVersion.Major -ge 7) {
        $global:__venvsh_user_lca = $ExecutionContext.SessionState.InvokeCommand.LocationChangedAction
        $ExecutionContext.SessionState.InvokeCommand.LocationChangedAction = {
            __venvsh_hook
            if ($global:__venvsh_user_lca) {
                & $global:__venvsh_user_lca @args
            }
        }
    }
}
