use leptos::prelude::*;

use crate::i18n::{Describe, Text};
use crate::scan::decoder::{Decoder, DecoderEvent, FrameSource};
use crate::scan::problem::ScanProblem;

/// The decoder of a dialog that reads codes from the camera and from a
/// photo: what either reads goes to `read`; a photo without a code, or a
/// decoder that cannot start, is said through `show`. `reading_photo` is
/// on while a photo is being decoded.
pub fn code_reader(
    read: impl Fn(Vec<String>) + 'static,
    reading_photo: RwSignal<bool>,
    show: impl Fn(Text) + 'static,
) -> StoredValue<Decoder, LocalStorage> {
    StoredValue::new_local(Decoder::start(move |event| match event {
        DecoderEvent::Decoded {
            source: FrameSource::Camera,
            payloads,
        } => read(payloads),
        DecoderEvent::Decoded {
            source: FrameSource::Photo,
            payloads,
        } => {
            reading_photo.set(false);
            if payloads.is_empty() {
                show(ScanProblem::NoCodeInPhoto.text());
            } else {
                read(payloads);
            }
        }
        DecoderEvent::Unavailable => {
            reading_photo.set(false);
            show(ScanProblem::DecoderUnavailable.text());
        }
    }))
}
