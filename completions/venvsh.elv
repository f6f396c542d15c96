
use builtin;
use str;

set edit:completion:arg-completer[venvsh] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'venvsh'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'venvsh'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand hook 'Print the shell code that installs venvsh in your shell'
            cand activate 'Activate a venv in this shell, by hand, and keep it across `cd`'
            cand deactivate 'Deactivate the venv venvsh activated; it stays off until you change folder'
            cand allow 'Let a project''s venv activate by itself when you enter it'
            cand deny 'Keep a project''s venv from ever activating by itself (and from hinting)'
            cand revoke 'Forget `allow` or `deny` for a project or venv'
            cand status 'Show what is active and why, the project''s venv, its trust and health'
            cand env 'Print what entering a folder would set, for CI, Docker and scripts (no hook needed)'
            cand create 'Create venvs with python -m venv; what it creates activates by itself'
            cand run 'Run a command with a venv''s environment, without activating it'
            cand remove 'Delete a venv (only a folder with a pyvenv.cfg) and forget its trust mark'
            cand list 'List the venvs in the venv home and the allowed ones'
            cand doctor 'Check the hook is loaded and firing, PATH, the known venvs and the config'
            cand init 'Add the hook to your shells'' startup files (or take it out again with --undo)'
            cand completions 'Print a completion script for a shell'
            cand man 'Print venvsh''s man page (roff), or a command''s (venvsh-COMMAND)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'venvsh;hook'= {
            cand --rc-line 'Print only the line that loads it (install.sh asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'venvsh;activate'= {
            try { venvsh list --names 2>/dev/null | from-lines | each {|n| cand $n 'venv in the venv home' } } catch { }
            cand --shell 'The shell to print code for (the `venvsh` shell function passes it)'
            cand --force 'Activate even a venv that others can write to'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'venvsh;deactivate'= {
            cand --shell 'shell'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'venvsh;allow'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'venvsh;deny'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'venvsh;revoke'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'venvsh;status'= {
            cand --json 'One JSON object, for scripts'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'venvsh;env'= {
            cand --format 'format'
            cand --trust 'Vouch for the project: use its venv though it is not allowed (CI)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'venvsh;create'= {
            cand --python 'The base Python: a version such as 3.12 (found on PATH) or a path to an interpreter [default: the version .python-version asks for, else python3]'
            cand --home 'Create it in the venv home as NAME, and link this folder to it with a .venv file'
            cand --prompt 'The prompt name (python -m venv --prompt)'
            cand --clear 'Delete the venv''s contents first, then create it again'
            cand --system-site-packages 'Give the venv access to the system site-packages'
            cand --without-pip 'Do not install pip (much faster)'
            cand --upgrade-deps 'Upgrade pip (and setuptools before Python 3.12) to the latest on PyPI after creating; pip''s progress shows'
            cand --copies 'Copy the interpreter instead of linking to it'
            cand --symlinks 'Link to the interpreter (the default where possible)'
            cand --upgrade 'Upgrade an existing venv to the Python it was made from, in place'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'venvsh;run'= {
            if (and (> (count $words) 2) (eq $words[-2] --venv)) {
                try { venvsh list --names 2>/dev/null | from-lines | each {|n| cand $n 'venv in the venv home' } } catch { }
                return
            }
            cand --venv 'A venv folder, a project folder, or a venv name in the venv home'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'venvsh;remove'= {
            try { venvsh list --names 2>/dev/null | from-lines | each {|n| cand $n 'venv in the venv home' } } catch { }
            cand --shell 'Also print code that cleans up this shell if the venv was active in it (the shell function passes this)'
            cand -y 'Do not ask'
            cand --yes 'Do not ask'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'venvsh;list'= {
            cand --json 'One JSON array, for scripts'
            cand --names 'Only the names of the venvs in the venv home, one per line (what `activate NAME` and `run --venv NAME` take; the completions use it)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'venvsh;doctor'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'venvsh;init'= {
            cand --undo 'Take venvsh''s lines out again: every file back as it was'
            cand --dry-run 'Say what would change, and change nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'venvsh;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'venvsh;man'= {
            cand --dir 'Write every page (venvsh.1, venvsh-COMMAND.1, ...) into this folder instead'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'venvsh;help'= {
            cand hook 'Print the shell code that installs venvsh in your shell'
            cand activate 'Activate a venv in this shell, by hand, and keep it across `cd`'
            cand deactivate 'Deactivate the venv venvsh activated; it stays off until you change folder'
            cand allow 'Let a project''s venv activate by itself when you enter it'
            cand deny 'Keep a project''s venv from ever activating by itself (and from hinting)'
            cand revoke 'Forget `allow` or `deny` for a project or venv'
            cand status 'Show what is active and why, the project''s venv, its trust and health'
            cand env 'Print what entering a folder would set, for CI, Docker and scripts (no hook needed)'
            cand create 'Create venvs with python -m venv; what it creates activates by itself'
            cand run 'Run a command with a venv''s environment, without activating it'
            cand remove 'Delete a venv (only a folder with a pyvenv.cfg) and forget its trust mark'
            cand list 'List the venvs in the venv home and the allowed ones'
            cand doctor 'Check the hook is loaded and firing, PATH, the known venvs and the config'
            cand init 'Add the hook to your shells'' startup files (or take it out again with --undo)'
            cand completions 'Print a completion script for a shell'
            cand man 'Print venvsh''s man page (roff), or a command''s (venvsh-COMMAND)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'venvsh;help;hook'= {
        }
        &'venvsh;help;activate'= {
        }
        &'venvsh;help;deactivate'= {
        }
        &'venvsh;help;allow'= {
        }
        &'venvsh;help;deny'= {
        }
        &'venvsh;help;revoke'= {
        }
        &'venvsh;help;status'= {
        }
        &'venvsh;help;env'= {
        }
        &'venvsh;help;create'= {
        }
        &'venvsh;help;run'= {
        }
        &'venvsh;help;remove'= {
        }
        &'venvsh;help;list'= {
        }
        &'venvsh;help;doctor'= {
        }
        &'venvsh;help;init'= {
        }
        &'venvsh;help;completions'= {
        }
        &'venvsh;help;man'= {
        }
        &'venvsh;help;help'= {
        }
    ]
    $completions[$command]
}
