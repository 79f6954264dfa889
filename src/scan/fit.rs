//! How big a camera frame or photo is drawn for the decoder.

/// Frames are drawn at most this wide (or high): a phone's QR fills enough of
/// a 720p view, and a bigger buffer only costs time to copy.
pub const MAX_SIDE: u32 = 1280;

/// The drawn size: the source's, scaled down to `MAX_SIDE` with its shape
/// kept; `None` for a source without pixels (a video before its first frame).
pub fn fit(width: u32, height: u32) -> Option<(u32, u32)> {
    if width == 0 || height == 0 {
        return None;
    }
    let long = width.max(height);
    if long <= MAX_SIDE {
        return Some((width, height));
    }
    let scale = |side: u32| (u64::from(side) * u64::from(MAX_SIDE) / u64::from(long)).max(1) as u32;
    Some((scale(width), scale(height)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_up_to_the_limit_keep_their_size() {
        assert_eq!(fit(640, 480), Some((640, 480)));
        assert_eq!(fit(1280, 720), Some((1280, 720)));
        assert_eq!(fit(720, 1280), Some((720, 1280)));
    }

    #[test]
    fn bigger_ones_shrink_to_the_limit_with_their_shape() {
        assert_eq!(fit(3840, 2160), Some((1280, 720)));
        assert_eq!(fit(2160, 3840), Some((720, 1280)));
        assert_eq!(fit(u32::MAX, 1), Some((1280, 1)));
    }

    #[test]
    fn a_source_without_pixels_draws_nothing() {
        assert_eq!(fit(0, 480), None);
        assert_eq!(fit(640, 0), None);
    }
}
