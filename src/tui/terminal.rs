//! Entering and leaving the explorer's terminal mode, from any thread and any exit path:
//! quit, error, panic, signal, hang-up and Ctrl-z; and the one panic hook of the whole
//! binary (installed first in `main`, for every command), which restores the terminal,
//! saves the session if there is one and prints the message escaped.

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    KeyboardEnhancementFlags, PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use std::io::{self, Write, stdout};
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

/// What a panic prints once the terminal is back: the message (escaped: it may quote
/// data), what was kept, where to go.
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
         {saved}Your data file was only read, never written.\n\
         Please report this message and what you were doing to the annals issue tracker\n\
         (see \"Reporting a bug\" in the README); RUST_BACKTRACE=1 adds a backtrace.",
        env!("CARGO_PKG_VERSION"),
        crate::text::sanitize(&what, false),
    )
}

/// The backtrace `RUST_BACKTRACE` asks for: `full`, or the frames of annals' own code
/// (as Rust's default hook shows them).
fn backtrace() -> Option<String> {
    let how = std::env::var("RUST_BACKTRACE").ok().filter(|v| v != "0")?;
    let trace = std::backtrace::Backtrace::force_capture().to_string();
    if how == "full" {
        return Some(trace);
    }
    // Frames are a numbered line and its `at` lines. Keep those after the panic
    // machinery's own (`__rust_end_short_backtrace`) up to the thread's start.
    let mut frames: Vec<String> = Vec::new();
    for line in trace.lines() {
        match frames.last_mut() {
            Some(f) if line.trim_start().starts_with("at ") => {
                f.push('\n');
                f.push_str(line);
            }
            _ => frames.push(line.to_string()),
        }
    }
    let first = frames
        .iter()
        .position(|f| f.contains("__rust_end_short_backtrace"))
        .map_or(0, |i| i + 1);
    let last = frames
        .iter()
        .position(|f| f.contains("__rust_begin_short_backtrace"))
        .unwrap_or(frames.len());
    let mut out = String::from("stack backtrace:\n");
    for f in frames.get(first..last.max(first)).unwrap_or_default() {
        out.push_str(f);
        out.push('\n');
    }
    Some(out)
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
        DisableBracketedPaste,
        PopKeyboardEnhancementFlags,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Install the panic hook of the whole binary (idempotent): on a panic in any thread,
/// restore the terminal if the explorer holds it, save the session if there is one, print
/// the message with control characters escaped (and a backtrace with `RUST_BACKTRACE`),
/// and exit with status 101. Rust's default hook would print the message raw.
pub fn install_panic_hook() {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(move |info| {
            restore();
            let saved = match SAVER.get().map(|s| s.flush_if_free()) {
                Some(Ok(true)) => "Your session was saved. ",
                Some(Ok(false)) => "Your session was saved at the last change. ",
                Some(Err(_)) => "Your session could not be saved. ",
                None => "",
            };
            let mut err = io::stderr().lock();
            let _ = writeln!(err, "{}", report(info, saved));
            if let Some(trace) = backtrace() {
                let _ = writeln!(err, "{}", crate::text::sanitize(&trace, true));
            }
            // A panic on any thread ends annals: half an explorer is worse than none.
            std::process::exit(101);
        }));
    });
}

/// Enter explorer mode: raw input, alternate screen, hidden cursor, bracketed paste, and
/// the mouse if asked.
pub fn enter(mouse: bool) -> io::Result<()> {
    install_panic_hook();
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
        PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES),
        // A paste arrives as one event (one edit), not as keys: a newline or a `q` in it
        // is text, and 10 KB cost one re-match, not ten thousand.
        EnableBracketedPaste
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
