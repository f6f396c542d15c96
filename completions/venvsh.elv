
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
            cand completions 'Print a completion script for a shell'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'venvsh;hook'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'venvsh;activate'= {
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
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'venvsh;completions'= {
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
            cand completions 'Print a completion script for a shell'
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
        &'venvsh;help;completions'= {
        }
        &'venvsh;help;help'= {
        }
    ]
    $completions[$command]
}
