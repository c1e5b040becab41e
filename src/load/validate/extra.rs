//! What only some events have — the source's wording of the date, media, named fields —
//! checked and stored aside, so that event records stay fixed-size.

use super::{Builder, range};
use crate::domain::event::{Extra, Media};
use crate::domain::num::u32_of;
use crate::load::raw::RawEventRef;
use crate::load::spans::Seg::{Field as F, Index as I};

impl Builder {
    /// Store the event's display date, media and fields aside; 0 when it has none.
    pub(super) fn extra(&mut self, i: usize, e: &RawEventRef<'_>) -> u32 {
        if e.display_date.is_none() && e.media.is_empty() && e.fields.is_empty() {
            return 0;
        }
        let display_date = self.opt_text(e.display_date.as_deref());
        let media_start = u32_of(self.t.media.len());
        for (j, m) in e.media.iter().enumerate() {
            if crate::text::safe_url(&m.url).is_none() {
                let here = [F("events"), I(i), F("media"), I(j), F("url")];
                self.warn(
                    &here,
                    format!(
                        "media URL of event `{}` is not http(s): it is shown, never opened",
                        e.id
                    ),
                );
            }
            let media = Media {
                url: self.text(&m.url),
                caption: self.opt_text(m.caption.as_deref()),
                credit: self.opt_text(m.credit.as_deref()),
            };
            self.t.media.push(media);
        }
        let media = range(media_start, self.t.media.len());
        let fields_start = u32_of(self.t.fields.len());
        let mut names = std::collections::HashSet::new();
        for (j, (k, v)) in e.fields.0.iter().enumerate() {
            let bad = k.is_empty()
                || !k
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.');
            if bad {
                let here = [F("events"), I(i), F("fields"), I(j)];
                self.error(
                    &here,
                    format!("field name `{k}` must be letters, digits, `_`, `-` or `.` (it is typed as `{k}:value`)"),
                );
            } else if !names.insert(&**k) {
                // A JSON export (and most tools reading one) would keep only one of them.
                let here = [F("events"), I(i), F("fields"), I(j)];
                self.error(
                    &here,
                    format!("field `{k}` is given twice: an event's field names are unique (join the values)"),
                );
            }
            let pair = (self.text(k), self.text(v));
            self.t.fields.push(pair);
        }
        let fields = range(fields_start, self.t.fields.len());
        self.t.extras.push(Extra {
            display_date,
            media,
            fields,
        });
        u32_of(self.t.extras.len())
    }
}
