# A real session in PowerShell 7 and in Windows PowerShell 5.1 (.github/workflows/ci.yml):
# the hook loaded under strict mode, a venv made and allowed, a move into the project and
# a prompt drawn, then out again. Run from the repository, after `cargo build --release`.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$bin = (Resolve-Path (Join-Path $PSScriptRoot '..\target\release')).ProviderPath
$env:PATH = $bin + ';' + $env:PATH
$tmp = Join-Path $env:RUNNER_TEMP ('venvsh ps ' + $PSVersionTable.PSVersion.Major)
# The trust store and the config go under here, not the runner's own folders.
$env:LOCALAPPDATA = Join-Path $tmp 'data'
$env:APPDATA = Join-Path $tmp 'config'
$proj = Join-Path $tmp 'my proj'
New-Item -ItemType Directory -Path $proj -Force | Out-Null
python -m venv --without-pip (Join-Path $proj '.venv')
if ($LASTEXITCODE) { throw 'python -m venv failed' }
venvsh.exe allow $proj
if ($LASTEXITCODE) { throw 'venvsh allow failed' }
Invoke-Expression (venvsh.exe hook pwsh | Out-String)
Set-Location $tmp
$null = prompt
Set-Location $proj
$drawn = prompt
$want = Join-Path $proj '.venv'
if ($env:VIRTUAL_ENV -ne $want) { throw "VIRTUAL_ENV is '$env:VIRTUAL_ENV', not '$want'" }
if (-not ($drawn -join '').StartsWith('(my proj) ')) { throw "the prompt is '$drawn'" }
$prefix = python -c 'import sys; print(sys.prefix)'
if ($prefix -ne $want) { throw "python's sys.prefix is '$prefix', not '$want'" }
Set-Location $tmp
$null = prompt
if (Test-Path Env:VIRTUAL_ENV) { throw "VIRTUAL_ENV is still '$env:VIRTUAL_ENV' after leaving" }
if ($env:PATH.Split(';') -contains (Join-Path $want 'Scripts')) { throw 'the venv is still on PATH' }
Write-Output ('a session in PowerShell ' + $PSVersionTable.PSVersion + ' worked')
