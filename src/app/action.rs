//! Everything the explorer can be asked to do. Keys, mouse and resizes become these.

/// One step of the explorer: the only way its state changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move the cursor of the focused pane one row up.
    Up,
    /// Move the cursor of the focused pane one row down.
    Down,
    /// First row.
    Top,
    /// Last row.
    Bottom,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// Half a page up.
    HalfUp,
    /// Half a page down.
    HalfDown,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Do what Enter means in the focused pane (open detail, add facet, follow link).
    Activate,
    /// Start editing the filter.
    StartFilter,
    /// Start typing a date to jump to.
    StartDateJump,
    /// Wait for a letter to set a mark on.
    StartSetMark,
    /// Wait for a letter to jump to.
    StartJumpMark,
    /// Type a character into the line being edited.
    Insert(char),
    /// Text pasted into the line being edited: one edit, however long.
    Paste(String),
    /// Delete the character before the cursor of the line being edited.
    DeleteChar,
    /// Delete the word before the cursor of the line being edited.
    DeleteWord,
    /// Empty the line being edited.
    ClearLine,
    /// In the filter prompt: the previous query of the history (`↑`).
    HistoryPrev,
    /// In the filter prompt: the next query of the history, or an empty line (`↓`).
    HistoryNext,
    /// Keep what was typed (filter) or jump to it (date).
    Accept,
    /// Leave the current prompt; in the filter, also clear it.
    Cancel,
    /// Set mark `char` on the selected event.
    SetMark(char),
    /// Jump to the event marked `char`.
    JumpMark(char),
    /// Back in the jump history.
    Back,
    /// Forward in the jump history.
    Forward,
    /// Remove the newest facet.
    RemoveFacet,
    /// Clear the filter and every facet.
    ClearAll,
    /// Show or hide the key help.
    ToggleHelp,
    /// The terminal now has this size (columns, rows).
    Resize(u16, u16),
    /// A mouse click at (column, row).
    Click(u16, u16),
    /// Mouse wheel up at (column, row).
    WheelUp(u16, u16),
    /// Mouse wheel down at (column, row).
    WheelDown(u16, u16),
    /// Show the focused pane alone, full screen, or go back to all panes (`z`).
    ToggleZoom,
    /// Show each match's neighbours (dimmed) with the matches, or only the matches (`c`).
    ToggleContext,
    /// Copy the selected event's citation to the clipboard (`y`, OSC 52).
    CopyCitation,
    /// Open the source's URL in a browser when the session is local (`o`).
    OpenSource,
    /// Start typing a name to find in the People or Sources pane.
    StartFind,
    /// The next row that matches the find.
    FindNext,
    /// The previous row that matches the find.
    FindPrev,
    /// Switch between the list view and the lanes view (`v`).
    ToggleLanes,
    /// Lanes: show earlier times.
    PanLeft,
    /// Lanes: show later times.
    PanRight,
    /// Lanes: zoom in on time, around the selected event.
    ZoomIn,
    /// Lanes: zoom out, around the selected event.
    ZoomOut,
    /// Lanes: fit the whole filtered timeline.
    FitAll,
    /// Lanes: group by person, place, tag, source in turn.
    CycleGrouping,
    /// Lanes: the previous event of the lane.
    PrevInLane,
    /// Lanes: the next event of the lane.
    NextInLane,
    /// Lanes: mark the cursor's person for an overlap; on a second person, show when both
    /// were active (again on the same lane: clear).
    MarkOverlap,
    /// Leave annals.
    Quit,
    /// Stop annals and give the shell back (`fg` resumes).
    Suspend,
}
