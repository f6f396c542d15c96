
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'venvsh' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'venvsh'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'venvsh' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('hook', 'hook', [CompletionResultType]::ParameterValue, 'Print the shell code that installs venvsh in your shell')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Activate a venv in this shell, by hand, and keep it across `cd`')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Deactivate the venv venvsh activated; it stays off until you change folder')
            [CompletionResult]::new('allow', 'allow', [CompletionResultType]::ParameterValue, 'Let a project''s venv activate by itself when you enter it')
            [CompletionResult]::new('deny', 'deny', [CompletionResultType]::ParameterValue, 'Keep a project''s venv from ever activating by itself (and from hinting)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Forget `allow` or `deny` for a project or venv')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what is active and why, the project''s venv, its trust and health')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print what entering a folder would set, for CI, Docker and scripts (no hook needed)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create venvs with python -m venv; what it creates activates by itself')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command with a venv''s environment, without activating it')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a venv (only a folder with a pyvenv.cfg) and forget its trust mark')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the venvs in the venv home and the allowed ones')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the hook is loaded and firing, PATH, the known venvs and the config')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Add the hook to your shells'' startup files (or take it out again with --undo)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print venvsh''s man page (roff), or a command''s (venvsh-COMMAND)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'venvsh;hook' {
            [CompletionResult]::new('--rc-line', '--rc-line', [CompletionResultType]::ParameterName, 'Print only the line that loads it (install.sh asks)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'venvsh;activate' {
            venvsh list --names 2>$null | ForEach-Object { [CompletionResult]::new($_, $_, [CompletionResultType]::ParameterValue, 'venv in the venv home') }
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'The shell to print code for (the `venvsh` shell function passes it)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Activate even a venv that others can write to')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'venvsh;deactivate' {
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'shell')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'venvsh;allow' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'venvsh;deny' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'venvsh;revoke' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'venvsh;status' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object, for scripts')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'venvsh;env' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Vouch for the project: use its venv though it is not allowed (CI)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'venvsh;create' {
            [CompletionResult]::new('--python', '--python', [CompletionResultType]::ParameterName, 'The base Python: a version such as 3.12 (found on PATH) or a path to an interpreter [default: the version .python-version asks for, else python3]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Create it in the venv home as NAME, and link this folder to it with a .venv file')
            [CompletionResult]::new('--prompt', '--prompt', [CompletionResultType]::ParameterName, 'The prompt name (python -m venv --prompt)')
            [CompletionResult]::new('--clear', '--clear', [CompletionResultType]::ParameterName, 'Delete the venv''s contents first, then create it again')
            [CompletionResult]::new('--system-site-packages', '--system-site-packages', [CompletionResultType]::ParameterName, 'Give the venv access to the system site-packages')
            [CompletionResult]::new('--without-pip', '--without-pip', [CompletionResultType]::ParameterName, 'Do not install pip (much faster)')
            [CompletionResult]::new('--upgrade-deps', '--upgrade-deps', [CompletionResultType]::ParameterName, 'Upgrade pip (and setuptools before Python 3.12) to the latest on PyPI after creating; pip''s progress shows')
            [CompletionResult]::new('--copies', '--copies', [CompletionResultType]::ParameterName, 'Copy the interpreter instead of linking to it')
            [CompletionResult]::new('--symlinks', '--symlinks', [CompletionResultType]::ParameterName, 'Link to the interpreter (the default where possible)')
            [CompletionResult]::new('--upgrade', '--upgrade', [CompletionResultType]::ParameterName, 'Upgrade an existing venv to the Python it was made from, in place')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'venvsh;run' {
            if ($commandElements[-1].ToString() -eq '--venv' -or ($wordToComplete -ne '' -and $commandElements.Count -ge 3 -and $commandElements[-2].ToString() -eq '--venv')) {
                venvsh list --names 2>$null | ForEach-Object { [CompletionResult]::new($_, $_, [CompletionResultType]::ParameterValue, 'venv in the venv home') }
                break
            }
            [CompletionResult]::new('--venv', '--venv', [CompletionResultType]::ParameterName, 'A venv folder, a project folder, or a venv name in the venv home')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'venvsh;remove' {
            venvsh list --names 2>$null | ForEach-Object { [CompletionResult]::new($_, $_, [CompletionResultType]::ParameterValue, 'venv in the venv home') }
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Also print code that cleans up this shell if the venv was active in it (the shell function passes this)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'venvsh;list' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON array, for scripts')
            [CompletionResult]::new('--names', '--names', [CompletionResultType]::ParameterName, 'Only the names of the venvs in the venv home, one per line (what `activate NAME` and `run --venv NAME` take; the completions use it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'venvsh;doctor' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'venvsh;init' {
            [CompletionResult]::new('--undo', '--undo', [CompletionResultType]::ParameterName, 'Take venvsh''s lines out again: every file back as it was')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would change, and change nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'venvsh;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'venvsh;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write every page (venvsh.1, venvsh-COMMAND.1, ...) into this folder instead')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'venvsh;help' {
            [CompletionResult]::new('hook', 'hook', [CompletionResultType]::ParameterValue, 'Print the shell code that installs venvsh in your shell')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Activate a venv in this shell, by hand, and keep it across `cd`')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Deactivate the venv venvsh activated; it stays off until you change folder')
            [CompletionResult]::new('allow', 'allow', [CompletionResultType]::ParameterValue, 'Let a project''s venv activate by itself when you enter it')
            [CompletionResult]::new('deny', 'deny', [CompletionResultType]::ParameterValue, 'Keep a project''s venv from ever activating by itself (and from hinting)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Forget `allow` or `deny` for a project or venv')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what is active and why, the project''s venv, its trust and health')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print what entering a folder would set, for CI, Docker and scripts (no hook needed)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create venvs with python -m venv; what it creates activates by itself')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command with a venv''s environment, without activating it')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a venv (only a folder with a pyvenv.cfg) and forget its trust mark')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the venvs in the venv home and the allowed ones')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the hook is loaded and firing, PATH, the known venvs and the config')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Add the hook to your shells'' startup files (or take it out again with --undo)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print venvsh''s man page (roff), or a command''s (venvsh-COMMAND)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'venvsh;help;hook' {
            break
        }
        'venvsh;help;activate' {
            break
        }
        'venvsh;help;deactivate' {
            break
        }
        'venvsh;help;allow' {
            break
        }
        'venvsh;help;deny' {
            break
        }
        'venvsh;help;revoke' {
            break
        }
        'venvsh;help;status' {
            break
        }
        'venvsh;help;env' {
            break
        }
        'venvsh;help;create' {
            break
        }
        'venvsh;help;run' {
            break
        }
        'venvsh;help;remove' {
            break
        }
        'venvsh;help;list' {
            break
        }
        'venvsh;help;doctor' {
            break
        }
        'venvsh;help;init' {
            break
        }
        'venvsh;help;completions' {
            break
        }
        'venvsh;help;man' {
            break
        }
        'venvsh;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
