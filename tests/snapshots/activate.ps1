# venvsh eval
$env:VIRTUAL_ENV = '/ROOT/proj/.venv'
$env:VIRTUAL_ENV_PROMPT = ('' + 'it''s ' + [char]0x2018 + 'quoted' + [char]0x2019 + ' $(x)')
$env:PATH = '/ROOT/proj/.venv/bin:/usr/bin:/bin'
$env:VENVSH_STATE = 'STATE'
__venvsh_prompt_on ('' + 'it''s ' + [char]0x2018 + 'quoted' + [char]0x2019 + ' $(x)')
__venvsh_define_deactivate
$global:__venvsh_ui = 'TOKEN'
function global:__venvsh_same { (Test-Path -LiteralPath '/ROOT/proj/.venv/pyvenv.cfg' -PathType Leaf) }
