//! Text for people: escaped before it reaches a terminal, and wrapped or cut to a width
//! the way the screen measures it. No terminal here, only what goes to one.

pub mod escape;
pub mod wrap;

pub use escape::sanitize;
