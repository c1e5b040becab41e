//! The `annals` binary: parse the command line, run, report failures once, exit.

use annals::cli::{Cli, run};
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
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
            ExitCode::from(f.exit as u8)
        }
    }
}
