//! Clink's script run under `lua5.4`, with the few Clink functions it calls stubbed:
//! `clink.onbeginedit` (the prompt hook, called once a step), `os.getenv`, `os.setenv`
//! and `os.getcwd` over a table that stands for cmd's session, and `io.popen`, counted,
//! running venvsh as the caller says.

use std::path::Path;

/// Runs the script at `script` through `steps` (a name, and the folder the step moves
/// to, or None to stay: an idle prompt), starting in `start`. `env` is cmd's session at
/// the start. `command` is a Lua function `(cwd, env, cmd, shq)` returning the shell
/// command that runs `cmd` (venvsh and its arguments, as the script writes them) in `cwd`
/// with the session `env` (a table; `shq` quotes for sh). Returns `step:NAME=value`
/// lines for VIRTUAL_ENV, VIRTUAL_ENV_PROMPT, PATH and PROMPT, and `step:popens=N`.
pub fn run(
    tmp: &Path,
    script: &Path,
    start: &str,
    env: &[(&str, String)],
    command: &str,
    steps: &[(&str, Option<String>)],
) -> Vec<String> {
    let lua = |s: &str| format!("{s:?}");
    let mut init = String::new();
    for (k, v) in env {
        init.push_str(&format!("env[{}] = {}\n", lua(k), lua(v)));
    }
    let mut run = String::new();
    for (name, dir) in steps {
        let dir = dir.as_deref().map_or("nil".to_string(), lua);
        run.push_str(&format!("step({}, {dir})\n", lua(name)));
    }
    let driver = format!(
        r#"
local real_getenv = os.getenv
local env = {{}}
{init}
local cwd = {start}
local popens = 0
local function shq(s) return "'" .. s:gsub("'", "'\\''") .. "'" end
os.getenv = function(k) return env[k] end
os.setenv = function(k, v) env[k] = v end
os.getcwd = function() return cwd end
local command = {command}
local real_popen = io.popen
io.popen = function(cmd)
  popens = popens + 1
  return real_popen(command(cwd, env, cmd, shq))
end
local hook
clink = {{ onbeginedit = function(f) hook = f end }}
dofile({script})
local function step(name, dir)
  if dir then cwd = dir end
  hook()
  for _, k in ipairs({{"VIRTUAL_ENV", "VIRTUAL_ENV_PROMPT", "PATH", "PROMPT"}}) do
    print(name .. ":" .. k .. "=" .. tostring(env[k]))
  end
  print(name .. ":popens=" .. popens)
end
{run}"#,
        script = lua(&script.to_string_lossy()),
        start = lua(start),
    );
    let file = tmp.join("driver.lua");
    std::fs::write(&file, driver).unwrap();
    let out = super::timeout(std::process::Command::new("lua5.4").arg(&file), 300);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text.lines().map(String::from).collect()
}
