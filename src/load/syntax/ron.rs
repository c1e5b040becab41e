//! RON, the native syntax: parsed by the `ron` crate (with implicit `Some`), its error
//! positions taken from `ron`'s span; values found after parsing by the bracket walker.

use super::{Pos, Seg, Syntax, pos, walk};
use crate::load::raw::RawTimeline;

/// The RON syntax.
pub struct Ron;

/// The options every RON parse of a timeline uses (`Some` may be left out).
pub fn ron_options() -> ::ron::Options {
    ::ron::Options::default().with_default_extension(::ron::extensions::Extensions::IMPLICIT_SOME)
}

impl Syntax for Ron {
    fn parse(&self, src: &str) -> Result<RawTimeline, (Pos, String)> {
        ron_options().from_str::<RawTimeline>(src).map_err(|e| {
            let mut msg = e.code.to_string();
            if src.trim_start().starts_with('{') {
                msg.push_str(
                    " (this looks like JSON: annals reads RON, or JSON from a file named *.json)",
                );
            }
            (pos(e.span.start.line, e.span.start.col), msg)
        })
    }

    fn locate(&self, src: &str, paths: &[&[Seg<'_>]]) -> Vec<Pos> {
        walk(src, paths)
    }
}
