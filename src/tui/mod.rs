//! The terminal side: run the loop — wait for input, turn it into actions, update, redraw
//! only when something changed, save the session — with the terminal always restored.

mod effects;
mod pacing;
mod reload;
mod saver;
mod signals;
pub mod terminal;
pub mod thrifty;
pub mod worker;

use crate::app::{Action, App, Effects, Msg, update};
use crate::keymap;
use crate::load::{Diagnostic, LoadError, Progress};
use crate::open::Dataset;
use crate::session::store::{self, Loaded};
use crate::session::{SessionState, capture};
use crate::text::sanitize;
use crate::ui::{Loading, Screen, Theme};
use crossterm::event::{Event, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use saver::Saver;
use std::io::{self, Stdout, stdout};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};
pub use worker::LoadFn;
use worker::{Filterer, Inbox};

/// How the explorer is started.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Capture the mouse (click to select, wheel to scroll). Off by default so that the
    /// terminal's own selection and copy keep working.
    pub mouse: bool,
    /// Start clean, ignoring (but keeping) the saved session.
    pub fresh: bool,
    /// A named session, kept apart from the default one.
    pub session: Option<String>,
    /// No colours, whatever the environment says.
    pub no_color: bool,
    /// ASCII only (also chosen when the locale is not UTF-8).
    pub ascii: bool,
    /// Watch this file and reload it when it changes (none for the bundled timeline).
    pub watch: Option<PathBuf>,
    /// Show times of day in UTC (`--utc`).
    pub utc: bool,
}

/// Turn one terminal event into an action, if it means one.
pub fn action_of(app: &App, ev: Event, mouse: bool) -> Option<Action> {
    match ev {
        Event::Key(k) => keymap::action_for(app.view.mode, app.view.focus, k),
        Event::Resize(w, h) => {
            let (w, h) = thrifty::capped(w, h);
            Some(Action::Resize(w, h))
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(m) if mouse => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::WheelUp(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::WheelDown(m.column, m.row)),
            _ => None,
        },
        _ => None,
    }
}

type Term = Terminal<thrifty::Thrifty<CrosstermBackend<Stdout>>>;

fn draw(terminal: &mut Term, app: &App, theme: Theme) -> io::Result<()> {
    terminal.draw(|f| f.render_widget(Screen { app, theme }, f.area()))?;
    Ok(())
}

/// What opening the session found: where to save, what to restore, what to tell the user.
type Opened = (Option<PathBuf>, Option<SessionState>, Option<String>);

/// Find the session file for `dataset` and read it; a bad one is moved aside with a notice.
fn open_session(dataset: &str, opts: &Options) -> Opened {
    let Some(dir) = store::state_dir() else {
        let why = "no HOME or XDG_STATE_HOME: the session is not saved";
        return (None, None, Some(why.into()));
    };
    // Private (0700, files 0600) even if an older annals made it readable to others.
    crate::files::tighten(&dir);
    store::remove_stale_temps(&dir);
    let path = dir.join(store::file_name(dataset, opts.session.as_deref()));
    if opts.fresh {
        return (Some(path), None, None);
    }
    match store::load(&path, dataset) {
        Loaded::Missing => (Some(path), None, None),
        Loaded::Found(s) => (Some(path), Some(*s), None),
        Loaded::Discarded(msg) => (Some(path), None, Some(msg)),
    }
}

/// Filter off the UI thread from this many events on.
pub const ASYNC_FROM: usize = 20_000;
/// Show the loading screen once a load has taken this long.
const SHOW_LOADING_AFTER: Duration = Duration::from_millis(80);
/// Redraw the loading screen this often.
const LOADING_TICK: Duration = Duration::from_millis(100);

/// Why the explorer stopped other than by the user's wish.
#[derive(Debug)]
pub enum RunError {
    /// The timeline did not load.
    Load(LoadError),
    /// The terminal failed.
    Io(io::Error),
}

impl From<io::Error> for RunError {
    fn from(e: io::Error) -> RunError {
        RunError::Io(e)
    }
}

/// Run the explorer until the user quits. `load` runs on its own thread while a progress
/// screen shows (q or Ctrl-c stops it); `dataset` names the timeline for the session
/// (canonical path, or `bundled:NAME`). The terminal is restored on every way out, panics
/// and signals included, and the session is saved on each of them. Returns the load's
/// warnings, for printing once the screen is back.
pub fn run(
    load: LoadFn,
    origin: String,
    dataset: String,
    opts: Options,
) -> Result<Vec<Diagnostic>, RunError> {
    let (tx, rx) = channel();
    let progress = Arc::new(Progress::default());
    let started = Instant::now();
    worker::spawn_loader(load, progress.clone(), tx.clone())?;
    let (path, restored, notice) = open_session(&dataset, &opts);
    let saver = Saver::new(path, restored.clone());
    signals::catch_signals(saver.clone())?;
    terminal::save_on_panic(saver.clone());
    // Most files load at once: wait a moment before taking the terminal, so that a file
    // that does not load is reported on a terminal never touched.
    let early = match rx.recv_timeout(SHOW_LOADING_AFTER) {
        Ok(Inbox::Loaded(r)) => Some(r.map_err(RunError::Load)?),
        _ => None,
    };
    terminal::enter(opts.mouse)?;
    let _guard = terminal::Guard;
    signals::watch_terminal(saver.clone())?;
    worker::spawn_input(tx.clone())?;
    let mut term = Terminal::new(thrifty::Thrifty::new(CrosstermBackend::new(stdout())))?;
    let mut theme = Theme::from_env();
    if opts.no_color {
        theme.color = false;
    }
    theme.ascii |= opts.ascii;
    let ready = match early {
        Some(r) => r,
        None => match wait_for_load(&mut term, &rx, &progress, started, &origin, theme)? {
            Some(r) => r,
            None => return Ok(Vec::new()), // the user quit while it loaded
        },
    };
    let size = term.size()?;
    let mut app = App::from_parts(
        ready.timeline,
        ready.index,
        origin,
        (size.width, size.height),
    );
    // Restored before filtering goes off-thread, so the first frame shows its results.
    if let Some(s) = &restored {
        update(&mut app, Msg::Restore(Box::new(s.clone())));
    }
    let mut app = app.with_async_from(ASYNC_FROM).with_utc(opts.utc);
    let startup =
        notice
            .or(ready.cache_warning)
            .or_else(|| match crate::load::total(&ready.warnings) {
                0 => None,
                n => Some(format!("{n} warning(s) in the data: see `annals check`")),
            });
    if let Some(text) = startup {
        update(&mut app, Msg::Notice(text));
    }
    let filterer = Filterer::spawn(app.data.index.clone(), tx.clone())?;
    // Watching is a convenience: if the system will not watch, annals works without it.
    let _watcher = opts
        .watch
        .as_ref()
        .and_then(|f| reload::watch(f, tx.clone()).ok());
    // Nothing is written until something changes: --fresh keeps the old session until then.
    saver.record(capture(&app, &dataset));
    if opts.fresh {
        saver.mark_written();
    }
    let mut ctx = Loop {
        term: &mut term,
        theme,
        dataset: &dataset,
        saver: &saver,
        mouse: opts.mouse,
        filterer,
        rx: &rx,
        tx,
        panic_key: std::env::var_os("ANNALS_DEBUG_PANIC").is_some(),
        watch: opts.watch.clone(),
        reload_due: None,
        pacing: pacing::Pacing::default(),
        reloading: None,
        reload_generation: 0,
        save_warned: false,
        quit: false,
        suspend: false,
    };
    let result = ctx.run(&mut app);
    saver.record(capture(&app, &dataset));
    let saved = saver.flush();
    result?;
    if let Err(e) = saved {
        // Not an error exit: the exploring went fine, only the session is lost.
        terminal::restore();
        eprintln!("annals: warning: the session could not be saved: {e}");
    }
    Ok(ready.warnings)
}

/// Show progress until the loader reports. `None` when the user quit first.
fn wait_for_load(
    term: &mut Term,
    rx: &Receiver<Inbox>,
    progress: &Progress,
    started: Instant,
    origin: &str,
    theme: Theme,
) -> Result<Option<Box<Dataset>>, RunError> {
    let shown = sanitize(origin, false).into_owned();
    loop {
        let wait = if started.elapsed() < SHOW_LOADING_AFTER {
            SHOW_LOADING_AFTER - started.elapsed()
        } else {
            LOADING_TICK
        };
        match rx.recv_timeout(wait) {
            Ok(Inbox::Loaded(r)) => return r.map(Some).map_err(RunError::Load),
            Ok(Inbox::Term(Event::Key(k))) if keymap::is_quit(k) => {
                progress.cancel();
                return Ok(None);
            }
            Ok(Inbox::TermGone(e)) => return Err(RunError::Io(e)),
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(RunError::Io(io::Error::other("loader stopped")));
            }
        }
        if started.elapsed() >= SHOW_LOADING_AFTER {
            let loading = Loading {
                origin: &shown,
                read: progress.read(),
                parsed: progress.parsed(),
                total: progress.total(),
                elapsed: started.elapsed(),
                theme,
            };
            term.draw(|f| f.render_widget(loading, f.area()))?;
        }
    }
}

/// The explorer's loop and what it works with.
struct Loop<'a> {
    term: &'a mut Term,
    theme: Theme,
    dataset: &'a str,
    saver: &'a Saver,
    mouse: bool,
    filterer: Filterer,
    rx: &'a Receiver<Inbox>,
    tx: std::sync::mpsc::Sender<Inbox>,
    /// The file to reload when it changes.
    watch: Option<PathBuf>,
    /// When the file has been quiet long enough to reload it.
    reload_due: Option<Instant>,
    /// When to draw partial results of a running scan.
    pacing: pacing::Pacing,
    /// The running reload's progress (cancelled when the file changes again).
    reloading: Option<Arc<Progress>>,
    /// Number of the newest reload: results of older ones are ignored.
    reload_generation: u64,
    /// The user was told that the session cannot be saved.
    save_warned: bool,
    /// `ANNALS_DEBUG_PANIC` is set: F12 panics (a test hook).
    panic_key: bool,
    /// The user asked to leave.
    quit: bool,
    /// The user asked to suspend (Ctrl-z); cleared once done.
    suspend: bool,
}

impl Loop<'_> {
    /// Handle one message from the inbox: turn it into a [`Msg`] for `update` and carry
    /// out what comes back. True when the state changed.
    fn handle(&mut self, app: &mut App, msg: Inbox) -> io::Result<bool> {
        let fx = match msg {
            Inbox::Term(Event::Key(k))
                if self.panic_key && k.code == crossterm::event::KeyCode::F(12) =>
            {
                // The tests' way to check that a panic restores, saves and reports.
                panic!("F12 pressed with ANNALS_DEBUG_PANIC set");
            }
            Inbox::Term(ev) => {
                let Some(a) = action_of(app, ev, self.mouse) else {
                    return Ok(false);
                };
                update(app, a)
            }
            Inbox::Scan(r) => update(app, Msg::Scanned(r)),
            Inbox::TermGone(e) => return Err(e),
            Inbox::Loaded(_) => return Ok(false),
            Inbox::FileChanged => {
                // A reload still running reads an old version (or waits on one that will
                // never come): call it off, and start again once writes settle.
                if let Some(p) = self.reloading.take() {
                    p.cancel();
                    self.reload_generation += 1;
                }
                self.reload_due = Some(Instant::now() + reload::SETTLE);
                return Ok(false);
            }
            Inbox::Reloaded(generation, _) if generation != self.reload_generation => {
                return Ok(false);
            }
            Inbox::Reloaded(_, Err(LoadError::Cancelled)) => return Ok(false),
            Inbox::Reloaded(_, r) => {
                self.reloading = None;
                match r {
                    Ok(ready) => update(
                        app,
                        Msg::Reloaded {
                            timeline: ready.timeline,
                            index: ready.index,
                        },
                    ),
                    Err(e) => update(app, Msg::ReloadFailed(reload::describe(&e))),
                }
            }
        };
        self.carry_out(app, fx)?;
        Ok(true)
    }

    /// Do what an update asked for.
    fn carry_out(&mut self, app: &mut App, fx: Effects) -> io::Result<()> {
        if fx.new_data {
            self.filterer = Filterer::spawn(app.data.index.clone(), self.tx.clone())?;
            worker::settle_index(app.data.index.clone());
        }
        if fx.stop_scan {
            self.filterer.stop();
        }
        if let Some(job) = fx.scan {
            self.filterer.submit(job);
        }
        if let Some(text) = fx.copy {
            effects::copy(&text, &mut stdout())?;
        }
        if let Some(url) = fx.open {
            let said = effects::open(&url, &mut stdout())?;
            update(app, Msg::Notice(said));
        }
        self.quit |= fx.quit;
        self.suspend |= fx.suspend;
        Ok(())
    }

    /// Write the session if it changed. A failure is no reason to stop exploring: the
    /// first one is said in the status bar (true: redraw), and the saver tries again later.
    fn save(&mut self, app: &mut App) -> bool {
        match self.saver.flush() {
            Ok(()) => false,
            Err(_) if self.save_warned => false,
            Err(e) => {
                self.save_warned = true;
                update(app, Msg::SessionUnsaved(e.kind()));
                true
            }
        }
    }

    fn run(&mut self, app: &mut App) -> io::Result<()> {
        draw(self.term, app, self.theme)?;
        worker::settle_index(app.data.index.clone());
        let mut due: Option<Instant> = None;
        loop {
            // Block until a message, or until a coalesced save is due: no polling, no CPU
            // and no output while idle.
            // A reload waits for the file to settle, then runs off this thread.
            if let Some(r) = self.reload_due
                && r <= Instant::now()
            {
                self.reload_due = None;
                if let Some(f) = &self.watch {
                    let progress = Arc::new(Progress::default());
                    self.reload_generation += 1;
                    self.reloading = Some(progress.clone());
                    reload::spawn(f.clone(), self.tx.clone(), self.reload_generation, progress);
                }
            }
            let wake = [due, self.reload_due, self.pacing.due()]
                .into_iter()
                .flatten()
                .min();
            let first = match wake {
                Some(d) => match self
                    .rx
                    .recv_timeout(d.saturating_duration_since(Instant::now()))
                {
                    Ok(m) => m,
                    Err(RecvTimeoutError::Timeout) => {
                        if self.pacing.due().is_some_and(|h| h <= Instant::now()) {
                            self.frame(app, &mut due)?;
                        }
                        if due.is_some_and(|d| d <= Instant::now()) {
                            if self.save(app) {
                                draw(self.term, app, self.theme)?;
                            }
                            // Failed: try again once the retry time has come.
                            due = self.saver.record(capture(app, self.dataset));
                        }
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                },
                None => match self.rx.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(()),
                },
            };
            // Only partial results of a running scan: their frame may wait (`pacing`).
            let mut partial = matches!(first, Inbox::Scan(_));
            let mut changed = self.handle(app, first)?;
            // Apply whatever else is already waiting (a paste, key repeat, more results)
            // before drawing.
            loop {
                if self.quit {
                    return Ok(());
                }
                if self.suspend {
                    self.suspend = false;
                    self.saver.record(capture(app, self.dataset));
                    self.save(app);
                    terminal::suspend(self.mouse)?;
                    // Back from `fg`: the screen is unknown, redraw all of it.
                    self.term.clear()?;
                    changed = true;
                    partial = false;
                    break;
                }
                match self.rx.try_recv() {
                    Ok(m) => {
                        partial &= matches!(m, Inbox::Scan(_));
                        changed |= self.handle(app, m)?;
                    }
                    Err(_) => break,
                }
            }
            partial &= app.filter.scanning.is_some();
            if self.pacing.after(changed, partial, Instant::now()) {
                self.frame(app, &mut due)?;
            }
        }
    }

    /// Draw the state, recording it for the session first (once the user can see a state,
    /// a signal saves it), and save it if that is due (`due`: when a save is next due).
    fn frame(&mut self, app: &mut App, due: &mut Option<Instant>) -> io::Result<()> {
        self.pacing.drawn();
        let pending = self.saver.record(capture(app, self.dataset));
        draw(self.term, app, self.theme)?;
        if let Some(d) = pending {
            if d <= Instant::now() {
                if self.save(app) {
                    draw(self.term, app, self.theme)?;
                }
                *due = self.saver.record(capture(app, self.dataset));
            } else {
                *due = Some(d);
            }
        }
        Ok(())
    }
}
