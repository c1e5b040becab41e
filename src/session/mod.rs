//! Sessions: where the user was (event, filter, history, marks), saved often and atomically
//! so that a dropped SSH connection loses nothing, and restored on the next start.

pub mod state;
pub mod store;

pub use state::{SessionState, apply, capture};
