//! The command line: parse arguments, run a command, report errors once, pick the exit code.
//!
//! Exit codes: 0 success (warnings allowed), 1 invalid data or (for `search`) no match,
//! 2 usage or I/O error.

use crate::export;
use crate::load::{self, LoadError};
use crate::open::Dataset;
use crate::text::sanitize;
use clap::{Parser, Subcommand, ValueEnum};

mod check;
pub mod date;
mod import;
mod overlap;
mod progress;
pub mod search;
mod visible;
mod window;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Explore timelines of dated, sourced events from the terminal.
#[derive(Debug, Parser)]
// Not `args_conflicts_with_subcommands`: clap would then refuse a global flag (`--utc`)
// before the command; `run` refuses the explorer's own arguments with a command instead.
#[command(name = "annals", version, about)]
pub struct Cli {
    /// Timeline file (RON, or JSON when named *.json). Default: the bundled Qalibaf timeline.
    pub file: Option<PathBuf>,
    /// In the explorer, click to select and scroll with the wheel (the terminal's own
    /// text selection then needs Shift in most terminals).
    #[arg(long)]
    pub mouse: bool,
    /// Start the explorer clean, ignoring the saved session (which is kept until this one
    /// changes something).
    #[arg(long)]
    pub fresh: bool,
    /// Use a named session, kept apart from the default one for the same timeline.
    #[arg(long, value_name = "NAME")]
    pub session: Option<String>,
    /// No colours (as does the NO_COLOR environment variable).
    #[arg(long)]
    pub no_color: bool,
    /// Draw borders, markers and bars in plain ASCII (automatic when the locale is not UTF-8).
    #[arg(long)]
    pub ascii: bool,
    /// Show times of day in UTC instead of in each date's own offset (in the explorer,
    /// `annals date`, `search` and `export --format markdown`; never in the EDTF data).
    #[arg(long, global = true)]
    pub utc: bool,
    /// Read files as FORMAT whatever their name and content say (see `annals import
    /// --help`; default: by the extension, then by a look at the content).
    #[arg(long, global = true, value_name = "FORMAT")]
    pub from: Option<String>,
    /// For a spreadsheet: take FIELD from the column named COLUMN (repeatable), e.g.
    /// `--map date=Published --map people=Who`.
    #[arg(long, global = true, value_name = "FIELD=COLUMN")]
    pub map: Vec<String>,
    /// What to do instead of opening the timeline.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Scriptable commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate files; exit 0 when valid (warnings allowed), 1 when invalid, 2 on I/O errors.
    Check {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write the whole timeline as JSON, CSV or Markdown to standard output.
    ///
    /// Data warnings are not printed (`annals check FILE` shows them) unless --warnings.
    Export {
        /// Timeline file (default: the bundled one).
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum)]
        format: ExportFormat,
        /// Also print the file's data warnings on stderr (as `annals check` does).
        #[arg(long)]
        warnings: bool,
    },
    /// Print the events a query matches, in chronological order.
    ///
    /// The first argument is FILE when it names an existing file or ends in .ron or .json
    /// (a missing FILE is an error, exit 2); otherwise every word is the query, run on the
    /// bundled timeline. FILE alone lists every event. Exit 0 when something matched, 1 when
    /// nothing did (like grep), 2 on usage or I/O errors. Data warnings are not printed
    /// (`annals check FILE` shows them) unless --warnings.
    #[command(override_usage = "annals search [OPTIONS] [FILE] QUERY...\n       \
                                annals search [OPTIONS] FILE")]
    Search {
        /// `[FILE] [QUERY]…`: FILE when the first argument is an existing file or ends in
        /// `.ron`/`.json`; the other words form one query.
        #[arg(num_args = 1.., required_unless_present = "around", value_names = ["FILE", "QUERY"])]
        args: Vec<String>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = SearchFormat::Text)]
        format: SearchFormat,
        /// Most relevant first instead of chronological.
        #[arg(long)]
        rank: bool,
        /// Print at most N events.
        #[arg(long, short = 'n', value_name = "N")]
        limit: Option<usize>,
        /// Also print the file's data warnings on stderr (as `annals check` does).
        #[arg(long)]
        warnings: bool,
        /// Show N events before and after each match (the whole timeline's), in groups
        /// apart by `--`; a match has `:` after the date, context `-`.
        #[arg(long, short = 'C', value_name = "N")]
        context: Option<usize>,
        /// Only events whose dates overlap DATE (any EDTF date), widened by --window.
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        around: Option<String>,
        /// How far --around reaches each side: `2y`, `6m` (calendar), `1w`, `5d`, `3h`,
        /// `30min`, `10s`, with an optional `±`.
        #[arg(long, value_name = "W", allow_hyphen_values = true)]
        window: Option<String>,
    },
    /// When two people were both active: each period, certain or only possible, with the
    /// events that make it.
    ///
    /// A person's activity is the bounds of their events, cut to their life where `born`
    /// and `died` are known. Certain where the events' certain parts overlap (an interval
    /// from its latest start to its earliest end; a point its own bounds; nothing for a
    /// date with `?`, `~` or `%`), else possible. A and B are names, aliases or ids, as
    /// `person:` matches them. Exit 0 when they overlap, 1 when not, 2 on usage or I/O
    /// errors.
    #[command(override_usage = "annals overlap [OPTIONS] [FILE] A B")]
    Overlap {
        /// `[FILE] A B`: FILE as `search` reads it, then two people.
        #[arg(num_args = 1..=3, required = true, value_name = "ARGS")]
        args: Vec<String>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = OverlapFormat::Text)]
        format: OverlapFormat,
        /// Also print the file's data warnings on stderr (as `annals check` does).
        #[arg(long)]
        warnings: bool,
    },
    /// Convert a file annals can read into readable RON, with a report of what went where.
    ///
    /// Writes to standard output, or atomically to OUT with -o (never a partial file). The
    /// report (columns → fields, rows read, people, sources and places created, what was
    /// kept only as a note) goes to stderr. Every problem is reported at once as
    /// `PATH:LINE:COL: error: …`; then nothing is written and the exit code is 1.
    Import {
        /// The file to convert.
        input: PathBuf,
        /// Write here instead of standard output.
        #[arg(long, short = 'o', value_name = "OUT.ron")]
        output: Option<PathBuf>,
    },
    /// Explain dates: strict EDTF, level, earliest and latest instants, reading.
    ///
    /// With no DATE, reads one date per line from standard input. Text: one line per date,
    /// `INPUT  →  EDTF  level N  EARLIEST … LATEST  DISPLAY` (`..` for an unbounded side,
    /// `unknown` for an unknown interval end such as `1985/`). JSON: an array of
    /// `{input, edtf, level, earliest, latest, display}`, or `{input, error, column}` for
    /// an invalid date. Exit 0 when every date is valid, 1 when some is not (each reported
    /// on stderr as `<argument N>:1:COL: error: …`), 2 on usage errors.
    Date {
        /// EDTF dates (`1985-04-12`, `1985/`, `[1667,1670..1672]`, `-0043`, …); one before
        /// year 0 that is not a bare year goes after `--` (`annals date -- -0043-03-15`).
        #[arg(allow_negative_numbers = true, value_name = "DATE")]
        dates: Vec<String>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = DateFormat::Text)]
        format: DateFormat,
    },
}

/// `date --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DateFormat {
    /// One aligned line per date.
    Text,
    /// A JSON array, one object per date.
    Json,
}

/// `overlap --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OverlapFormat {
    /// One block per period: the period, its certainty, each person's events.
    Text,
    /// A JSON array, one object per period.
    Json,
}

/// `export --format`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportFormat {
    /// Mirrors the RON structure; loads back in as `*.json`.
    Json,
    /// One row per event.
    Csv,
    /// A readable chronology with sources as footnotes.
    Markdown,
    /// The timeline as normalised RON (sorted, pretty): loads back to the same timeline.
    Ron,
    /// A TimelineJS document: one slide per event, a title slide, eras.
    Timelinejs,
    /// Timesketch JSONL: an event a line with `message`, `datetime`, `timestamp_desc`.
    Timesketch,
}

/// `search --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// One line per event: date, title, id.
    Text,
    /// A JSON array of the matching events, with the keys of `export --format csv`'s columns.
    Json,
}

/// Process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok,
    /// The data is invalid.
    Invalid,
    /// `search` matched nothing.
    NoMatch,
    /// Usage or I/O error.
    Usage,
}

impl Exit {
    /// The process exit code: 0 ok, 1 invalid data or no match, 2 usage or I/O.
    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Invalid | Exit::NoMatch => 1,
            Exit::Usage => 2,
        }
    }
}

/// A failure to report at the edge.
#[derive(Debug)]
pub struct Failure {
    /// Exit status.
    pub exit: Exit,
    /// Lines for stderr (already formatted).
    pub lines: Vec<String>,
}

impl Failure {
    fn usage(msg: String) -> Failure {
        Failure {
            exit: Exit::Usage,
            lines: vec![msg],
        }
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Failure {
        match e {
            LoadError::Io { .. } | LoadError::Cancelled => {
                Failure::usage(sanitize(&e.to_string(), false).into_owned())
            }
            LoadError::Invalid(diags) => Failure {
                exit: Exit::Invalid,
                lines: diags.iter().map(ToString::to_string).collect(),
            },
        }
    }
}

/// A write to stdout that failed: a closed pipe (`| head`) is fine, anything else is exit 2.
fn output_done(r: io::Result<()>) -> Result<(), Failure> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::usage(format!(
            "annals: error: cannot write output: {e}"
        ))),
        Ok(()) => Ok(()),
    }
}

/// Open FILE (through the cache), or the bundled dataset. A problem with the cache is always printed on stderr. The data
/// warnings are printed, each once, when `show_warnings`; otherwise, when stderr is a
/// terminal, one line says how many there are and how to see them (scripts and pipes see
/// nothing).
pub fn open(file: Option<&std::path::Path>, show_warnings: bool) -> Result<Dataset, Failure> {
    let ds = match file {
        Some(p) => progress::with_bar(p, crate::open::file)?,
        None => crate::open::bundled(),
    };
    let mut err = io::stderr().lock();
    if let Some(w) = &ds.cache_warning {
        let _ = writeln!(err, "{w}");
    }
    let n = ds.warnings.len();
    if show_warnings {
        for w in once(ds.warnings.iter().map(ToString::to_string)) {
            let _ = writeln!(err, "{w}");
        }
    } else if n > 0 && io::stderr().is_terminal() {
        let _ = writeln!(err, "{}", warnings_hint(file, n));
    }
    Ok(ds)
}

/// The line `search` and `export` print on a terminal instead of the data warnings:
/// ``annals: FILE: 2 warnings (--warnings or `annals check FILE` shows them)``.
pub fn warnings_hint(file: Option<&std::path::Path>, n: usize) -> String {
    let s = if n == 1 { "" } else { "s" };
    let them = if n == 1 { "it" } else { "them" };
    match file {
        Some(p) => {
            let p = sanitize(&p.display().to_string(), false).into_owned();
            format!("annals: {p}: {n} warning{s} (--warnings or `annals check {p}` shows {them})")
        }
        None => format!(
            "annals: {}: {n} warning{s} (--warnings shows {them})",
            load::BUNDLED_NAME
        ),
    }
}

/// `lines` without repeats, in first-seen order: each diagnostic is printed once per run.
pub fn once(lines: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    lines
        .into_iter()
        .filter(|l| seen.insert(l.clone()))
        .collect()
}

impl Cli {
    /// The first of the explorer's own arguments given (FILE, `--mouse`, …), if any.
    fn explorer_argument(&self) -> Option<String> {
        let flags = [
            (self.mouse, "--mouse"),
            (self.fresh, "--fresh"),
            (self.session.is_some(), "--session"),
            (self.no_color, "--no-color"),
            (self.ascii, "--ascii"),
        ];
        match &self.file {
            Some(f) => Some(format!("`{}`", sanitize(&f.display().to_string(), false))),
            None => flags
                .iter()
                .find(|(set, _)| *set)
                .map(|(_, name)| name.to_string()),
        }
    }
}

impl Command {
    /// The command's name on the command line.
    fn name(&self) -> &'static str {
        match self {
            Command::Check { .. } => "check",
            Command::Export { .. } => "export",
            Command::Search { .. } => "search",
            Command::Date { .. } => "date",
            Command::Import { .. } => "import",
            Command::Overlap { .. } => "overlap",
        }
    }
}

/// Set how files are read (`--from`, `--map`) for the whole run.
fn reading(cli: &Cli) -> Result<(), Failure> {
    let from = match &cli.from {
        None => None,
        Some(name) => Some(load::Format::named(name).ok_or_else(|| {
            let names: Vec<&str> = load::Format::ALL.iter().map(|f| f.name()).collect();
            Failure::usage(format!(
                "annals: error: --from: unknown format `{}` (one of: {})",
                sanitize(name, false),
                names.join(", ")
            ))
        })?),
    };
    let mut map = Vec::new();
    for m in &cli.map {
        let Some((field, column)) = m.split_once('=') else {
            return Err(Failure::usage(format!(
                "annals: error: --map `{}`: write FIELD=COLUMN, e.g. --map date=Published",
                sanitize(m, false)
            )));
        };
        map.push((field.trim().to_string(), column.trim().to_string()));
    }
    load::input::set(load::input::Reading { from, map });
    Ok(())
}

/// Run a parsed command line with output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), Failure> {
    if let (Some(c), Some(arg)) = (&cli.command, cli.explorer_argument()) {
        return Err(Failure::usage(format!(
            "annals: error: {arg} is for the explorer: it cannot be used with `annals {}` \
             (a command's own FILE goes after its name)",
            c.name()
        )));
    }
    reading(&cli)?;
    let result = match cli.command {
        Some(Command::Import { input, output }) => {
            return import::run(&input, output.as_deref(), out);
        }
        None => {
            if !(io::stdout().is_terminal() && io::stdin().is_terminal()) {
                // Not interactive (a pipe, a script): describe the timeline instead.
                let ds = open(cli.file.as_deref(), false)?;
                let file = cli.file.as_deref();
                check::summary(&ds.timeline, file, ds.warnings.len(), cli.utc, out)
            } else {
                return explore(&cli);
            }
        }
        Some(Command::Check { files }) => return check::check(&files, out),
        Some(Command::Export {
            file,
            format,
            warnings,
        }) => {
            let t = open(file.as_deref(), warnings)?.timeline;
            match format {
                ExportFormat::Markdown => export::write_markdown(&t, cli.utc, out),
                ExportFormat::Json => export::write_json(&t, out).and_then(|()| writeln!(out)),
                // CSV is data: byte for byte into a file or pipe; made visible on a
                // terminal, where control codes would act.
                ExportFormat::Csv if io::stdout().is_terminal() => {
                    let mut v = visible::Visible::new(&mut *out);
                    export::write_csv(&t, &mut v).and_then(|()| v.flush())
                }
                ExportFormat::Csv => export::write_csv(&t, out),
                ExportFormat::Ron => export::write_ron(&t, out),
                ExportFormat::Timelinejs => export::write_timelinejs(&t, out).map(|warning| {
                    for line in warning.iter().flat_map(|w| w.lines()) {
                        eprintln!("{}", sanitize(line, false));
                    }
                }),
                ExportFormat::Timesketch => export::write_timesketch(&t, out).map(|u| {
                    if let Some(w) = u.warning() {
                        let _ = writeln!(io::stderr(), "{w}");
                    }
                }),
            }
        }
        Some(Command::Search {
            args,
            format,
            rank,
            limit,
            warnings,
            context,
            around,
            window,
        }) => {
            let req = search::Request {
                args: &args,
                format,
                rank,
                limit,
                warnings,
                utc: cli.utc,
                context,
                around,
                window,
            };
            return search::run(req, out);
        }
        Some(Command::Overlap {
            args,
            format,
            warnings,
        }) => {
            let req = overlap::Request {
                args: &args,
                format,
                warnings,
                utc: cli.utc,
            };
            return overlap::run(req, out);
        }
        Some(Command::Date { dates, format }) => {
            let req = date::Request {
                dates: &dates,
                format,
                utc: cli.utc,
            };
            return date::run(req, out);
        }
    };
    output_done(result)
}

/// Open the explorer; the file loads on a thread behind a progress screen.
fn explore(cli: &Cli) -> Result<(), Failure> {
    let (origin, dataset, load): (String, String, crate::tui::LoadFn) = match &cli.file {
        Some(p) => {
            let canon = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            let path = p.clone();
            (
                p.display().to_string(),
                canon.display().to_string(),
                Box::new(move |progress| crate::open::file(&path, progress)),
            )
        }
        None => (
            load::BUNDLED_NAME.to_string(),
            format!("bundled:{}", load::BUNDLED_NAME),
            Box::new(|_| Ok(crate::open::bundled())),
        ),
    };
    let opts = crate::tui::Options {
        mouse: cli.mouse,
        fresh: cli.fresh,
        session: cli.session.clone(),
        no_color: cli.no_color,
        ascii: cli.ascii,
        watch: cli.file.clone(),
        utc: cli.utc,
    };
    match crate::tui::run(load, origin, dataset, opts) {
        Ok(warnings) => {
            let mut err = io::stderr().lock();
            for w in once(warnings.iter().map(ToString::to_string)) {
                let _ = writeln!(err, "{w}");
            }
            Ok(())
        }
        Err(crate::tui::RunError::Load(e)) => Err(Failure::from(e)),
        Err(crate::tui::RunError::Io(e)) => {
            Err(Failure::usage(format!("annals: error: terminal: {e}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_once_in_first_seen_order() {
        let l = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(once(l(&["b", "a", "b", "c", "a"])), l(&["b", "a", "c"]));
    }

    #[test]
    fn the_warnings_hint_counts_names_the_file_and_the_way_to_see_them() {
        let p = std::path::Path::new("my\x1b.ron");
        assert_eq!(
            warnings_hint(Some(p), 1),
            "annals: my^[.ron: 1 warning (--warnings or `annals check my^[.ron` shows it)"
        );
        assert_eq!(
            warnings_hint(None, 3),
            "annals: assets/qalibaf.ron: 3 warnings (--warnings shows them)"
        );
    }
}
