//! The terminal side: enter and always restore the terminal (quit, error, panic), and run
//! the loop — wait for input, turn it into actions, update, redraw only when asked to.

use crate::app::{Action, App, update};
use crate::domain::Timeline;
use crate::keymap;
use crate::ui::{Screen, Theme};
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyboardEnhancementFlags, MouseButton,
    MouseEventKind, PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How the explorer is started.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Capture the mouse (click to select, wheel to scroll). Off by default so that the
    /// terminal's own selection and copy keep working.
    pub mouse: bool,
}

/// Is the terminal in explorer mode (so that restoring has something to undo)?
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// Put the terminal back as it was: idempotent, safe from a panic hook.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        PopKeyboardEnhancementFlags,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Restores the terminal when dropped, whatever way the loop ends.
struct Guard;

impl Guard {
    fn enter(opts: Options) -> io::Result<Guard> {
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore();
                previous(info);
            }));
        });
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let guard = Guard;
        let mut out = stdout();
        execute!(
            out,
            EnterAlternateScreen,
            cursor::Hide,
            // Lets terminals that can (kitty, foot, WezTerm, recent xterm) tell Ctrl-i from
            // Tab; ignored by the others.
            PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
        )?;
        if opts.mouse {
            execute!(out, EnableMouseCapture)?;
            MOUSE.store(true, Ordering::SeqCst);
        }
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
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

fn draw(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &App,
    theme: Theme,
) -> io::Result<()> {
    terminal.draw(|f| f.render_widget(Screen { app, theme }, f.area()))?;
    Ok(())
}

/// Run the explorer on `timeline` until the user quits. The terminal is restored on every
/// way out, panics included.
pub fn run(timeline: Timeline, origin: String, opts: Options) -> io::Result<()> {
    let _guard = Guard::enter(opts)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let size = terminal.size()?;
    let mut app = App::new(timeline, origin, (size.width, size.height));
    let theme = Theme::from_env();
    draw(&mut terminal, &app, theme)?;
    loop {
        // Block until input: no polling, no CPU and no output while idle.
        let mut changed = false;
        let mut ev = event::read()?;
        loop {
            if let Some(a) = action_of(&app, ev, opts.mouse) {
                update(&mut app, a);
                changed = true;
            }
            if app.quit {
                return Ok(());
            }
            // Apply whatever else is already waiting (a paste, key repeat) before drawing.
            if !event::poll(Duration::ZERO)? {
                break;
            }
            ev = event::read()?;
        }
        if changed {
            draw(&mut terminal, &app, theme)?;
        }
    }
}
