//! Keys → actions: one table, read both to handle keys and to draw the help, so the help
//! never drifts from what the keys do. Pure: no terminal, no state changes.

use crate::app::{Action, Focus, Mode};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// In every pane.
    Global,
    /// In one pane only (takes precedence over `Global`).
    Pane(Focus),
    /// While typing the filter or a date.
    Prompt,
}

impl Context {
    /// Heading in the help.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Pane(Focus::Timeline) => "Timeline",
            Context::Pane(Focus::Detail) => "Detail",
            Context::Pane(Focus::People) => "People",
            Context::Pane(Focus::Sources) => "Sources",
            Context::Pane(Focus::Lanes) => "Lanes view",
            Context::Prompt => "Typing a filter, date or name",
        }
    }
}

/// A key with its modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt… (Shift is part of the character for printable keys).
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}

/// One row of the keymap.
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys that do it.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// What the help says.
    pub help: &'static str,
}

const fn b(context: Context, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
    }
}

use Context::{Global as G, Pane, Prompt as P};
use KeyCode as C;

/// The keymap. Order is the order of the help.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b(G, &[k('j'), code(C::Down)], Action::Down, "next row"),
    b(G, &[k('k'), code(C::Up)], Action::Up, "previous row"),
    b(G, &[k('g'), code(C::Home)], Action::Top, "first row"),
    b(G, &[k('G'), code(C::End)], Action::Bottom, "last row"),
    b(G, &[code(C::PageDown), ctrl('f')], Action::PageDown, "page down"),
    b(G, &[code(C::PageUp), ctrl('b')], Action::PageUp, "page up"),
    b(G, &[ctrl('d')], Action::HalfDown, "half a page down"),
    b(G, &[ctrl('u')], Action::HalfUp, "half a page up"),
    b(G, &[code(C::Tab)], Action::FocusNext, "next pane"),
    b(G, &[code(C::BackTab)], Action::FocusPrev, "previous pane"),
    b(G, &[k('/')], Action::StartFilter, "filter (live)"),
    b(G, &[k('t')], Action::StartDateJump, "jump to a date (1999, 2013-05)"),
    b(G, &[k('m')], Action::StartSetMark, "m + letter: set mark"),
    b(G, &[k('\'')], Action::StartJumpMark, "' + letter: go to mark"),
    b(G, &[ctrl('o'), code(C::Backspace)], Action::Back, "back along jumps"),
    b(G, &[alt(C::Right), ctrl('i')], Action::Forward, "forward along jumps"),
    b(G, &[k('x')], Action::RemoveFacet, "remove the newest facet"),
    b(G, &[k('z')], Action::ToggleZoom, "zoom pane (again: all)"),
    b(G, &[k('v')], Action::ToggleLanes, "lanes view (again: list)"),
    b(G, &[k('c')], Action::ToggleContext, "context around matches"),
    b(G, &[k('y')], Action::CopyCitation, "copy citation (OSC 52)"),
    b(G, &[k('o')], Action::OpenSource, "open source URL"),
    b(G, &[code(C::Esc)], Action::ClearAll, "clear filter and facets"),
    b(G, &[k('?')], Action::ToggleHelp, "help (again: next page)"),
    b(G, &[k('q'), ctrl('c')], Action::Quit, "quit"),
    b(G, &[ctrl('z')], Action::Suspend, "suspend (fg resumes)"),
    b(Pane(Focus::Timeline), &[code(C::Enter)], Action::Activate, "open the detail"),
    b(Pane(Focus::Detail), &[k('j'), code(C::Down)], Action::Down, "next link"),
    b(Pane(Focus::Detail), &[k('k'), code(C::Up)], Action::Up, "previous link"),
    b(Pane(Focus::Detail), &[code(C::Enter)], Action::Activate, "follow the link"),
    b(Pane(Focus::Detail), &[code(C::PageDown), ctrl('d')], Action::PageDown, "scroll the text down"),
    b(Pane(Focus::Detail), &[code(C::PageUp), ctrl('u')], Action::PageUp, "scroll the text up"),
    b(Pane(Focus::People), &[code(C::Enter)], Action::Activate, "only their events (again: all)"),
    b(Pane(Focus::People), &[k('/')], Action::StartFind, "find a name"),
    b(Pane(Focus::People), &[k('n')], Action::FindNext, "next name found"),
    b(Pane(Focus::People), &[k('N')], Action::FindPrev, "previous name found"),
    b(Pane(Focus::Sources), &[code(C::Enter)], Action::Activate, "only events it backs (again: all)"),
    b(Pane(Focus::Sources), &[k('/')], Action::StartFind, "find a source"),
    b(Pane(Focus::Sources), &[k('n')], Action::FindNext, "next source found"),
    b(Pane(Focus::Sources), &[k('N')], Action::FindPrev, "previous source found"),
    b(Pane(Focus::Sources), &[code(C::PageDown), ctrl('d')], Action::PageDown, "scroll its record down"),
    b(Pane(Focus::Sources), &[code(C::PageUp), ctrl('u')], Action::PageUp, "scroll its record up"),
    b(Pane(Focus::Lanes), &[k('j'), code(C::Down)], Action::Down, "next lane, its nearest event"),
    b(Pane(Focus::Lanes), &[k('k'), code(C::Up)], Action::Up, "previous lane, its nearest event"),
    b(Pane(Focus::Lanes), &[k('h'), code(C::Left)], Action::PanLeft, "pan to earlier times"),
    b(Pane(Focus::Lanes), &[k('l'), code(C::Right)], Action::PanRight, "pan to later times"),
    b(Pane(Focus::Lanes), &[k('+'), k('z')], Action::ZoomIn, "zoom time in (z here: not the pane)"),
    b(Pane(Focus::Lanes), &[k('-'), k('Z')], Action::ZoomOut, "zoom time out"),
    b(Pane(Focus::Lanes), &[k('=')], Action::FitAll, "fit the filtered timeline"),
    b(Pane(Focus::Lanes), &[k('[')], Action::PrevInLane, "previous event in the lane"),
    b(Pane(Focus::Lanes), &[k(']')], Action::NextInLane, "next event in the lane"),
    b(Pane(Focus::Lanes), &[k('L')], Action::CycleGrouping, "lanes by person, place, tag, source"),
    b(Pane(Focus::Lanes), &[k('w')], Action::MarkOverlap, "when both were active: w on a person, w on another"),
    b(Pane(Focus::Lanes), &[code(C::Enter)], Action::Activate, "open the detail"),
    b(P, &[code(C::Enter)], Action::Accept, "keep filter / jump to date"),
    b(P, &[code(C::Esc)], Action::Cancel, "cancel; after typing, clear the filter"),
    b(P, &[code(C::Up)], Action::HistoryPrev, "previous query (history)"),
    b(P, &[code(C::Down)], Action::HistoryNext, "next query (history)"),
    b(P, &[ctrl('n')], Action::Down, "next row, still typing"),
    b(P, &[ctrl('p')], Action::Up, "previous row, still typing"),
    b(P, &[code(C::Backspace)], Action::DeleteChar, "delete a character"),
    b(P, &[ctrl('w')], Action::DeleteWord, "delete a word"),
    b(P, &[ctrl('u')], Action::ClearLine, "delete the whole line"),
];

/// Compare keys as terminals send them: Shift is folded into printable characters.
fn normalize(ev: KeyEvent) -> Key {
    let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let code = match ev.code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        KeyCode::BackTab => {
            mods = KeyModifiers::NONE;
            KeyCode::BackTab
        }
        other => other,
    };
    Key { code, mods }
}

fn lookup(context: Context, key: Key) -> Option<Action> {
    BINDINGS
        .iter()
        .find(|b| b.context == context && b.keys.contains(&key))
        .map(|b| b.action.clone())
}

/// The action a key press means now, if any.
pub fn action_for(mode: Mode, focus: Focus, ev: KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let key = normalize(ev);
    let plain_char = match key.code {
        KeyCode::Char(c) if key.mods.is_empty() => Some(c),
        _ => None,
    };
    if key == ctrl('c') {
        return Some(Action::Quit);
    }
    match mode {
        // `?` turns to the query syntax; any other key closes the help.
        Mode::Help if key == k('?') => Some(Action::ToggleHelp),
        Mode::Help => Some(Action::Cancel),
        Mode::SetMark => Some(plain_char.map_or(Action::Cancel, Action::SetMark)),
        Mode::JumpMark => Some(plain_char.map_or(Action::Cancel, Action::JumpMark)),
        Mode::Filter | Mode::Date | Mode::Find => {
            lookup(Context::Prompt, key).or(plain_char.map(Action::Insert))
        }
        Mode::Normal => lookup(Context::Pane(focus), key).or_else(|| lookup(Context::Global, key)),
    }
}

/// Does this key quit while a timeline loads (`q`, Ctrl-c)?
pub fn is_quit(ev: KeyEvent) -> bool {
    ev.kind != KeyEventKind::Release && {
        let key = normalize(ev);
        key == ctrl('c') || key == k('q')
    }
}

/// How the help and the README spell a key.
pub fn label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        other => other.to_string(),
    };
    let mut out = String::new();
    if key.mods.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if key.mods.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    out.push_str(&name);
    out
}

/// The keys of a binding, as one cell: `j ↓`.
pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(label).collect::<Vec<_>>().join(" ")
}

/// The contexts in help order.
pub const CONTEXTS: [Context; 7] = [
    Context::Global,
    Context::Pane(Focus::Timeline),
    Context::Pane(Focus::Detail),
    Context::Pane(Focus::People),
    Context::Pane(Focus::Sources),
    Context::Pane(Focus::Lanes),
    Context::Prompt,
];

/// The contexts the `?` help shows in a view: the list view's panes, or the lanes view's
/// (so that each fits the screen whole).
pub fn contexts(layout: crate::app::layout::Layout) -> &'static [Context] {
    use crate::app::layout::Layout;
    match layout {
        Layout::Explorer => &[
            Context::Global,
            Context::Pane(Focus::Timeline),
            Context::Pane(Focus::Detail),
            Context::Pane(Focus::People),
            Context::Pane(Focus::Sources),
            Context::Prompt,
        ],
        Layout::Lanes => &[
            Context::Global,
            Context::Pane(Focus::Lanes),
            Context::Pane(Focus::Detail),
            Context::Prompt,
        ],
    }
}

/// The keymap as a Markdown table, for the README (a test keeps the two equal).
pub fn markdown() -> String {
    let mut out = String::from("| where | keys | does |\n|---|---|---|\n");
    for c in CONTEXTS {
        for b in BINDINGS.iter().filter(|b| b.context == c) {
            let keys = b
                .keys
                .iter()
                .map(|k| format!("`{}`", label(k).replace('`', "\\`")))
                .collect::<Vec<_>>()
                .join(" ");
            out.push_str(&format!("| {} | {} | {} |\n", c.title(), keys, b.help));
        }
    }
    out
}
