//! Dying well: a thread that catches SIGHUP, SIGTERM, SIGINT and SIGQUIT, and a watchdog
//! that notices a dead terminal even when SIGHUP is ignored (nohup). Either one saves the
//! session, restores what it can of the terminal and exits — without waiting for the event
//! loop, which may be stuck reading a terminal that is gone.

use super::saver::Saver;
use super::terminal::restore;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;
use std::time::Duration;

/// How often the watchdog looks at the terminal.
const WATCH_EVERY: Duration = Duration::from_millis(200);

/// Save, restore the terminal, exit with `code`.
pub fn die(saver: &Saver, code: i32) -> ! {
    let _ = saver.flush();
    restore();
    std::process::exit(code)
}

/// Was `sig` ignored when annals started (as `nohup` does for SIGHUP)?
fn ignored(sig: i32) -> bool {
    // SAFETY: reads the current disposition only (no new action is installed).
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(sig, std::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_IGN
    }
}

/// Start the signal thread. Exits with 128 + the signal number. A SIGHUP that was ignored
/// at start (nohup) stays ignored; the watchdog notices the hang-up instead.
pub fn catch_signals(saver: Saver) -> std::io::Result<()> {
    let wanted: Vec<i32> = [SIGHUP, SIGTERM, SIGINT, SIGQUIT]
        .into_iter()
        .filter(|&s| s != SIGHUP || !ignored(s))
        .collect();
    let mut signals = Signals::new(wanted)?;
    std::thread::Builder::new()
        .name("annals-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                die(&saver, 128 + sig);
            }
        })?;
    Ok(())
}

/// Has the terminal on `fd` hung up (its other side closed)?
fn hung_up(fd: i32) -> bool {
    let mut p = libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout.
    let n = unsafe { libc::poll(&mut p, 1, 0) };
    n > 0 && (p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL)) != 0
}

/// Start the watchdog on the terminal the keys come from. Exits with 129 (as for SIGHUP)
/// when it has hung up.
pub fn watch_terminal(saver: Saver) -> std::io::Result<()> {
    use std::io::IsTerminal;
    let fd = if std::io::stdin().is_terminal() { 0 } else { 1 };
    std::thread::Builder::new()
        .name("annals-watchdog".into())
        .spawn(move || {
            loop {
                if hung_up(fd) {
                    die(&saver, 128 + SIGHUP);
                }
                std::thread::sleep(WATCH_EVERY);
            }
        })?;
    Ok(())
}
