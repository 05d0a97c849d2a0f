// A double-clicked exe gets no console window on Windows; the command-line verbs
// attach to the console they were started from (platform::attach_console).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::ffi::OsString;
use std::path::PathBuf;

fn main() {
    nianbao::platform::init();
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let status = match gui_start(&args) {
        #[cfg(feature = "gui")]
        Some(start) => nianbao::ui::run(start),
        _ => {
            nianbao::platform::tune_allocator_for_command();
            nianbao::platform::attach_console();
            nianbao::cli::run(&args)
        }
    };
    std::process::exit(status);
}

/// The arguments that open the window rather than run a verb: none; a report
/// file (double-clicked or dropped on the program); `new --from FILE` or
/// `merge FILES…` without `-o` (the result is shown in the app instead of written).
#[cfg(feature = "gui")]
fn gui_start(args: &[OsString]) -> Option<nianbao::ui::Start> {
    use nianbao::ui::Start;
    let has_output = args.iter().any(|a| a == "-o" || a == "--output");
    match args {
        [] => Some(Start::Empty),
        [file] if std::path::Path::new(file).is_file() => Some(Start::Open(PathBuf::from(file))),
        [verb, from, file] if verb == "new" && from == "--from" && !has_output => Some(Start::NewFrom(PathBuf::from(file))),
        [verb, files @ ..] if verb == "merge" && !files.is_empty() && !has_output => {
            Some(Start::Merge(files.iter().map(PathBuf::from).collect()))
        }
        _ => None,
    }
}

#[cfg(not(feature = "gui"))]
fn gui_start(_: &[OsString]) -> Option<()> {
    None
}
