//! JSON as `annals export --format json` writes it: parsed by `serde_json`, whose error
//! positions it reports; values found after parsing by the bracket walker (JSON's
//! objects and arrays are within its reach).

use super::{Pos, Seg, Syntax, pos, walk};
use crate::load::raw::RawTimeline;

/// The JSON syntax.
pub struct Json;

impl Syntax for Json {
    fn parse(&self, src: &str) -> Result<RawTimeline, (Pos, String)> {
        serde_json::from_str::<RawTimeline>(src).map_err(|e| {
            let msg = e.to_string();
            // serde_json appends " at line L column C"; the position is in the prefix.
            let msg = msg
                .rsplit_once(" at line ")
                .map_or(msg.as_str(), |(m, _)| m)
                .to_string();
            (pos(e.line(), e.column()), msg)
        })
    }

    fn locate(&self, src: &str, paths: &[&[Seg<'_>]]) -> Vec<Pos> {
        walk(src, paths)
    }
}
