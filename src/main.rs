// A double-clicked exe gets no console window on Windows; the command-line verbs
// attach to the console they were started from (platform::attach_console).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    nianbao::platform::init();
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let status = match args.as_slice() {
        #[cfg(feature = "gui")]
        [] => nianbao::ui::run(None),
        // A report file double-clicked or dropped on the program.
        #[cfg(feature = "gui")]
        [file] if std::path::Path::new(file).is_file() => nianbao::ui::run(Some(std::path::Path::new(file))),
        _ => {
            nianbao::platform::attach_console();
            nianbao::cli::run(&args)
        }
    };
    std::process::exit(status);
}
