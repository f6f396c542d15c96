===== hook =====
@rem venvsh for cmd.exe. Save this file and make it cmd's AutoRun (see README):
@rem   venvsh hook cmd > "%LOCALAPPDATA%\venvsh\venvsh.cmd"
@rem Run with no arguments (as AutoRun does) it defines doskey macros - venvsh,
@rem deactivate, and cd/chdir/pushd/popd that look again after moving - which call this
@rem same file back. venvsh's output for cmd is written to a temporary batch file and
@rem run with `call`, so it changes this cmd session.
@echo off
if "%~1"=="" goto :__venvsh_install
if /i "%~1"=="__switch" goto :__venvsh_switch
if /i "%~1"=="activate" goto :__venvsh_eval
if /i "%~1"=="deactivate" goto :__venvsh_eval
if /i "%~1"=="remove" goto :__venvsh_eval
"/usr/local/bin/venvsh" %*
exit /b
:__venvsh_eval
set "__VENVSH_TMP=%TEMP%\venvsh-%RANDOM%%RANDOM%.cmd"
"/usr/local/bin/venvsh" %* --shell cmd > "%__VENVSH_TMP%"
goto :__venvsh_run
:__venvsh_switch
set "__VENVSH_TMP=%TEMP%\venvsh-%RANDOM%%RANDOM%.cmd"
"/usr/local/bin/venvsh" export cmd %__VENVSH_UI% > "%__VENVSH_TMP%"
:__venvsh_run
rem Run the output only when it is code (so `venvsh activate --help` just prints); its
rem first line by `for /f`, as `set /p <` in wine's cmd reads the whole file.
set "__VENVSH_FIRST="
for /f "usebackq delims=" %%l in ("%__VENVSH_TMP%") do if not defined __VENVSH_FIRST set "__VENVSH_FIRST=%%l"
if "%__VENVSH_FIRST%"=="@rem venvsh eval" (call "%__VENVSH_TMP%") else (type "%__VENVSH_TMP%")
del "%__VENVSH_TMP%" >nul 2>&1
set "__VENVSH_TMP="
set "__VENVSH_FIRST="
exit /b
:__venvsh_install
doskey venvsh=call "%~f0" $*
doskey deactivate=call "%~f0" deactivate $*
doskey cd=cd $* $T call "%~f0" __switch
doskey chdir=chdir $* $T call "%~f0" __switch
doskey pushd=pushd $* $T call "%~f0" __switch
doskey popd=popd $* $T call "%~f0" __switch
call "%~f0" __switch
exit /b
===== enter =====
@rem venvsh eval
set "VIRTUAL_ENV=/tmp/venvsh-fixed-render/proj/.venv"
set "VIRTUAL_ENV_PROMPT=proj"
set "PATH=/tmp/venvsh-fixed-render/proj/.venv/bin:/usr/bin:/bin"
set "VENVSH_STATE=v1v:35:/tmp/venvsh-fixed-render/proj/.venvb:39:/tmp/venvsh-fixed-render/proj/.venv/binn:4:projm:4:autow:3:UID"
if not defined __VENVSH_OLD_PROMPT if defined PROMPT (set "__VENVSH_OLD_PROMPT=%PROMPT%") else (set "__VENVSH_OLD_PROMPT=$P$G")
if not defined VIRTUAL_ENV_DISABLE_PROMPT set "PROMPT=(proj) %__VENVSH_OLD_PROMPT%"
set "__VENVSH_UI=9a0a206b29f95c9a"
===== leave =====
@rem venvsh eval
set "PATH=/usr/bin:/bin"
set "VIRTUAL_ENV="
set "VIRTUAL_ENV_PROMPT="
set "PYTHONHOME="
set "VENVSH_STATE="
if defined __VENVSH_OLD_PROMPT set "PROMPT=%__VENVSH_OLD_PROMPT%"
set "__VENVSH_OLD_PROMPT="
set "__VENVSH_UI="
===== activate =====
@rem venvsh eval
set "VIRTUAL_ENV=/tmp/venvsh-fixed-render/proj/.venv"
set "VIRTUAL_ENV_PROMPT=proj"
set "PATH=/tmp/venvsh-fixed-render/proj/.venv/bin:/usr/bin:/bin"
set "VENVSH_STATE=v1v:35:/tmp/venvsh-fixed-render/proj/.venvb:39:/tmp/venvsh-fixed-render/proj/.venv/binn:4:projm:3:pinw:3:UID"
if not defined __VENVSH_OLD_PROMPT if defined PROMPT (set "__VENVSH_OLD_PROMPT=%PROMPT%") else (set "__VENVSH_OLD_PROMPT=$P$G")
if not defined VIRTUAL_ENV_DISABLE_PROMPT set "PROMPT=(proj) %__VENVSH_OLD_PROMPT%"
set "__VENVSH_UI=9a0a206b29f95c9a"
===== deactivate =====
@rem venvsh eval
set "PATH=/usr/bin:/bin"
set "VIRTUAL_ENV="
set "VIRTUAL_ENV_PROMPT="
set "PYTHONHOME="
set "VENVSH_STATE=v1o:29:/tmp/venvsh-fixed-render/proj"
if defined __VENVSH_OLD_PROMPT set "PROMPT=%__VENVSH_OLD_PROMPT%"
set "__VENVSH_OLD_PROMPT="
set "__VENVSH_UI="
===== enter a conda prefix =====
@rem venvsh eval
set "CONDA_PREFIX=/tmp/venvsh-fixed-render/px/.pixi/envs/default"
set "CONDA_DEFAULT_ENV=px"
set "PIXI_PROJECT_ROOT=/tmp/venvsh-fixed-render/px"
set "PIXI_PROJECT_NAME=px"
set "PIXI_PROJECT_MANIFEST=/tmp/venvsh-fixed-render/px/pixi.toml"
set "PIXI_ENVIRONMENT_NAME=default"
set "PIXI_PROMPT=(px) "
set "MY_VAR=v"
set "PATH=/tmp/venvsh-fixed-render/px/.pixi/envs/default/bin:/usr/bin:/bin"
set "VENVSH_STATE=v1v:46:/tmp/venvsh-fixed-render/px/.pixi/envs/defaultb:50:/tmp/venvsh-fixed-render/px/.pixi/envs/default/binn:2:pxm:4:autow:3:UIDk:5:condac:12:CONDA_PREFIXc:17:CONDA_DEFAULT_ENVc:17:PIXI_PROJECT_ROOTc:17:PIXI_PROJECT_NAMEc:21:PIXI_PROJECT_MANIFESTc:21:PIXI_ENVIRONMENT_NAMEc:11:PIXI_PROMPTc:6:MY_VARd:4:x.shd:5:x.ps1d:6:x.fishd:5:x.cshd:5:x.bat"
if not defined __VENVSH_OLD_PROMPT if defined PROMPT (set "__VENVSH_OLD_PROMPT=%PROMPT%") else (set "__VENVSH_OLD_PROMPT=$P$G")
if not defined VIRTUAL_ENV_DISABLE_PROMPT set "PROMPT=(px) %__VENVSH_OLD_PROMPT%"
set "__VENVSH_UI=6b16d475eec3f9bf"
if exist "/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/activate.d/x.bat" call "/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/activate.d/x.bat"
===== leave it =====
@rem venvsh eval
set "PATH=/usr/bin:/bin"
set "VENVSH_STATE="
if exist "/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/deactivate.d/x.bat" call "/tmp/venvsh-fixed-render/px/.pixi/envs/default/etc/conda/deactivate.d/x.bat"
set "CONDA_PREFIX="
set "CONDA_DEFAULT_ENV="
set "PIXI_PROJECT_ROOT="
set "PIXI_PROJECT_NAME="
set "PIXI_PROJECT_MANIFEST="
set "PIXI_ENVIRONMENT_NAME="
set "PIXI_PROMPT="
set "MY_VAR="
set "PYTHONHOME="
if defined __VENVSH_OLD_PROMPT set "PROMPT=%__VENVSH_OLD_PROMPT%"
set "__VENVSH_OLD_PROMPT="
set "__VENVSH_UI="
