//! The terminal side: run the loop — wait for input, turn it into actions, update, redraw
//! only when something changed, save the session — with the terminal always restored.

mod saver;
mod signals;
pub mod terminal;
pub mod thrifty;

use crate::app::{Action, App, update};
use crate::domain::Timeline;
use crate::keymap;
use crate::session::store::{self, Loaded};
use crate::session::{SessionState, apply, capture};
use crate::ui::{Screen, Theme};
use crossterm::event::{self, Event, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use saver::Saver;
use std::io::{self, Stdout, stdout};
use std::path::PathBuf;
use std::time::{Duration, Instant};

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
}

/// Turn one terminal event into an action, if it means one.
pub fn action_of(app: &App, ev: Event, mouse: bool) -> Option<Action> {
    match ev {
        Event::Key(k) => keymap::action_for(app.mode, app.focus, k),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
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

/// Run the explorer on `timeline` until the user quits. `dataset` names it for the session
/// (canonical path, or `bundled:NAME`). The terminal is restored on every way out, panics
/// and signals included, and the session is saved on each of them.
pub fn run(timeline: Timeline, origin: String, dataset: String, opts: Options) -> io::Result<()> {
    let (path, restored, notice) = open_session(&dataset, &opts);
    let saver = Saver::new(path, restored.clone());
    signals::catch_signals(saver.clone())?;
    terminal::enter(opts.mouse)?;
    let _guard = terminal::Guard;
    signals::watch_terminal(saver.clone())?;
    let mut term = Terminal::new(thrifty::Thrifty::new(CrosstermBackend::new(stdout())))?;
    let size = term.size()?;
    let mut app = App::new(timeline, origin, (size.width, size.height));
    if let Some(s) = &restored {
        apply(&mut app, s);
    }
    if let Some(m) = notice {
        app.message = Some(m);
    }
    let mut theme = Theme::from_env();
    if opts.no_color {
        theme.color = false;
    }
    theme.ascii |= opts.ascii;
    // Nothing is written until something changes: --fresh keeps the old session until then.
    saver.record(capture(&app, &dataset));
    if opts.fresh {
        saver.mark_written();
    }
    let result = event_loop(&mut term, &mut app, theme, &dataset, &saver, opts.mouse);
    saver.record(capture(&app, &dataset));
    let saved = saver.flush();
    result.and(saved)
}

fn event_loop(
    term: &mut Term,
    app: &mut App,
    theme: Theme,
    dataset: &str,
    saver: &Saver,
    mouse: bool,
) -> io::Result<()> {
    draw(term, app, theme)?;
    let mut due: Option<Instant> = None;
    loop {
        // Block until input, or until a coalesced save is due: no polling, no CPU and no
        // output while idle.
        if let Some(d) = due
            && !event::poll(d.saturating_duration_since(Instant::now()))?
        {
            saver.flush()?;
            due = None;
            continue;
        }
        let mut changed = false;
        let mut ev = event::read()?;
        loop {
            if let Some(a) = action_of(app, ev, mouse) {
                update(app, a);
                changed = true;
            }
            if app.quit {
                return Ok(());
            }
            if app.suspend {
                app.suspend = false;
                saver.record(capture(app, dataset));
                saver.flush()?;
                terminal::suspend(mouse)?;
                // Back from `fg`: the screen is unknown, redraw all of it.
                term.clear()?;
                changed = true;
                break;
            }
            // Apply whatever else is already waiting (a paste, key repeat) before drawing.
            if !event::poll(Duration::ZERO)? {
                break;
            }
            ev = event::read()?;
        }
        if changed {
            // Record before drawing: once the user can see a state, a signal saves it.
            let pending = saver.record(capture(app, dataset));
            draw(term, app, theme)?;
            if let Some(d) = pending {
                if d <= Instant::now() {
                    saver.flush()?;
                    due = None;
                } else {
                    due = Some(d);
                }
            }
        }
    }
}
