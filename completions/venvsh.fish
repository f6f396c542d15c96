# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_venvsh_global_optspecs
    string join \n h/help V/version
end

function __fish_venvsh_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_venvsh_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_venvsh_using_subcommand
    set -l cmd (__fish_venvsh_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c venvsh -n "__fish_venvsh_needs_command" -s h -l help -d 'Print help'
complete -c venvsh -n "__fish_venvsh_needs_command" -s V -l version -d 'Print version'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "hook" -d 'Print the shell code that installs venvsh in your shell'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "activate" -d 'Activate a venv in this shell, by hand, and keep it across `cd`'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "deactivate" -d 'Deactivate the venv venvsh activated; it stays off until you change folder'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "allow" -d 'Let a project\'s venv activate by itself when you enter it'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "deny" -d 'Keep a project\'s venv from ever activating by itself (and from hinting)'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "revoke" -d 'Forget `allow` or `deny` for a project or venv'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "status" -d 'Show what is active and why, the project\'s venv, its trust and health'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "env" -d 'Print what entering a folder would set, for CI, Docker and scripts (no hook needed)'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "create" -d 'Create venvs with python -m venv; what it creates activates by itself'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "run" -d 'Run a command with a venv\'s environment, without activating it'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "remove" -d 'Delete a venv (only a folder with a pyvenv.cfg) and forget its trust mark'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "list" -d 'List the venvs in the venv home and the allowed ones'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "doctor" -d 'Check the hook is loaded and firing, PATH, the known venvs and the config'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "init" -d 'Add the hook to your shells\' startup files (or take it out again with --undo)'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "completions" -d 'Print a completion script for a shell'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "man" -d 'Print venvsh\'s man page (roff), or a command\'s (venvsh-COMMAND)'
complete -c venvsh -n "__fish_venvsh_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c venvsh -n "__fish_venvsh_using_subcommand hook" -l rc-line -d 'Print only the line that loads it (install.sh asks)'
complete -c venvsh -n "__fish_venvsh_using_subcommand hook" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c venvsh -n "__fish_venvsh_using_subcommand activate" -l shell -d 'The shell to print code for (the `venvsh` shell function passes it)' -r -f -a "bash\t''
zsh\t''
fish\t''
tcsh\t'tcsh, and csh (on most systems a tcsh)'
pwsh\t'PowerShell: pwsh 7, and Windows PowerShell 5.1'
cmd\t'cmd.exe: a batch file for AutoRun, with doskey macros'
clink\t'Clink (cmd.exe with Clink): a Lua script that switches at every prompt'
elvish\t''
xonsh\t''
nu\t'nushell: the hook is saved as a file that config.nu sources'"
complete -c venvsh -n "__fish_venvsh_using_subcommand activate" -l force -d 'Activate even a venv that others can write to'
complete -c venvsh -n "__fish_venvsh_using_subcommand activate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c venvsh -n "__fish_venvsh_using_subcommand deactivate" -l shell -r -f -a "bash\t''
zsh\t''
fish\t''
tcsh\t'tcsh, and csh (on most systems a tcsh)'
pwsh\t'PowerShell: pwsh 7, and Windows PowerShell 5.1'
cmd\t'cmd.exe: a batch file for AutoRun, with doskey macros'
clink\t'Clink (cmd.exe with Clink): a Lua script that switches at every prompt'
elvish\t''
xonsh\t''
nu\t'nushell: the hook is saved as a file that config.nu sources'"
complete -c venvsh -n "__fish_venvsh_using_subcommand deactivate" -s h -l help -d 'Print help'
complete -c venvsh -n "__fish_venvsh_using_subcommand allow" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c venvsh -n "__fish_venvsh_using_subcommand deny" -s h -l help -d 'Print help'
complete -c venvsh -n "__fish_venvsh_using_subcommand revoke" -s h -l help -d 'Print help'
complete -c venvsh -n "__fish_venvsh_using_subcommand status" -l json -d 'One JSON object, for scripts'
complete -c venvsh -n "__fish_venvsh_using_subcommand status" -s h -l help -d 'Print help'
complete -c venvsh -n "__fish_venvsh_using_subcommand env" -l format -r -f -a "sh\t'`export NAME=\'value\'` and `unset NAME` lines, for `eval` in any POSIX shell'
fish\t'`set -gx NAME \'value\'` and `set -e NAME` lines, for fish\'s `source`'
json\t'One JSON object: each variable\'s new value, null for one to unset'
dotenv\t'`NAME=value` lines, for `docker run --env-file` and dotenv readers (without conda\'s and pixi\'s prompt strings)'
github\t'Appends to the files $GITHUB_ENV and $GITHUB_PATH name, for the next steps of a GitHub Actions job'"
complete -c venvsh -n "__fish_venvsh_using_subcommand env" -l trust -d 'Vouch for the project: use its venv though it is not allowed (CI)'
complete -c venvsh -n "__fish_venvsh_using_subcommand env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c venvsh -n "__fish_venvsh_using_subcommand create" -l python -d 'The base Python: a version such as 3.12 (found on PATH) or a path to an interpreter [default: the version .python-version asks for, else python3]' -r
complete -c venvsh -n "__fish_venvsh_using_subcommand create" -l home -d 'Create it in the venv home as NAME, and link this folder to it with a .venv file' -r
complete -c venvsh -n "__fish_venvsh_using_subcommand create" -l prompt -d 'The prompt name (python -m venv --prompt)' -r
complete -c venvsh -n "__fish_venvsh_using_subcommand create" -l clear -d 'Delete the venv\'s contents first, then create it again'
complete -c venvsh -n "__fish_venvsh_using_subcommand create" -l system-site-packages -d 'Give the venv access to the system site-packages'
complete -c venvsh -n "__fish_venvsh_using_subcommand create" -l without-pip -d 'Do not install pip (much faster)'
complete -c venvsh -n "__fish_venvsh_using_subcommand create" -l upgrade-deps -d 'Upgrade pip (and setuptools before Python 3.12) to the latest on PyPI after creating; pip\'s progress shows'
complete -c venvsh -n "__fish_venvsh_using_subcommand create" -l copies -d 'Copy the interpreter instead of linking to it'
complete -c venvsh -n "__fish_venvsh_using_subcommand create" -l symlinks -d 'Link to the interpreter (the default where possible)'
complete -c venvsh -n "__fish_venvsh_using_subcommand create" -l upgrade -d 'Upgrade an existing venv to the Python it was made from, in place'
complete -c venvsh -n "__fish_venvsh_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c venvsh -n "__fish_venvsh_using_subcommand run" -l venv -d 'A venv folder, a project folder, or a venv name in the venv home' -r
complete -c venvsh -n "__fish_venvsh_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c venvsh -n "__fish_venvsh_using_subcommand remove" -l shell -d 'Also print code that cleans up this shell if the venv was active in it (the shell function passes this)' -r -f -a "bash\t''
zsh\t''
fish\t''
tcsh\t'tcsh, and csh (on most systems a tcsh)'
pwsh\t'PowerShell: pwsh 7, and Windows PowerShell 5.1'
cmd\t'cmd.exe: a batch file for AutoRun, with doskey macros'
clink\t'Clink (cmd.exe with Clink): a Lua script that switches at every prompt'
elvish\t''
xonsh\t''
nu\t'nushell: the hook is saved as a file that config.nu sources'"
complete -c venvsh -n "__fish_venvsh_using_subcommand remove" -s y -l yes -d 'Do not ask'
complete -c venvsh -n "__fish_venvsh_using_subcommand remove" -s h -l help -d 'Print help'
complete -c venvsh -n "__fish_venvsh_using_subcommand list" -l json -d 'One JSON array, for scripts'
complete -c venvsh -n "__fish_venvsh_using_subcommand list" -l names -d 'Only the names of the venvs in the venv home, one per line (what `activate NAME` and `run --venv NAME` take; the completions use it)'
complete -c venvsh -n "__fish_venvsh_using_subcommand list" -s h -l help -d 'Print help'
complete -c venvsh -n "__fish_venvsh_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c venvsh -n "__fish_venvsh_using_subcommand init" -l undo -d 'Take venvsh\'s lines out again: every file back as it was'
complete -c venvsh -n "__fish_venvsh_using_subcommand init" -l dry-run -d 'Say what would change, and change nothing'
complete -c venvsh -n "__fish_venvsh_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c venvsh -n "__fish_venvsh_using_subcommand completions" -s h -l help -d 'Print help'
complete -c venvsh -n "__fish_venvsh_using_subcommand man" -l dir -d 'Write every page (venvsh.1, venvsh-COMMAND.1, ...) into this folder instead' -r -F
complete -c venvsh -n "__fish_venvsh_using_subcommand man" -s h -l help -d 'Print help'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "hook" -d 'Print the shell code that installs venvsh in your shell'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "activate" -d 'Activate a venv in this shell, by hand, and keep it across `cd`'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "deactivate" -d 'Deactivate the venv venvsh activated; it stays off until you change folder'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "allow" -d 'Let a project\'s venv activate by itself when you enter it'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "deny" -d 'Keep a project\'s venv from ever activating by itself (and from hinting)'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "revoke" -d 'Forget `allow` or `deny` for a project or venv'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "status" -d 'Show what is active and why, the project\'s venv, its trust and health'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "env" -d 'Print what entering a folder would set, for CI, Docker and scripts (no hook needed)'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "create" -d 'Create venvs with python -m venv; what it creates activates by itself'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "run" -d 'Run a command with a venv\'s environment, without activating it'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "remove" -d 'Delete a venv (only a folder with a pyvenv.cfg) and forget its trust mark'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "list" -d 'List the venvs in the venv home and the allowed ones'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "doctor" -d 'Check the hook is loaded and firing, PATH, the known venvs and the config'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "init" -d 'Add the hook to your shells\' startup files (or take it out again with --undo)'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "completions" -d 'Print a completion script for a shell'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "man" -d 'Print venvsh\'s man page (roff), or a command\'s (venvsh-COMMAND)'
complete -c venvsh -n "__fish_venvsh_using_subcommand help; and not __fish_seen_subcommand_from hook activate deactivate allow deny revoke status env create run remove list doctor init completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'

# venvsh: venv names from the venv home where a venv is asked for.
complete -c venvsh -n "__fish_venvsh_using_subcommand activate; or __fish_venvsh_using_subcommand remove" -a "(venvsh list --names 2>/dev/null)" -d 'venv in the venv home'
complete -c venvsh -n "__fish_venvsh_using_subcommand run" -l venv -r -a "(venvsh list --names 2>/dev/null)" -d 'venv in the venv home'
