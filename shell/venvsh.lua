-- venvsh for Clink (cmd.exe with Clink): switches venvs before every prompt.
-- Save it where Clink loads scripts, e.g.:
--   venvsh hook clink > "%LOCALAPPDATA%\clink\venvsh.lua"
-- At a prompt where nothing changed (same folder, same venv state) no process starts.
-- venvsh's output is a Lua table of operations, loaded with no access to anything.

local exe = @VENVSH@
local last = { pwd = false, st = false, ve = false }
local ui = ""

local function prompt_on(prefix)
    if os.getenv("VIRTUAL_ENV_DISABLE_PROMPT") then
        return
    end
    if not os.getenv("__VENVSH_OLD_PROMPT") then
        os.setenv("__VENVSH_OLD_PROMPT", os.getenv("PROMPT") or "$P$G")
    end
    os.setenv("PROMPT", prefix .. os.getenv("__VENVSH_OLD_PROMPT"))
end

local function prompt_off()
    local old = os.getenv("__VENVSH_OLD_PROMPT")
    if old then
        os.setenv("PROMPT", old)
        os.setenv("__VENVSH_OLD_PROMPT", nil)
    end
end

local function export()
    local f = io.popen('"' .. exe .. '" export clink ' .. ui)
    if not f then
        return
    end
    local code = f:read("a") or ""
    f:close()
    if code:sub(1, 14) ~= "-- venvsh eval" then
        return
    end
    local chunk = load(code, "venvsh", "t", {})
    if not chunk then
        return
    end
    for _, op in ipairs(chunk()) do
        local kind = op[1]
        if kind == "set" then
            os.setenv(op[2], op[3])
        elseif kind == "unset" then
            os.setenv(op[2], nil)
        elseif kind == "prompt_on" then
            prompt_on(op[2])
        elseif kind == "prompt_off" then
            prompt_off()
        elseif kind == "ui" then
            ui = op[2]
        end
    end
end

local function state()
    return os.getcwd(), os.getenv("VENVSH_STATE") or "", os.getenv("VIRTUAL_ENV") or ""
end

clink.onbeginedit(function()
    local pwd, st, ve = state()
    if pwd ~= last.pwd or st ~= last.st or ve ~= last.ve then
        export()
        last.pwd, last.st, last.ve = state()
    end
end)
