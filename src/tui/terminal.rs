//! Entering and leaving the explorer's terminal mode, from any thread and any exit path:
//! quit, error, panic, signal, hang-up and Ctrl-z.

use crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, KeyboardEnhancementFlags, PopKeyboardEnhancementFlags,
    PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use std::io::{self, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Once, OnceLock};

/// Is the terminal in explorer mode (so that restoring has something to undo)?
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();
/// The session to save if annals panics.
static SAVER: OnceLock<super::saver::Saver> = OnceLock::new();

/// Save this session from the panic hook (set once, when the explorer starts).
pub fn save_on_panic(saver: super::saver::Saver) {
    let _ = SAVER.set(saver);
}

/// What a panic prints once the terminal is back: the message, what was kept, where to go.
fn report(info: &std::panic::PanicHookInfo<'_>, saved: &str) -> String {
    let what = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into());
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    format!(
        "annals {}: internal error (a bug): {}{place}\n\
         {saved} Your data file was only read, never written.\n\
         Please report this message and what you were doing to the annals issue tracker\n\
         (see \"Reporting a bug\" in the README); RUST_BACKTRACE=1 adds a backtrace.",
        env!("CARGO_PKG_VERSION"),
        crate::domain::text::sanitize(&what, false),
    )
}

/// Put the terminal back as it was: idempotent, safe from a panic hook or another thread,
/// and it ignores errors (the terminal may be gone).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    // Write to descriptor 1 directly, not through `Stdout`: another thread (stuck writing
    // to a dead terminal, or in the middle of a frame) may hold its lock.
    // SAFETY: fd 1 stays open for the life of the process; ManuallyDrop never closes it.
    let mut out = std::mem::ManuallyDrop::new(unsafe {
        <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(1)
    });
    let out = &mut *out;
    if MOUSE.load(Ordering::SeqCst) {
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

/// Enter explorer mode: raw input, alternate screen, hidden cursor, and the mouse if asked.
pub fn enter(mouse: bool) -> io::Result<()> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            let saved = match SAVER.get().map(|s| s.flush_if_free()) {
                Some(Ok(true)) => "Your session was saved.",
                Some(Ok(false)) => "Your session was saved at the last change.",
                Some(Err(_)) => "Your session could not be saved.",
                None => "There was no session to save.",
            };
            eprintln!("{}", report(info, saved));
            if std::env::var_os("RUST_BACKTRACE").is_some() {
                previous(info);
            }
            // A panic on any thread ends annals: half an explorer is worse than none.
            std::process::exit(101);
        }));
    });
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    let mut out = stdout();
    execute!(
        out,
        EnterAlternateScreen,
        cursor::Hide,
        // Lets terminals that can (kitty, foot, WezTerm, recent xterm) tell Ctrl-i from
        // Tab; ignored by the others.
        PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
    )?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Ctrl-z: give the terminal back, stop until `fg`, then take it again.
pub fn suspend(mouse: bool) -> io::Result<()> {
    restore();
    // SAFETY: raise() only sends a signal to this process; SIGTSTP's default action stops
    // it until SIGCONT.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    enter(mouse)
}

/// Restores the terminal when dropped, whatever way the loop ends.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}
