//! YUV4MPEG2 video, the format Chromium's fake camera
//! (`--use-file-for-fake-video-capture`) plays in a loop.

use std::io::{self, Write};

/// Writes `frames` (each `width * height` bytes of luma) as a 4:2:0 video
/// without colour: the chroma planes are neutral grey.
pub fn write<W: Write>(
    out: &mut W,
    width: u32,
    height: u32,
    fps: u32,
    frames: &[Vec<u8>],
) -> io::Result<()> {
    let luma_len = width as usize * height as usize;
    let chroma = vec![128u8; 2 * (width as usize / 2) * (height as usize / 2)];
    writeln!(
        out,
        "YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg"
    )?;
    for frame in frames {
        if frame.len() != luma_len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "a frame has {} bytes, {width}×{height} needs {luma_len}",
                    frame.len()
                ),
            ));
        }
        out.write_all(b"FRAME\n")?;
        out.write_all(frame)?;
        out.write_all(&chroma)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn header_and_frame_sizes() {
        let mut out = Vec::new();
        super::write(&mut out, 4, 2, 10, &[vec![1; 8], vec![2; 8]]).unwrap();
        let header = b"YUV4MPEG2 W4 H2 F10:1 Ip A1:1 C420jpeg\n";
        assert!(out.starts_with(header));
        let frame = b"FRAME\n".len() + 8 + 2 * 2;
        assert_eq!(out.len(), header.len() + 2 * frame);
        assert_eq!(&out[header.len()..header.len() + 6], b"FRAME\n");
        assert_eq!(out[header.len() + 6 + 8], 128);
    }

    #[test]
    fn refuses_a_frame_of_the_wrong_size() {
        let mut out = Vec::new();
        assert!(super::write(&mut out, 4, 2, 10, &[vec![1; 7]]).is_err());
    }
}
