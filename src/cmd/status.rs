//! `venvsh status [--json]`: what is active and why, the project here and how it was
//! found, its venv's `pyvenv.cfg`, its base Python, health and trust.

use super::{cwd, read_env, read_state, tilde};
use crate::find::Rule;
use crate::judge::target::find;
use crate::show::{show, show_bytes};
use crate::trust::{Store, Verdict};
use crate::venv::{Health, Venv};
use std::path::Path;

/// Each field as (key, text) pairs, in order: the same report for people and for JSON.
/// Text "true"/"false" is a JSON boolean for the keys in `BOOLS`.
struct Report {
    fields: Vec<(&'static str, Option<String>)>,
    cfg: Vec<(String, String)>,
}

const BOOLS: &[&str] = &["base_python_exists"];

/// As JSON: the fields in their order (a missing value is `null`), then `pyvenv_cfg`
/// as an object in the file's order.
impl serde::Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Cfg<'a>(&'a [(String, String)]);
        impl serde::Serialize for Cfg<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
            }
        }
        let mut m = s.serialize_map(None)?;
        for (k, v) in &self.fields {
            match v.as_deref() {
                Some(b) if BOOLS.contains(k) => m.serialize_entry(k, &(b == "true"))?,
                v => m.serialize_entry(k, &v)?,
            }
        }
        m.serialize_entry("pyvenv_cfg", &Cfg(&self.cfg))?;
        m.end()
    }
}

type Fields = Vec<(&'static str, Option<String>)>;

fn gather() -> Report {
    let cwd = cwd().path;
    let cfg = super::config();
    let (state, _) = read_state();
    let mut r = Report {
        fields: Vec::new(),
        cfg: Vec::new(),
    };
    let active = active_fields(&mut r.fields, &state);
    r.fields.push(("here", Some(here(&cfg, &state))));
    let Some(found) = find(&cwd, &cfg, &super::finding(&state)) else {
        r.fields.push(("project", None));
        return r;
    };
    r.fields
        .push(("project", Some(found.root.to_string_lossy().into_owned())));
    r.fields.push((
        "found_by",
        Some(match &found.rule {
            Rule::LinkFile => ".venv file".into(),
            Rule::Folder(n) => format!("{n} folder"),
            Rule::Manager(tool) => format!("{}'s rules", tool.name()),
        }),
    ));
    let conda = matches!(&found.rule, Rule::Manager(t) if t.conda_style());
    match found.venv {
        Ok(p) if conda => {
            let pixi = found.rule == Rule::Manager(crate::managers::Tool::Pixi);
            prefix_fields(&mut r.fields, &cfg, &found.root, &p, pixi)
        }
        Ok(p) => match Venv::open(&p) {
            Ok(v) => venv_fields(&mut r, &cfg, &found.root, &v, active.as_deref()),
            Err(msg) => r.fields.push(("problem", Some(msg))),
        },
        Err(msg) => r.fields.push(("problem", Some(msg))),
    }
    r
}

/// What is active in this shell and why (`auto`, `manual`, `foreign`, `off`, `none`);
/// the active environment's path.
fn active_fields(f: &mut Fields, state: &crate::state::State) -> Option<std::path::PathBuf> {
    let env = read_env();
    // A conda prefix venvsh activated is known by CONDA_PREFIX, as a venv by VIRTUAL_ENV.
    let own = match state.active.as_ref().and_then(|a| a.conda.as_ref()) {
        Some(_) => &env.conda_prefix,
        None => &env.virtual_env,
    };
    let (active, why) = match (own, &state.active) {
        (Some(ve), Some(a)) if a.venv.as_os_str() == ve => (
            Some(a.venv.clone()),
            if a.pinned { "manual" } else { "auto" },
        ),
        (Some(ve), _) => (Some(Path::new(ve).to_path_buf()), "foreign"),
        (None, _) if state.deactivated_in.is_some() => (None, "off"),
        (None, _) => (None, "none"),
    };
    f.push((
        "active",
        active.as_ref().map(|p| p.to_string_lossy().into_owned()),
    ));
    f.push(("why", Some(why.into())));
    active
}

/// A conda prefix found for `root` (pixi's when `pixi`): its path, health and trust.
fn prefix_fields(f: &mut Fields, cfg: &crate::config::Config, root: &Path, p: &Path, pixi: bool) {
    f.push(("venv", Some(p.to_string_lossy().into_owned())));
    f.push(("kind", Some("conda prefix".into())));
    f.push((
        "health",
        Some(match crate::conda::broken(&crate::world::Disk, p) {
            None => "usable".into(),
            Some(m) => format!("broken: {m}"),
        }),
    ));
    let digest = || crate::managers::pixi_workspace(root).activation_digest();
    let also = pixi.then_some(&digest as &dyn Fn() -> String);
    let bin = crate::conda::bin(&crate::world::Disk, p);
    let _ = trust_fields(f, cfg, root, (p, &bin, also));
}

/// A venv found for `root`: its path, what its pyvenv.cfg says (for one you allowed or
/// activated: a folder nobody allowed may hold a pyvenv.cfg that is a link to a file of
/// yours, issue 34 §3), its health and trust.
fn venv_fields(
    r: &mut Report,
    cfg: &crate::config::Config,
    root: &Path,
    v: &Venv,
    active: Option<&Path>,
) {
    let f = &mut r.fields;
    f.push(("venv", Some(v.path.to_string_lossy().into_owned())));
    let mut trust = Vec::new();
    let verdict = trust_fields(&mut trust, cfg, root, (&v.path, &v.bin, None));
    let shown = matches!(verdict, Verdict::Allowed(_) | Verdict::Unsafe(_))
        || active == Some(v.path.as_path());
    if shown {
        f.push((
            "name",
            Some(show_bytes(&v.prompt_name(Some(root), &cfg.venv_names))),
        ));
        f.push(("python", v.version()));
        if let Some(home) = v.cfg.get("home") {
            f.push(("base_python", Some(home.to_string())));
            f.push((
                "base_python_exists",
                Some(Path::new(home).is_dir().to_string()),
            ));
        }
        r.cfg = v.cfg.entries().to_vec();
    }
    f.push((
        "health",
        Some(match v.health() {
            Health::Usable => "usable".into(),
            Health::Broken(m) if shown => format!("broken: {m}"),
            Health::Broken(_) => "broken (why, once it is allowed)".into(),
        }),
    ));
    f.extend(trust);
}

/// What entering this folder activates (`judge::describe`), in the words of the line the
/// hook says: the same judgement, not a second one. (What this shell does at its next
/// prompt also depends on it: a venv pinned by hand, or one deactivated here, stays so;
/// `active` says that.)
fn here(cfg: &crate::config::Config, state: &crate::state::State) -> String {
    use crate::plan::Target;
    if !cfg.auto {
        return "nothing switches by itself (auto = false in the config)".into();
    }
    let here = cwd();
    let ctx = super::finding(state);
    let shell = crate::shell::Shell::from_env().unwrap_or(crate::shell::Shell::Bash);
    let mut disk = crate::judge::Disk::new(&here, cfg, &ctx, &shell).read_only();
    match crate::judge::describe(&mut disk) {
        Target::Nothing => "nothing to activate on entering".into(),
        Target::Venv(c) => format!("entering activates {} ({})", show_bytes(&c.name), c.detail),
        Target::Refused { message, .. } => format!("entering activates nothing: {message}"),
        Target::Quiet { root } => format!("entering stays quiet: {} is denied", tilde(&root)),
    }
}

/// The trust of the environment `path` (its PATH entry `bin`) found for `root`, and what
/// an allow there covers.
fn trust_fields(
    f: &mut Fields,
    cfg: &crate::config::Config,
    root: &Path,
    (path, bin, also): (&Path, &Path, Option<&dyn Fn() -> String>),
) -> Verdict {
    let store = Store::open().map(Store::read_only);
    let verdict = crate::trust::judge(
        &crate::world::Disk,
        &crate::trust::Ask {
            cfg,
            store: store.as_ref(),
            root: Some(root),
            venv: path,
            bin,
            key: &crate::trust::key,
            trust_given: false,
            also,
        },
    );
    f.push((
        "trust",
        Some(match verdict.clone() {
            Verdict::Allowed(why) => format!("allowed: {why}"),
            Verdict::Denied => "denied".into(),
            Verdict::NotAllowed => "not allowed".into(),
            Verdict::Unsafe(why) => format!("refused: {why}"),
            Verdict::Changed(why) => format!("not allowed: {why}"),
        }),
    ));
    // What an allow covers: the venv it recorded (behaviour.md §7).
    let covers = |at: &Path| {
        let e = store.as_ref()?.entry_for(&crate::trust::key(at))?;
        (e.mark == crate::trust::Mark::Allow).then(|| match e.venv {
            Some((venv, _)) => format!(
                "{} with {}",
                crate::show::tilde(at),
                crate::show::tilde(&venv)
            ),
            None => format!("{} (its first venv)", crate::show::tilde(at)),
        })
    };
    f.push(("allow_covers", covers(root).or_else(|| covers(path))));
    verdict
}

pub fn run(json: bool) -> i32 {
    let r = gather();
    let out = if json { super::json(&r) } else { text(&r) };
    print!("{out}");
    0
}

impl Report {
    fn get(&self, k: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|(n, _)| *n == k)
            .and_then(|(_, v)| v.clone())
    }
}

/// The report for people: a line a field, the project's and venv's lines under it.
fn text(r: &Report) -> String {
    let active = match (r.get("active"), r.get("why").as_deref()) {
        (Some(p), Some("auto")) => format!(
            "{} (activated automatically for this folder)",
            tilde(Path::new(&p))
        ),
        (Some(p), Some("manual")) => format!(
            "{} (activated by hand: stays across cd until 'venvsh deactivate')",
            tilde(Path::new(&p))
        ),
        (Some(p), _) => format!(
            "{} (activated outside venvsh: left alone until it is deactivated)",
            show(Path::new(&p))
        ),
        (None, Some("off")) => {
            "none (deactivated by hand here: stays off until you change folder)".into()
        }
        _ => "none".into(),
    };
    let mut out = format!("active:   {active}\n");
    if let Some(h) = r.get("here") {
        out.push_str(&format!("here:     {h}\n"));
    }
    let Some(root) = r.get("project") else {
        out.push_str(
            "project:  none (no .venv file or venv folder with a pyvenv.cfg here or above, and no environment of Poetry, Pipenv, PDM, Hatch or uv)\n",
        );
        return out;
    };
    let by = r.get("found_by").unwrap_or_default();
    let by = if by.ends_with("'s rules") {
        by
    } else {
        format!("its {by}")
    };
    out.push_str(&format!(
        "project:  {} (found by {by})\n",
        tilde(Path::new(&root))
    ));
    if let Some(p) = r.get("problem") {
        out.push_str(&format!("venv:     unusable: {p}\n"));
    }
    if let Some(v) = r.get("venv") {
        venv_text(r, &v, &mut out);
    }
    out
}

/// The venv's lines: what it is, its pyvenv.cfg, base Python, health and trust.
fn venv_text(r: &Report, v: &str, out: &mut String) {
    let v = tilde(Path::new(v));
    match (r.get("kind"), r.get("name")) {
        (Some(kind), _) => out.push_str(&format!("venv:     {v} ({kind})\n")),
        (None, None) => out.push_str(&format!(
            "venv:     {v} (its pyvenv.cfg is shown once it is allowed)\n"
        )),
        (None, Some(name)) => out.push_str(&format!(
            "venv:     {v} ({name}, Python {})\n",
            r.get("python").unwrap_or_else(|| "?".into())
        )),
    }
    for (k, val) in &r.cfg {
        out.push_str(&format!("  {k} = {val}\n"));
    }
    if let Some(b) = r.get("base_python") {
        let there = r.get("base_python_exists").as_deref() == Some("true");
        out.push_str(&format!(
            "base:     {b} ({})\n",
            if there { "present" } else { "GONE" }
        ));
    }
    out.push_str(&format!(
        "health:   {}\n",
        r.get("health").unwrap_or_default()
    ));
    let trust = r.get("trust").unwrap_or_default();
    let hint = match trust.as_str() {
        "not allowed" => " (run 'venvsh allow' to let it activate by itself)",
        "denied" => " ('venvsh revoke' undoes it)",
        _ => "",
    };
    out.push_str(&format!("trust:    {trust}{hint}\n"));
    if let Some(c) = r.get("allow_covers") {
        out.push_str(&format!("covers:   the allow holds for {c}\n"));
    }
}
