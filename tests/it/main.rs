//! The integration tests, as one test binary: the harness in common/ is compiled once
//! (so the compiler sees which of its helpers no test uses), and there is one link instead
//! of one per file. `cargo test shells::` runs one file's tests.

#[macro_use]
mod common;

mod cli;
mod cmd;
mod completions;
mod conda;
mod direnv;
mod env;
mod faults;
mod hostile;
mod icount;
mod init;
mod injection;
mod install;
mod lifecycle;
mod lint;
mod managers;
mod model;
mod packaging;
mod platforms;
mod pwsh;
mod reach;
mod render;
mod shells;
mod themes;
mod trust;

mod windows;
mod workflows;
