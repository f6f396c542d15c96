//! `venvsh completions SHELL`: generated from the clap definitions (the copies in
//! `completions/` are checked against this by a test).

use crate::cli::Cli;
use clap::CommandFactory;

pub fn run(shell: clap_complete::Shell) -> i32 {
    // clap_complete offers hidden subcommands too; `export` is the hook's, not a user's.
    let full = Cli::command();
    let mut cmd = clap::Command::new("venvsh")
        .version(env!("CARGO_PKG_VERSION"))
        .about(full.get_about().cloned().unwrap_or_default())
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "venvsh", &mut out);
    super::write_stdout(&with_venv_names(shell, out))
}

/// Where an argument takes a venv name (`activate`, `remove`, `run --venv`), the names
/// in the venv home are offered too, as `venvsh list --names` prints them at that
/// moment; clap's generated scripts know only fixed values.
fn with_venv_names(shell: clap_complete::Shell, mut out: Vec<u8>) -> Vec<u8> {
    use clap_complete::Shell::*;
    match shell {
        Bash => out.extend_from_slice(BASH_NAMES.as_bytes()),
        Fish => out.extend_from_slice(FISH_NAMES.as_bytes()),
        Zsh => {
            let text = String::from_utf8(out).expect("clap writes UTF-8");
            let text = text
                .replace(
                    "a venv name in the venv home:_default'",
                    "a venv name in the venv home:_venvsh_targets'",
                )
                .replace(
                    "a venv name in the venv home]:PATH|NAME:_default'",
                    "a venv name in the venv home]:PATH|NAME:_venvsh_targets'",
                )
                .replacen("\n\n", &format!("\n\n{ZSH_NAMES}\n"), 1);
            out = text.into_bytes();
        }
        PowerShell => {
            out = names_in_arms(
                out,
                |sub| format!("        'venvsh;{sub}' {{\n"),
                PWSH_NAMES,
                "($commandElements[-1].ToString() -eq '--venv' -or ($wordToComplete -ne '' -and $commandElements.Count -ge 3 -and $commandElements[-2].ToString() -eq '--venv'))",
                "break",
            )
        }
        Elvish => {
            out = names_in_arms(
                out,
                |sub| format!("        &'venvsh;{sub}'= {{\n"),
                ELVISH_NAMES,
                "(and (> (count $words) 2) (eq $words[-2] --venv))",
                "return",
            )
        }
        _ => {}
    }
    out
}

/// PowerShell and elvish: clap writes one arm per subcommand, opening as `arm(sub)`
/// says. `names` goes first in the arms for `activate` and `remove`; in `run`'s, only
/// when `guard` holds (after `--venv`), and then `leave` ends the arm.
fn names_in_arms(
    out: Vec<u8>,
    arm: impl Fn(&str) -> String,
    names: &str,
    guard: &str,
    leave: &str,
) -> Vec<u8> {
    let mut text = String::from_utf8(out).expect("clap writes UTF-8");
    for sub in ["activate", "remove"] {
        let open = arm(sub);
        text = text.replacen(&open, &format!("{open}{names}"), 1);
    }
    let open = arm("run");
    text.replacen(
        &open,
        &format!(
            "{open}            if {guard} {{\n    {names}                {leave}\n            }}\n"
        ),
        1,
    )
    .into_bytes()
}

/// The names as candidates, for `names_in_arms`.
const PWSH_NAMES: &str = "            venvsh list --names 2>$null | ForEach-Object { [CompletionResult]::new($_, $_, [CompletionResultType]::ParameterValue, 'venv in the venv home') }\n";
const ELVISH_NAMES: &str = "            try { venvsh list --names 2>/dev/null | from-lines | each {|n| cand $n 'venv in the venv home' } } catch { }\n";

const BASH_NAMES: &str = r#"
# venvsh: venv names from the venv home where a venv is asked for.
_venvsh_names() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} name
    _venvsh "$@"
    case "${COMP_WORDS[1]-}" in
        activate | remove) [[ $cur != -* && $prev != --shell && $COMP_CWORD -ge 2 ]] || return 0 ;;
        run) [[ $prev == --venv ]] || return 0 ;;
        *) return 0 ;;
    esac
    COMPREPLY=()
    while IFS= read -r name; do
        [[ $name == "$cur"* ]] && COMPREPLY+=("$name")
    done < <(venvsh list --names 2>/dev/null; compgen -d -- "$cur")
    return 0
}
complete -F _venvsh_names -o bashdefault -o default venvsh
"#;

const FISH_NAMES: &str = r#"
# venvsh: venv names from the venv home where a venv is asked for.
complete -c venvsh -n "__fish_venvsh_using_subcommand activate; or __fish_venvsh_using_subcommand remove" -a "(venvsh list --names 2>/dev/null)" -d 'venv in the venv home'
complete -c venvsh -n "__fish_venvsh_using_subcommand run" -l venv -r -a "(venvsh list --names 2>/dev/null)" -d 'venv in the venv home'
"#;

const ZSH_NAMES: &str = r#"# venvsh: venv names from the venv home where a venv is asked for, and files.
_venvsh_targets() {
    local -a __venvsh_names
    __venvsh_names=(${(f)"$(venvsh list --names 2>/dev/null)"})
    _alternative 'venvs:venv in the venv home:compadd -a __venvsh_names' 'files:file:_files'
}
"#;
