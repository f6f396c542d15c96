@echo off
rem A real session in cmd.exe (.github/workflows/ci.yml): the file `venvsh hook cmd`
rem prints, called after each move as its cd macro calls it, into an allowed project
rem and out again. Run from the repository, after `cargo build --release`.
setlocal
set "PATH=%~dp0..\target\release;%PATH%"
set "T=%RUNNER_TEMP%\venvsh cmd"
set "LOCALAPPDATA=%T%\data"
set "APPDATA=%T%\config"
mkdir "%T%\my proj" || exit /b 1
python -m venv --without-pip "%T%\my proj\.venv" || exit /b 1
venvsh.exe allow "%T%\my proj" || exit /b 1
venvsh.exe hook cmd > "%T%\venvsh.cmd" || exit /b 1
cd /d "%T%\my proj" || exit /b 1
call "%T%\venvsh.cmd" __switch
if /i not "%VIRTUAL_ENV%"=="%T%\my proj\.venv" (echo VIRTUAL_ENV is "%VIRTUAL_ENV%" & exit /b 1)
for /f "usebackq delims=" %%p in (`python -c "import sys; print(sys.prefix)"`) do set "PREFIX=%%p"
if /i not "%PREFIX%"=="%T%\my proj\.venv" (echo sys.prefix is "%PREFIX%" & exit /b 1)
cd /d "%T%" || exit /b 1
call "%T%\venvsh.cmd" __switch
if defined VIRTUAL_ENV (echo VIRTUAL_ENV is still "%VIRTUAL_ENV%" & exit /b 1)
echo a session in cmd worked
