//! Carrying out what `update` asks of the outside world: the clipboard through OSC 52
//! (works over SSH and inside tmux with `set-clipboard on`) and opening a URL in a browser
//! when the session is local.

use crate::app::safe_url;
use base64::Engine;
use std::io::{self, Write};
use std::process::{Command, Stdio};

/// The OSC 52 sequence that puts `text` on the clipboard. The text travels base64-encoded,
/// so nothing in it can act as a terminal command.
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

/// Is this session on a remote machine (opening a browser here would be pointless)?
fn remote() -> bool {
    ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

/// The program and arguments that open `url`: the first command of `$BROWSER` (a
/// colon-separated list, by convention), split on spaces, with `%s` replaced by the URL or
/// the URL added at the end; `xdg-open URL` without `$BROWSER`. No shell is involved.
pub fn browser_command(browser: Option<&str>, url: &str) -> (String, Vec<String>) {
    let first = browser
        .and_then(|b| b.split(':').map(str::trim).find(|c| !c.is_empty()))
        .unwrap_or("xdg-open");
    let mut words = first.split_whitespace().map(str::to_string);
    let program = words.next().unwrap_or_else(|| "xdg-open".into());
    let mut args: Vec<String> = words.collect();
    if args.iter().any(|a| a.contains("%s")) {
        for a in &mut args {
            *a = a.replace("%s", url);
        }
    } else {
        args.push(url.to_string());
    }
    (program, args)
}

/// Put `text` on the clipboard with OSC 52.
pub fn copy(text: &str, out: &mut impl Write) -> io::Result<()> {
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

/// Open `url` in a browser when the session is local (over SSH: copy it instead).
/// Returns a message for the status bar.
pub fn open(url: &str, out: &mut impl Write) -> io::Result<String> {
    // `update` checked the scheme; check again where the process starts.
    let Some(url) = safe_url(url) else {
        return Ok("not opened: only http(s) URLs are opened".into());
    };
    if remote() {
        copy(url, out)?;
        return Ok("remote session: URL copied instead (OSC 52)".into());
    }
    let (program, args) = browser_command(std::env::var("BROWSER").ok().as_deref(), url);
    // The URL is one argument of a program: never a shell command line.
    let spawned = Command::new(&program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    Ok(match spawned {
        Ok(mut child) => {
            // Reap it when it exits, so no zombie waits for annals to quit.
            std::thread::spawn(move || child.wait());
            "opening the source in a browser".into()
        }
        Err(e) => format!("could not start a browser ({program}): {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_commands_never_go_through_a_shell() {
        let u = "https://example.org/a?b=1;rm -rf ~";
        assert_eq!(
            browser_command(None, u),
            ("xdg-open".into(), vec![u.to_string()])
        );
        assert_eq!(
            browser_command(Some("firefox --new-tab:w3m"), u),
            ("firefox".into(), vec!["--new-tab".into(), u.to_string()])
        );
        assert_eq!(
            browser_command(Some("lynx -dump %s"), u),
            ("lynx".into(), vec!["-dump".into(), u.to_string()])
        );
        assert_eq!(browser_command(Some(" : "), u).0, "xdg-open");
    }

    #[test]
    fn osc52_carries_the_text_base64_and_nothing_else() {
        let s = osc52("a\x1b]0;x\x07b");
        assert!(s.starts_with("\x1b]52;c;") && s.ends_with('\x07'));
        let body = &s["\x1b]52;c;".len()..s.len() - 1];
        assert!(
            body.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
        let back = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        assert_eq!(back, b"a\x1b]0;x\x07b");
    }
}
