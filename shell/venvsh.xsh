# venvsh for xonsh. Load it from ~/.xonshrc with:
#   execx($(venvsh hook xonsh))
# venvsh answers with a list of operations as JSON: values arrive as data and are never
# parsed as code. Nothing here starts a process at a prompt where nothing changed.

def __venvsh_make(bin):
    import json, os, subprocess

    env = __xonsh__.env
    # Kept in the session across loads (a re-read ~/.xonshrc), so the prompt set up by
    # the hook loaded before is taken back by this one.
    st = __xonsh__.ctx.get('__venvsh_st') or {'state': '', 've': '', 'watch': [], 'ui': '', 'gone': False, 'prefix': ''}
    # Look again at the next prompt, and set the prompt and `deactivate` up again (a
    # re-read ~/.xonshrc may have reset $PROMPT).
    st['pwd'] = None
    st['ui'] = ''
    __xonsh__.ctx['__venvsh_st'] = st

    # The prompt: with `{env_name}` in $PROMPT, that field shows `(NAME) ` (xonsh's own
    # convention); else `(NAME) ` goes in front of $PROMPT, braces doubled so that
    # nothing in NAME is read as a field. Either is taken back as it was.
    def prompt_off():
        fields = env['PROMPT_FIELDS']
        if st.get('field') is not None:
            fields['env_name'] = st.pop('field')
        prompt = env.get('PROMPT', '')
        if st['prefix'] and isinstance(prompt, str) and prompt.startswith(st['prefix']):
            env['PROMPT'] = prompt[len(st['prefix']):]
        st['prefix'] = ''

    def prompt_on(name):
        prompt_off()
        if env.get('VIRTUAL_ENV_DISABLE_PROMPT'):
            return
        shown = '(' + name + ') '
        prompt = env.get('PROMPT', '')
        if isinstance(prompt, str) and '{env_name' in prompt:
            st['field'] = env['PROMPT_FIELDS'].get('env_name')
            env['PROMPT_FIELDS']['env_name'] = lambda: shown
        elif isinstance(prompt, str):
            st['prefix'] = shown.replace('{', '{{').replace('}', '}}')
            env['PROMPT'] = st['prefix'] + prompt

    # The folder as the shell has it; one deleted under the shell has only its name.
    def cwd():
        try:
            return os.getcwd()
        except OSError:
            return env.get('PWD')

    def record():
        st['pwd'] = cwd()
        st['state'] = env.get('VENVSH_STATE', '')
        st['ve'] = env.get('VIRTUAL_ENV', '')

    def same():
        for path, kind in st['watch']:
            isfile = os.path.isfile(path)
            if (kind == 'file' and not isfile) or (kind == 'notfile' and isfile) or (kind == 'absent' and os.path.exists(path)):
                return False
        return True

    def apply(out):
        try:
            ops = json.loads(out) if out.strip() else []
        except ValueError:
            ops = []
        for op in ops:
            o = op[0]
            if o == 'set':
                env[op[1]] = op[2]
            elif o == 'unset':
                env.pop(op[1], None)
            elif o == 'prompt_on':
                prompt_on(op[1])
            elif o == 'prompt_off':
                prompt_off()
            elif o == 'define_deactivate':
                aliases['deactivate'] = lambda args: run('deactivate', args)
            elif o == 'remove_deactivate':
                aliases.pop('deactivate', None)
            elif o == 'ui':
                st['ui'] = op[1]
            elif o == 'watch':
                st['watch'] = op[1]
            elif o == 'source':
                # A conda prefix's activate.d/deactivate.d script, as conda's xonsh
                # activator runs it.
                if os.path.isfile(op[1]):
                    try:
                        aliases['source-cmd' if os.name == 'nt' else 'source-bash'](['--suppress-skip-message', op[1]])
                    except Exception as e:
                        print('venvsh: ' + op[1] + ': ' + str(e), file=__import__('sys').stderr)
            elif o == 'say':
                print('venvsh: ' + op[1], file=__import__('sys').stderr)

    def call(args):
        environ = {k: v for k, v in env.detype().items()}
        return subprocess.run([bin] + args, stdout=subprocess.PIPE, env=environ)

    # `venvsh activate|deactivate|remove`: what venvsh prints is applied to this shell
    # when it is a list of operations, else shown (`--help`).
    def run(cmd, args):
        done = call([cmd, '--shell', 'xonsh'] + list(args))
        out = done.stdout.decode('utf-8', 'replace')
        if out.startswith('['):
            apply(out)
        elif out:
            print(out, end='')
        record()
        return done.returncode

    def export():
        if not os.access(bin, os.X_OK):
            if not st['gone']:
                print('venvsh: ' + bin + ' is gone; automatic venv switching is off until it is back', file=__import__('sys').stderr)
                st['gone'] = True
            record()
            return
        st['gone'] = False
        apply(call(['export', 'xonsh', st['ui']]).stdout.decode('utf-8', 'replace'))
        record()

    def hook(**_):  # named __venvsh_hook below
        if cwd() != st['pwd'] or env.get('VENVSH_STATE', '') != st['state'] or env.get('VIRTUAL_ENV', '') != st['ve'] or not same():
            export()

    def venvsh(args):
        if args and args[0] in ('activate', 'deactivate', 'remove'):
            return run(args[0], args[1:])
        # VENVSH_HOOK tells `venvsh doctor` the hook is here and where it last looked.
        env['VENVSH_HOOK'] = 'xonsh:' + (st['pwd'] or '')
        try:
            return subprocess.run([bin] + list(args), env=env.detype()).returncode
        finally:
            env.pop('VENVSH_HOOK', None)
            st['pwd'] = None

    hook.__name__ = '__venvsh_hook'
    return hook, venvsh

# ---- hook ----
# At every prompt, and at once on a cd (so `cd proj; pytest` runs in the venv); the
# prompt after that cd finds nothing changed. Loaded again (a re-read ~/.xonshrc), the
# earlier hook is taken out first.
for __venvsh_event in (events.on_pre_prompt, events.on_chdir):
    for __venvsh_h in [h for h in __venvsh_event if getattr(h, '__name__', '') == '__venvsh_hook']:
        __venvsh_event.discard(__venvsh_h)
__venvsh_hook, aliases['venvsh'] = __venvsh_make(@VENVSH@)
events.on_pre_prompt(__venvsh_hook)
events.on_chdir(__venvsh_hook)
del __venvsh_make, __venvsh_event
