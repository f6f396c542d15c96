//! Issue 6.3: the readers of untrusted bytes (`pyvenv.cfg`, `.venv` link files, the
//! config file, the `VENVSH_STATE` variable) fed random and mutated input: no panic,
//! output bounded by the input, errors on one line. A short run is part of `cargo test`;
//! a longer one: `VENVSH_FUZZ_SECS=600 cargo test --bin venvsh fuzz -- --nocapture`.
//! `VENVSH_SEED` replays a run.

use crate::state::State;
use std::path::Path;
use std::time::{Duration, Instant};

// The seeded generator the integration tests use (splitmix64, `VENVSH_SEED`).
use venvsh_gen::Rng;

/// Seeds shaped like the real inputs, so mutations reach past the first byte checks.
const SEEDS: &[&[u8]] = &[
    b"home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\nprompt = 'my app'\n",
    b"prompt = \"it's\"\nversion_info = 3.12.1.final.0\n",
    b"prompt = '\\udcff\\x1b[31m\\N{BULLET}\\u00e9\\U0001F692\\n'\n",
    b"tools\n",
    b"  ../other/venv  \r\n",
    b"venv_names = [\".venv\", \"venv\"]\nvenv_home = \"~/.venvs\"\ntrust = \"owned\"\ntrusted_roots = [\"/src\"]\nprompt = true\nquiet = false\nauto = true\n",
    b"v1;a:5:/p/.v;b:9:/p/.v/bin;n:1:p;p:1:1;o:3:/x%3A",
    // The files of projects that Poetry, Pipenv, PDM and Hatch manage (src/managers).
    b"[project]\nname = \"My_App.x\"\n[tool.poetry]\npackage-mode = false\n[tool.hatch.envs.default]\npath = \".h\"\ntype = \"virtual\"\n",
    b"[my-app-x-ChV0wiw-]\nminor = \"3.11\"\npatch = \"3.11.2\"\n",
    b"[virtualenvs]\npath = \"{cache-dir}/v\"\ncreate = true\n[dirs]\ndata = \"~/d/$HOME\"\n[dirs.env]\nvirtual = \".e\"\n",
    b"[packages]\nrequests = \"*\"\n[pipenv]\nvenv_in_project = false\n",
    b"/usr/bin/python3",
];

const TOKENS: &[&[u8]] = &[
    b"\n",
    b"=",
    b" = ",
    b"'",
    b"\"",
    b"\\",
    b"\\u",
    b"\\U",
    b"\\x",
    b"\\N{",
    b"}",
    b"[",
    b"]",
    b":",
    b";",
    b"%",
    b"99999999999999999999",
    b"4294967296",
    b"\xff",
    b"\xed\xa0\x80",
    b"prompt",
    b"home",
    b"version",
    b"v1",
    b"[tool.poetry]",
    b"[tool.hatch",
    b"name",
    b"minor",
    b"{cache-dir}",
    b"~/",
    b"#",
    b"\r",
    b"\0",
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>) {
    for _ in 0..=rng.below(8) {
        let at = rng.below(input.len() + 1);
        match rng.below(5) {
            0 if !input.is_empty() => {
                let end = (at + rng.below(16)).min(input.len());
                input.drain(at.min(end)..end);
            }
            1 => input.insert(at, rng.next() as u8),
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                input.splice(at..at, t.iter().copied());
            }
            3 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            _ => {
                // A copy of a slice of itself (repetition, long inputs).
                let from = rng.below(input.len() + 1);
                let end = (from + rng.below(64)).min(input.len());
                let piece = input[from..end].to_vec();
                input.splice(at..at, piece);
            }
        }
    }
    input.truncate(64 * 1024);
}

/// Every reader on one input; panics (failing the test) on a broken promise.
fn check(input: &[u8]) {
    let cfg = crate::pyvenv::PyvenvCfg::parse(input);
    if let Some(p) = cfg.prompt() {
        assert!(p.len() <= input.len() * 4 + 4, "prompt grew past its input");
    }
    let _ = cfg.version();
    if let Some(t) = crate::find::parse_link(input) {
        let t = crate::paths::os_bytes(&t);
        // A UTF-16 file (after its byte-order mark) becomes UTF-8: at most 3 bytes for
        // each 2-byte unit. Anything else is cut, never grown.
        let bound = if input.starts_with(b"\xff\xfe") {
            input.len() / 2 * 3
        } else {
            input.len()
        };
        assert!(!t.contains(&b'\n') && t.len() <= bound);
    }
    let (_, err) = crate::config::parse(Path::new("/c.toml"), input);
    if let Some(e) = err {
        assert!(!e.contains('\n'), "a config error on one line: {e:?}");
    }
    if let Ok(st) = State::decode(input) {
        // What decodes encodes back to something that decodes the same.
        let again = State::decode(&st.encode()).expect("re-decodes");
        assert_eq!(again, st);
    }
}

#[test]
fn readers_survive_random_and_mutated_input() {
    let secs: u64 = std::env::var("VENVSH_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let seed = venvsh_gen::seed("fuzz");
    let mut rng = Rng::new(seed);
    let end = Instant::now() + Duration::from_secs(secs);
    let mut n = 0u64;
    while Instant::now() < end {
        for _ in 0..256 {
            let mut input = if rng.below(8) == 0 {
                (0..rng.below(200)).map(|_| rng.next() as u8).collect()
            } else {
                SEEDS[rng.below(SEEDS.len())].to_vec()
            };
            mutate(&mut rng, &mut input);
            let result = std::panic::catch_unwind(|| check(&input));
            assert!(
                result.is_ok(),
                "seed {seed}, input {:?}",
                String::from_utf8_lossy(&input)
            );
            n += 1;
        }
    }
    eprintln!("fuzz: {n} inputs in {secs} s, seed {seed}");
}

/// The readers of a managed project's files (src/managers), each file in turn given the
/// same kind of input, the others left as the last input made them: no panic, and an
/// error is one line.
#[test]
fn manager_files_survive_random_and_mutated_input() {
    use crate::managers::{Ctx, MARKS, Os, find};
    let secs: u64 = std::env::var("VENVSH_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let dir = std::env::temp_dir().join(format!("venvsh-fuzz-mgr-{}", std::process::id()));
    let root = dir.join("proj");
    for d in ["proj", "cache/virtualenvs", "pconf", "hconf", "workon"] {
        std::fs::create_dir_all(dir.join(d)).unwrap();
    }
    let files = [
        "proj/pyproject.toml",
        "proj/Pipfile",
        "proj/.pdm-python",
        "proj/pixi.toml",
        "proj/environment.yml",
        "proj/poetry.toml",
        "proj/hatch.toml",
        "proj/poetry.lock",
        "cache/virtualenvs/envs.toml",
        "pconf/config.toml",
        "hconf/config.toml",
    ];
    let var = |name: &str| {
        let at = |rel: &str| Some(dir.join(rel).into_os_string());
        match name {
            "POETRY_CACHE_DIR" => at("cache"),
            "POETRY_CONFIG_DIR" => at("pconf"),
            "HATCH_CONFIG" => at("hconf/config.toml"),
            "HATCH_DATA_DIR" => at("hdata"),
            "WORKON_HOME" => at("workon"),
            _ => None,
        }
    };
    let ctx = Ctx {
        var: Box::new(var),
        home: Some(dir.clone()),
        os: Os::Xdg,
    };
    let seed = venvsh_gen::seed("fuzz managers");
    let mut rng = Rng::new(seed);
    let end = Instant::now() + Duration::from_secs(secs);
    let mut n = 0u64;
    while Instant::now() < end {
        let file = files[rng.below(files.len())];
        let mut input = SEEDS[rng.below(SEEDS.len())].to_vec();
        mutate(&mut rng, &mut input);
        std::fs::write(dir.join(file), &input).unwrap();
        let [
            pyproject,
            pipfile,
            pdm_python,
            python_version,
            pixi_toml,
            yml,
            yaml,
        ] = MARKS.map(|m| root.join(m).exists());
        let marks = crate::managers::Marks {
            pyproject,
            pipfile,
            pdm_python,
            python_version,
            pixi_toml,
            environment_yml: yml || yaml,
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            find(&root, marks, &ctx, true).0
        }));
        match result {
            Ok(Some((_, Err(e)))) => assert!(!e.contains('\n'), "one line: {e:?}"),
            Ok(_) => {}
            Err(_) => panic!("seed {seed}, {file}: {:?}", String::from_utf8_lossy(&input)),
        }
        n += 1;
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("fuzz managers: {n} inputs in {secs} s, seed {seed}");
}
