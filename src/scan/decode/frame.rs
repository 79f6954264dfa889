//! The decoder's input: one camera frame as 8-bit luma.

/// The largest frame accepted, in pixels. A 4K camera frame fits; anything
/// bigger is a caller's mistake, and refusing it keeps the memory a hostile
/// or broken frame can claim bounded.
pub const MAX_PIXELS: u64 = 4096 * 4096;

/// A frame of 8-bit luma, row-major, `width * height` bytes. The
/// constructors check the size, so code holding a `LumaFrame` can index it
/// without further checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LumaFrame {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

/// Why bytes were refused as a frame.
#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone)]
pub enum FrameError {
    #[error("a frame needs at least one pixel each way, got {width}×{height}")]
    Empty { width: u32, height: u32 },
    #[error("a {width}×{height} frame is larger than the {MAX_PIXELS} pixels accepted")]
    TooLarge { width: u32, height: u32 },
    #[error("a {width}×{height} frame needs {expected} bytes, got {actual}")]
    WrongLength {
        width: u32,
        height: u32,
        expected: u64,
        actual: usize,
    },
}

impl LumaFrame {
    /// Takes `pixels` as a `width`×`height` luma frame.
    pub fn new(width: u32, height: u32, pixels: Vec<u8>) -> Result<LumaFrame, FrameError> {
        check_len(width, height, 1, pixels.len())?;
        Ok(LumaFrame {
            width,
            height,
            pixels,
        })
    }

    /// Converts an RGBA frame (as a canvas gives it) to luma with the BT.601
    /// weights in 8-bit fixed point. Alpha is ignored: camera frames are
    /// opaque.
    pub fn from_rgba(width: u32, height: u32, rgba: &[u8]) -> Result<LumaFrame, FrameError> {
        check_len(width, height, 4, rgba.len())?;
        let pixels = rgba.chunks_exact(4).map(luma).collect();
        Ok(LumaFrame {
            width,
            height,
            pixels,
        })
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }
}

/// 0.299, 0.587 and 0.114 scaled by 256 so they add up to exactly 256: white
/// stays 255 and no float is needed.
fn luma(px: &[u8]) -> u8 {
    let [r, g, b] = [px[0], px[1], px[2]].map(u32::from);
    ((77 * r + 150 * g + 29 * b + 128) >> 8) as u8
}

fn check_len(
    width: u32,
    height: u32,
    bytes_per_pixel: u64,
    actual: usize,
) -> Result<(), FrameError> {
    if width == 0 || height == 0 {
        return Err(FrameError::Empty { width, height });
    }
    // Both factors fit in 32 bits, so the product cannot overflow 64.
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(FrameError::TooLarge { width, height });
    }
    let expected = pixels * bytes_per_pixel;
    if actual as u64 != expected {
        return Err(FrameError::WrongLength {
            width,
            height,
            expected,
            actual,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_exact_length() {
        let frame = LumaFrame::new(3, 2, vec![1, 2, 3, 4, 5, 6]).unwrap();
        assert_eq!((frame.width(), frame.height()), (3, 2));
        assert_eq!(frame.pixels(), &[1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn refuses_zero_sides() {
        assert_eq!(
            LumaFrame::new(0, 5, vec![]),
            Err(FrameError::Empty {
                width: 0,
                height: 5
            })
        );
        assert_eq!(
            LumaFrame::from_rgba(5, 0, &[]),
            Err(FrameError::Empty {
                width: 5,
                height: 0
            })
        );
    }

    #[test]
    fn refuses_wrong_length() {
        assert_eq!(
            LumaFrame::new(2, 2, vec![0; 5]),
            Err(FrameError::WrongLength {
                width: 2,
                height: 2,
                expected: 4,
                actual: 5
            })
        );
        assert_eq!(
            LumaFrame::from_rgba(2, 2, &[0; 15]),
            Err(FrameError::WrongLength {
                width: 2,
                height: 2,
                expected: 16,
                actual: 15
            })
        );
    }

    #[test]
    fn refuses_huge_frames_before_looking_at_bytes() {
        assert_eq!(
            LumaFrame::new(u32::MAX, u32::MAX, vec![]),
            Err(FrameError::TooLarge {
                width: u32::MAX,
                height: u32::MAX
            })
        );
        assert_eq!(
            LumaFrame::from_rgba(4097, 4096, &[]),
            Err(FrameError::TooLarge {
                width: 4097,
                height: 4096
            })
        );
        assert!(matches!(
            LumaFrame::new(4096, 4096, vec![]),
            Err(FrameError::WrongLength { .. })
        ));
    }

    #[test]
    fn rgba_to_luma_uses_bt601_weights() {
        let rgba = [
            255, 255, 255, 0, // white, transparent: alpha ignored
            0, 0, 0, 255, // black
            255, 0, 0, 255, // red: 0.299
            0, 255, 0, 255, // green: 0.587
            0, 0, 255, 255, // blue: 0.114
            10, 200, 30, 255,
        ];
        let frame = LumaFrame::from_rgba(3, 2, &rgba).unwrap();
        assert_eq!(frame.pixels(), &[255, 0, 77, 149, 29, 124]);
    }
}
