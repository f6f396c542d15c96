/* A stand-in for a Windows python.exe (and py.exe, the launcher), for the tests that
 * run the Windows venvsh.exe under wine (tests/windows.rs). It does the few things
 * venvsh asks of a Python, as CPython does them on Windows:
 *   -c "...sys.version_info..."   prints its version
 *   -c "...sys.executable..."     prints its own path
 *   -c "...sys.prefix..."         prints its prefix: the venv around Scripts\, else its folder
 *   -c "raise SystemExit(N)"      exits N
 *   -m venv [--prompt=P] [...] DIR  makes DIR\Scripts\python.exe (a copy of itself),
 *                                 DIR\Lib\site-packages and DIR\pyvenv.cfg
 *   -m pip ...                    says so and exits 0
 * Named py.exe it is the launcher: a first argument -3 or -3.12 picks the version, and
 * any other version is not found (exit 103, as py.exe does).
 * Output is in the ANSI code page, as CPython's to a pipe, or UTF-8 with `-X utf8`.
 * Built by the tests with x86_64-w64-mingw32-gcc -municode. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#define VERSION "3.12.4"

static UINT out_cp = CP_ACP;

static void put_text(const wchar_t *w) {
    char buf[4 * MAX_PATH * 4];
    int n = WideCharToMultiByte(out_cp, 0, w, -1, buf, sizeof buf, NULL, NULL);
    if (n > 0) fwrite(buf, 1, (size_t)n - 1, stdout);
}

static void self_path(wchar_t *out) {
    GetModuleFileNameW(NULL, out, 4 * MAX_PATH);
}

/* The folder of a path, in place. */
static void dirname_w(wchar_t *p) {
    wchar_t *s = wcsrchr(p, L'\\');
    if (s) *s = 0;
}

static int write_cfg(const wchar_t *dir, const wchar_t *home, const wchar_t *prompt) {
    wchar_t path[4 * MAX_PATH];
    swprintf(path, 4 * MAX_PATH, L"%ls\\pyvenv.cfg", dir);
    FILE *f = _wfopen(path, L"wb");
    if (!f) return 0;
    char buf[4 * MAX_PATH * 4];
    WideCharToMultiByte(CP_UTF8, 0, home, -1, buf, sizeof buf, NULL, NULL);
    fprintf(f, "home = %s\r\ninclude-system-site-packages = false\r\nversion = " VERSION "\r\n", buf);
    if (prompt) {
        WideCharToMultiByte(CP_UTF8, 0, prompt, -1, buf, sizeof buf, NULL, NULL);
        fprintf(f, "prompt = '%s'\r\n", buf);
    }
    fclose(f);
    return 1;
}

static int make_venv(int argc, wchar_t **argv) {
    const wchar_t *dir = NULL, *prompt = NULL;
    for (int i = 0; i < argc; i++) {
        if (wcsncmp(argv[i], L"--prompt=", 9) == 0) prompt = argv[i] + 9;
        else if (argv[i][0] != L'-') dir = argv[i];
    }
    if (!dir) {
        fputs("usage: venv [options] ENV_DIR\n", stderr);
        return 2;
    }
    wchar_t sub[4 * MAX_PATH], self[4 * MAX_PATH], home[4 * MAX_PATH];
    CreateDirectoryW(dir, NULL);
    swprintf(sub, 4 * MAX_PATH, L"%ls\\Scripts", dir);
    CreateDirectoryW(sub, NULL);
    swprintf(sub, 4 * MAX_PATH, L"%ls\\Lib", dir);
    CreateDirectoryW(sub, NULL);
    swprintf(sub, 4 * MAX_PATH, L"%ls\\Lib\\site-packages", dir);
    CreateDirectoryW(sub, NULL);
    self_path(self);
    wcscpy(home, self);
    dirname_w(home);
    swprintf(sub, 4 * MAX_PATH, L"%ls\\Scripts\\python.exe", dir);
    if (!CopyFileW(self, sub, FALSE) || !write_cfg(dir, home, prompt)) {
        fputs("Error: cannot create the venv\n", stderr);
        return 1;
    }
    return 0;
}

int wmain(int argc, wchar_t **argv) {
    wchar_t self[4 * MAX_PATH];
    self_path(self);
    const wchar_t *base = wcsrchr(self, L'\\');
    base = base ? base + 1 : self;
    int i = 1;
    if (_wcsicmp(base, L"py.exe") == 0 && i < argc && argv[i][0] == L'-' && iswdigit(argv[i][1])) {
        const wchar_t *want = argv[i] + 1;
        wchar_t have[] = L"" VERSION;
        size_t n = wcslen(want);
        if (wcsncmp(have, want, n) != 0 || (have[n] != 0 && have[n] != L'.')) {
            fprintf(stderr, "No suitable Python runtime found\n");
            return 103;
        }
        i++;
        /* The launcher runs the python.exe beside it. */
        wchar_t *slash = wcsrchr(self, L'\\');
        if (slash) wcscpy(slash + 1, L"python.exe");
    }
    while (i + 1 < argc && wcscmp(argv[i], L"-X") == 0) {
        if (wcscmp(argv[i + 1], L"utf8") == 0) out_cp = CP_UTF8;
        i += 2;
    }
    if (i + 1 < argc && wcscmp(argv[i], L"-c") == 0) {
        const wchar_t *code = argv[i + 1];
        const wchar_t *exit_at = wcsstr(code, L"SystemExit(");
        if (exit_at) return _wtoi(exit_at + 11);
        if (wcsstr(code, L"version_info")) {
            puts(VERSION);
        } else if (wcsstr(code, L"executable")) {
            put_text(self);
            putchar('\n');
        } else if (wcsstr(code, L"prefix")) {
            wchar_t p[4 * MAX_PATH];
            wcscpy(p, self);
            dirname_w(p);
            const wchar_t *last = wcsrchr(p, L'\\');
            if (last && _wcsicmp(last + 1, L"Scripts") == 0) dirname_w(p);
            put_text(p);
            putchar('\n');
        }
        return 0;
    }
    if (i + 1 < argc && wcscmp(argv[i], L"-m") == 0) {
        if (wcscmp(argv[i + 1], L"venv") == 0) return make_venv(argc - i - 2, argv + i + 2);
        if (wcscmp(argv[i + 1], L"pip") == 0) {
            puts("pip: nothing to do (stand-in)");
            return 0;
        }
    }
    fputs("stand-in python: unsupported arguments\n", stderr);
    return 2;
}
