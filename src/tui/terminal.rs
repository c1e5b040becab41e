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
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

/// Is the terminal in explorer mode (so that restoring has something to undo)?
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

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
            previous(info);
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
