# venvsh for elvish. Load it from ~/.config/elvish/rc.elv with:
#   eval (venvsh hook elvish | slurp)
# venvsh answers with a list of operations as JSON: values arrive as data and are never
# parsed as code. Nothing here starts a process at a prompt where nothing changed.

use str
use path

var bin = @VENVSH@

# What the last look saw; the hook compares, and starts venvsh only on a change.
var seen-pwd = ''
var seen-state = ''
var seen-ve = ''
# [[path kind] ...]: how the watched paths looked (kind: file, notfile, absent).
var watch = []
# The token of the venv whose prompt and `deactivate` this shell has (see Op::Ui).
var ui = ''
var gone = $false

# The prompt: while a venv is active, a wrapper draws `(NAME) ` and then the user's
# prompt, kept inside it. NAME is printed as text: nothing in it expands. The wrapper is
# known by the mark in its body and gives back what it wraps when asked
# (`&venvsh-inner`), so a hook loaded again (a re-read rc.elv) unwraps it too.
fn ours {|f|
  try { str:contains $f[body] __venvsh_prompt } catch { put $false }
}

# Puts the user's prompt back, unless it was replaced meanwhile (then the new one stays).
fn prompt-off {
  if (ours $edit:prompt) {
    set edit:prompt = ($edit:prompt &venvsh-inner=$true)
  }
}

fn prompt-on {|name|
  prompt-off
  if (and (has-env VIRTUAL_ENV_DISABLE_PROMPT) (not-eq $E:VIRTUAL_ENV_DISABLE_PROMPT '')) {
    return
  }
  var prefix = '('$name') '
  var inner = $edit:prompt
  set edit:prompt = {|&venvsh-inner=$false|
    nop __venvsh_prompt
    if $venvsh-inner { put $inner } else { put $prefix; $inner }
  }
}

fn exists {|p|
  or (path:is-dir &follow-symlink=$true $p) (path:is-regular &follow-symlink=$true $p)
}

# Whether the watched paths look as they did.
fn same {
  for w $watch {
    var p kind = $w[0] $w[1]
    var file = (path:is-regular &follow-symlink=$true $p)
    if (or (and (eq $kind file) (not $file)) (and (eq $kind notfile) $file) (and (eq $kind absent) (exists $p))) {
      put $false
      return
    }
  }
  put $true
}

fn record {
  set seen-pwd = $pwd
  set seen-state = (if (has-env VENVSH_STATE) { put $E:VENVSH_STATE } else { put '' })
  set seen-ve = (if (has-env VIRTUAL_ENV) { put $E:VIRTUAL_ENV } else { put '' })
}

var run~ = $nil

# Applies what venvsh printed: a JSON list of operations.
fn apply {|out|
  if (eq $out '') { return }
  var ops = (try { echo $out | from-json } catch { put [] })
  for op $ops {
    var o = $op[0]
    if (eq $o set) {
      set-env $op[1] $op[2]
    } elif (eq $o unset) {
      unset-env $op[1]
    } elif (eq $o prompt_on) {
      prompt-on $op[1]
    } elif (eq $o prompt_off) {
      prompt-off
    } elif (eq $o define_deactivate) {
      edit:add-var deactivate~ {|@args| $run~ deactivate $@args }
    } elif (eq $o remove_deactivate) {
      try { edit:del-var deactivate~ } catch { }
    } elif (eq $o ui) {
      set ui = $op[1]
    } elif (eq $o watch) {
      set watch = $op[1]
    } elif (eq $o say) {
      echo 'venvsh: '$op[1] >&2
    }
  }
}

# `venvsh activate|deactivate|remove`: what venvsh prints is applied to this shell
# when it is a list of operations, else shown (`--help`).
set run~ = {|cmd @args|
  var out = ($bin $cmd --shell elvish $@args | slurp)
  if (str:has-prefix $out '[') {
    apply $out
  } elif (not-eq $out '') {
    print $out
  }
  record
}

fn export {
  if (not (path:is-regular &follow-symlink=$true $bin)) {
    if (not $gone) {
      echo 'venvsh: '$bin' is gone; automatic venv switching is off until it is back' >&2
      set gone = $true
    }
    record
    return
  }
  set gone = $false
  var out = (try { $bin export elvish $ui | slurp } catch { put '' })
  apply $out
  record
}

fn hook {
  var st = (if (has-env VENVSH_STATE) { put $E:VENVSH_STATE } else { put '' })
  var ve = (if (has-env VIRTUAL_ENV) { put $E:VIRTUAL_ENV } else { put '' })
  if (or (not-eq $pwd $seen-pwd) (not-eq $st $seen-state) (not-eq $ve $seen-ve) (not (same))) {
    export
  }
}

# ---- hook ----
edit:add-var venvsh~ {|@args|
  if (and (> (count $args) 0) (has-value [activate deactivate remove] $args[0])) {
    $run~ $@args
  } else {
    # VENVSH_HOOK tells `venvsh doctor` the hook is here and where it last looked.
    tmp E:VENVSH_HOOK = 'elvish:'$seen-pwd
    # allow, create, remove...: look again at the next prompt.
    try { $bin $@args } finally { set seen-pwd = '' }
  }
}

# At every prompt, and at once on a cd (so `cd proj; pytest` runs in the venv); the
# prompt after that cd finds nothing changed. A hook loaded before (a re-read rc.elv)
# goes first: its closures are known by the mark in their bodies.
fn not-ours {|@fs|
  for f $fs {
    if (not (try { str:contains $f[body] __venvsh_hook } catch { put $false })) { put $f }
  }
}
set edit:before-readline = [(not-ours $@edit:before-readline) { nop __venvsh_hook; hook }]
set after-chdir = [(not-ours $@after-chdir) {|_| nop __venvsh_hook; hook }]
