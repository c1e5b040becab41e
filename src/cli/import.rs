//! `annals import`: any file annals reads, as readable RON, with a report of what went
//! where on stderr; every problem at once, and nothing written unless all is well.

use super::{Exit, Failure, output_done};
use crate::export;
use crate::files;
use crate::load;
use crate::text::sanitize;
use std::io::Write;
use std::path::Path;

/// Convert `input`; write the RON to `output` (atomically) or to `out`.
pub fn run(input: &Path, output: Option<&Path>, out: &mut dyn Write) -> Result<(), Failure> {
    let imported = load::import_path(input)?;
    let t = &imported.timeline;
    let ron = export::ron(t);
    match output {
        Some(path) => files::write_output(path, ron.as_bytes()).map_err(|e| Failure {
            exit: Exit::Usage,
            lines: vec![format!(
                "annals: error: cannot write {}: {e}",
                sanitize(&path.display().to_string(), false)
            )],
        })?,
        None => output_done(out.write_all(ron.as_bytes()))?,
    }
    let mut err = std::io::stderr().lock();
    for line in report(input, &imported) {
        let _ = writeln!(err, "{}", sanitize(&line, false));
    }
    Ok(())
}

/// What the import did, a line each.
pub fn report(input: &Path, i: &load::Imported) -> Vec<String> {
    let t = &i.timeline;
    let mut lines = vec![format!(
        "annals: read {} as {}: {} events, {} people, {} sources, {} places",
        input.display(),
        i.format.name(),
        t.len(),
        t.people.len(),
        t.sources.len(),
        t.places.len()
    )];
    lines.extend(i.report.iter().map(|l| format!("  {l}")));
    for w in super::once(i.warnings.iter().map(ToString::to_string)) {
        lines.push(w);
    }
    lines
}
