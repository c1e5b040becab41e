//! Text for people: escaped before it reaches a terminal, and wrapped or cut to a width
//! the way the screen measures it. No terminal here, only what goes to one.

pub mod escape;
pub mod wrap;

pub use escape::sanitize;

/// A URL annals may hand to a browser or print as a link: http or https only, with no
/// control characters or spaces. Anything else (`file:`, `javascript:`, a shell string) is
/// refused: shown as text, never opened, never linked.
pub fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !u.chars().any(|c| c.is_control() || c.is_whitespace());
    (scheme_ok && clean && u.len() > "https://".len()).then_some(u)
}
