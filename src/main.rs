//! The `annals` binary: install the panic hook, parse the command line (its errors
//! escaped: arguments are data), run, report failures once, exit.

use annals::cli::{Cli, run};
use annals::text::sanitize;
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

/// Buffers of a megabyte or more (a big file's text, the index's runs, a scan's hits) are
/// asked of the system and given back to it when freed. glibc otherwise raises that
/// threshold after the first such buffer is freed and keeps freed buffers of up to 32 MB in
/// its heap: a cold load of a million events then held 40 to 60 MB it no longer used.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn big_buffers_from_the_system() {
    // SAFETY: `mallopt` only sets a tuning parameter of the allocator; it is called before
    // any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn big_buffers_from_the_system() {}

fn main() -> ExitCode {
    // First, so that a panic in any command, on any thread, prints escaped.
    annals::tui::terminal::install_panic_hook();
    debug_panic();
    big_buffers_from_the_system();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    // Not `stdout().lock()`: the explorer's signal thread must be able to write to the
    // terminal while this thread waits for input.
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let result = run(cli, &mut out);
    let flushed = out.flush();
    match result {
        Ok(()) => match flushed {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                eprintln!("annals: error: cannot write output: {e}");
                ExitCode::from(2)
            }
            _ => ExitCode::SUCCESS,
        },
        Err(f) => {
            let mut err = std::io::stderr().lock();
            for l in &f.lines {
                let _ = writeln!(err, "{l}");
            }
            ExitCode::from(f.exit.code())
        }
    }
}

/// Print what clap has to say. Help and version are annals' own text, shown as clap
/// styles them; an error quotes the arguments, which may hold anything (a file named
/// `--evil<ESC>]0;…`), so it is rendered plain with control characters made visible.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
    let text = e.render().to_string();
    let shown = sanitize(&text, true);
    if e.use_stderr() {
        let _ = write!(std::io::stderr().lock(), "{shown}");
    } else {
        let _ = write!(std::io::stdout().lock(), "{shown}");
    }
    ExitCode::from(u8::try_from(e.exit_code().clamp(0, 255)).unwrap_or(2))
}

/// `ANNALS_DEBUG_PANIC_MESSAGE=TEXT`: panic with TEXT on a thread at once (a test hook
/// for the panic hook, whatever the command).
fn debug_panic() {
    if let Some(m) = std::env::var_os("ANNALS_DEBUG_PANIC_MESSAGE") {
        let m = m.to_string_lossy().into_owned();
        let _ = std::thread::spawn(move || panic!("{m}")).join();
    }
}
