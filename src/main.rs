//! The `annals` binary: parse the command line, run, report failures once, exit.

use annals::cli::{Cli, run};
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
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
