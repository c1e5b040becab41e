//! The command line: parse arguments, run a command, report errors once, pick the exit code.
//!
//! Exit codes: 0 success (warnings allowed), 1 invalid data, 2 usage or I/O error.

use crate::domain::text::sanitize;
use crate::domain::{EventIdx, Timeline};
use crate::export;
use crate::load::{self, LoadError};
use crate::query::{self, Matcher, SearchIndex};
use clap::{Parser, Subcommand, ValueEnum};

mod progress;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Explore timelines of dated, sourced events from the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "annals",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
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
    Export {
        /// Timeline file (default: the bundled one).
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum)]
        format: ExportFormat,
    },
    /// Print the events a query matches, in chronological order.
    Search {
        /// `[FILE] QUERY…`: the first argument is a file when it exists or ends in
        /// `.ron`/`.json`; the other words form the query (on the bundled timeline without FILE).
        #[arg(num_args = 1.., required = true, value_names = ["FILE", "QUERY"])]
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
    },
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
}

/// `search --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// One line per event: date, title, id.
    Text,
    /// Matching events as in `export --format json`.
    Json,
}

/// Process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// The data is invalid.
    Invalid = 1,
    /// Usage or I/O error.
    Usage = 2,
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

/// Load FILE (through the cache), or the bundled dataset, with its search index;
/// warnings go to stderr.
pub fn open(file: Option<&std::path::Path>) -> Result<(Timeline, SearchIndex), Failure> {
    let (loaded, index, warning) = match file {
        Some(p) => {
            let o = progress::with_bar(p, load::cache::open)?;
            (o.loaded, Some(o.index), o.warning)
        }
        None => (load::load_bundled(), None, None),
    };
    let mut err = io::stderr().lock();
    for w in loaded
        .warnings
        .iter()
        .map(ToString::to_string)
        .chain(warning)
    {
        let _ = writeln!(err, "{w}");
    }
    let index = index.unwrap_or_else(|| SearchIndex::new(&loaded.timeline));
    Ok((loaded.timeline, index))
}

/// Run a parsed command line with output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), Failure> {
    let result = match cli.command {
        None => {
            if !(io::stdout().is_terminal() && io::stdin().is_terminal()) {
                // Not interactive (a pipe, a script): describe the timeline instead.
                let (t, _) = open(cli.file.as_deref())?;
                summary(&t, out)
            } else {
                return explore(&cli);
            }
        }
        Some(Command::Check { files }) => return check(&files, out),
        Some(Command::Export { file, format }) => {
            let (t, _) = open(file.as_deref())?;
            let text = match format {
                ExportFormat::Json => export::json(&t) + "\n",
                // CSV is data: byte for byte into a file or pipe; made visible on a
                // terminal, where control codes would act.
                ExportFormat::Csv if io::stdout().is_terminal() => {
                    sanitize(&export::csv(&t), true).into_owned()
                }
                ExportFormat::Csv => export::csv(&t),
                ExportFormat::Markdown => export::markdown(&t),
            };
            out.write_all(text.as_bytes())
        }
        Some(Command::Search {
            args,
            format,
            rank,
            limit,
        }) => return search(&args, format, rank, limit, out),
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
                Box::new(move |progress| load::cache::open(&path, progress)),
            )
        }
        None => (
            load::BUNDLED_NAME.to_string(),
            format!("bundled:{}", load::BUNDLED_NAME),
            Box::new(|_| {
                let loaded = load::load_bundled();
                let index = SearchIndex::new(&loaded.timeline);
                Ok(load::cache::Opened {
                    loaded,
                    index,
                    from_cache: false,
                    warning: None,
                })
            }),
        ),
    };
    let opts = crate::tui::Options {
        mouse: cli.mouse,
        fresh: cli.fresh,
        session: cli.session.clone(),
        no_color: cli.no_color,
        ascii: cli.ascii,
        watch: cli.file.clone(),
    };
    match crate::tui::run(load, origin, dataset, opts) {
        Ok(warnings) => {
            let mut err = io::stderr().lock();
            for w in &warnings {
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

fn check(files: &[PathBuf], out: &mut dyn Write) -> Result<(), Failure> {
    let mut worst = Exit::Ok;
    let mut lines = Vec::new();
    for f in files {
        match progress::with_bar(f, load::load_path_with) {
            Ok(l) => {
                lines.extend(l.warnings.iter().map(ToString::to_string));
                let _ = writeln!(
                    out,
                    "{}: ok: {} events, {} people, {} sources{}",
                    sanitize(&f.display().to_string(), false),
                    l.timeline.len(),
                    l.timeline.people.len(),
                    l.timeline.sources.len(),
                    match load::total(&l.warnings) {
                        0 => String::new(),
                        n => format!(", {n} warning(s)"),
                    }
                );
            }
            Err(e) => {
                let f = Failure::from(e);
                worst = if f.exit == Exit::Usage || worst == Exit::Usage {
                    Exit::Usage
                } else {
                    Exit::Invalid
                };
                lines.extend(f.lines);
            }
        }
    }
    match worst {
        Exit::Ok => {
            let mut err = io::stderr().lock();
            for l in lines {
                let _ = writeln!(err, "{l}");
            }
            Ok(())
        }
        exit => Err(Failure { exit, lines }),
    }
}

fn search(
    args: &[String],
    format: SearchFormat,
    rank: bool,
    limit: Option<usize>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let is_file = |a: &str| {
        let p = std::path::Path::new(a);
        p.is_file() || matches!(p.extension().and_then(|e| e.to_str()), Some("ron" | "json"))
    };
    let (file, words) = match args {
        [f, rest @ ..] if !rest.is_empty() && is_file(f) => (Some(PathBuf::from(f)), rest),
        all => (None, all),
    };
    let text = &words.join(" ");
    let q = query::parse(text).map_err(|e| {
        // The caret sits under the column as shown: escapes before it widen the line.
        let before: String = text.chars().take(e.col.saturating_sub(1)).collect();
        let pad = unicode_width::UnicodeWidthStr::width(&*sanitize(&before, false));
        Failure::usage(format!(
            "annals: error: query: {e}\n  {}\n  {}^",
            sanitize(text, false),
            " ".repeat(pad)
        ))
    })?;
    let (t, index) = open(file.as_deref())?;
    let m = Matcher::new(q, &index);
    let mut hits = if rank {
        m.ranked(&index)
    } else {
        m.filter(&index)
    };
    if let Some(n) = limit {
        hits.truncate(n);
    }
    let r = match format {
        SearchFormat::Text => print_hits(&t, &hits, out),
        SearchFormat::Json => {
            let events: Vec<_> = hits
                .iter()
                .map(|&i| export::raw_event(&t, &t.event(i)))
                .collect();
            let s = export::to_json(&events);
            writeln!(out, "{s}")
        }
    };
    output_done(r)
}

fn print_hits(t: &Timeline, hits: &[EventIdx], out: &mut dyn Write) -> io::Result<()> {
    let width = hits
        .iter()
        .map(|&i| t.event(i).date.short().chars().count())
        .max()
        .unwrap_or(0);
    for &i in hits {
        let e = t.event(i);
        let date = e.date.short();
        let pad = width - date.chars().count();
        writeln!(
            out,
            "{date}{:pad$}  {}  [{}]",
            "",
            sanitize(e.title(), false),
            sanitize(e.id(), false)
        )?;
    }
    Ok(())
}

fn summary(t: &Timeline, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", sanitize(&t.title, false))?;
    if let Some(d) = &t.description {
        writeln!(out, "{}", sanitize(d, false))?;
    }
    let span = match (t.events().next(), t.events().next_back()) {
        (Some(a), Some(b)) => format!(", {} to {}", a.date.short(), b.date.short()),
        _ => String::new(),
    };
    writeln!(
        out,
        "{} events, {} people, {} sources{span}",
        t.len(),
        t.people.len(),
        t.sources.len()
    )?;
    writeln!(
        out,
        "Try: annals search QUERY  ·  annals export --format markdown  ·  annals --help"
    )
}
