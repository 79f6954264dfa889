//! A small ESC/POS reader: renders a byte stream back into the receipt a
//! customer would hold, so tests assert what is visible rather than bytes.
//! It knows exactly the commands Kassa sends and refuses anything else, and
//! it refuses a line wider than the paper.

use encoding_rs::{Encoding, IBM866, WINDOWS_1251};

const ESC: u8 = 0x1B;
const GS: u8 = 0x1D;
const LF: u8 = 0x0A;

#[derive(Debug, Default, Clone, Copy)]
struct Mode {
    centered: bool,
    double: bool,
    bold: bool,
}

/// What the stream prints: text lines as on paper (centred lines padded,
/// bold ones marked `*` at the end), and `[drawer]`, `[code128 …]`,
/// `[qr …]`, `[cut]` where those happen.
pub fn render(bytes: &[u8], columns: usize) -> Result<String, String> {
    let mut out = Vec::<String>::new();
    let mut page: Option<&'static Encoding> = None;
    let mut mode = Mode::default();
    let mut text = Vec::<u8>::new();
    let mut qr_data = None::<Vec<u8>>;
    let mut at = 0;
    let take = |at: &mut usize, n: usize| -> Result<&[u8], String> {
        let slice = bytes
            .get(*at..*at + n)
            .ok_or("stream ends inside a command")?;
        *at += n;
        Ok(slice)
    };
    while at < bytes.len() {
        let byte = bytes[at];
        at += 1;
        match byte {
            LF => {
                out.push(line(&text, page, mode, columns)?);
                text.clear();
            }
            ESC => {
                let command = take(&mut at, 1)?[0];
                match command {
                    b'@' => {
                        mode = Mode::default();
                        page = None;
                    }
                    b't' => {
                        page = Some(match take(&mut at, 1)?[0] {
                            17 => IBM866,
                            46 => WINDOWS_1251,
                            n => return Err(format!("unknown code page {n}")),
                        })
                    }
                    b'a' => mode.centered = take(&mut at, 1)?[0] == 1,
                    b'E' => mode.bold = take(&mut at, 1)?[0] == 1,
                    b'p' => {
                        let pulse = take(&mut at, 3)?;
                        if pulse[1] == 0 || pulse[2] < pulse[1] {
                            return Err(format!("a drawer pulse of {pulse:?} does not open it"));
                        }
                        out.push("[drawer]".into());
                    }
                    other => return Err(format!("unknown ESC {other:#04x}")),
                }
            }
            GS => {
                let command = take(&mut at, 1)?[0];
                match command {
                    b'!' => mode.double = take(&mut at, 1)?[0] == 0x11,
                    b'h' | b'w' | b'H' => {
                        take(&mut at, 1)?;
                    }
                    b'k' => {
                        let symbology = take(&mut at, 1)?[0];
                        if symbology != 73 {
                            return Err(format!("unknown barcode type {symbology}"));
                        }
                        let length = usize::from(take(&mut at, 1)?[0]);
                        let data = take(&mut at, length)?;
                        out.push(format!("[code128 {}]", code128_text(data)?));
                    }
                    b'(' => {
                        if take(&mut at, 1)? != b"k" {
                            return Err("unknown GS ( function".into());
                        }
                        let size = take(&mut at, 2)?;
                        let length = usize::from(u16::from_le_bytes([size[0], size[1]]));
                        let body = take(&mut at, length)?;
                        match body {
                            [49, 80, 48, data @ ..] => qr_data = Some(data.to_vec()),
                            [49, 81, 48] => {
                                let data =
                                    qr_data.take().ok_or("QR printed before it was stored")?;
                                out.push(format!("[qr {}]", String::from_utf8_lossy(&data)));
                            }
                            [49, 65 | 67 | 69, ..] => {}
                            other => return Err(format!("unknown QR function {other:?}")),
                        }
                    }
                    b'V' => {
                        take(&mut at, 2)?;
                        out.push("[cut]".into());
                    }
                    other => return Err(format!("unknown GS {other:#04x}")),
                }
            }
            byte if byte < 0x20 => return Err(format!("stray control byte {byte:#04x}")),
            byte => text.push(byte),
        }
    }
    if !text.is_empty() {
        return Err("text after the last line feed is never printed".into());
    }
    // Barcodes and QR codes end with an empty line feed of their own.
    let mut rendered = Vec::new();
    for line in out.iter().map(|line| line.trim_end().to_owned()) {
        let after_code = rendered
            .last()
            .is_some_and(|l: &String| l.starts_with("[code128") || l.starts_with("[qr"));
        if !(after_code && line.is_empty()) {
            rendered.push(line);
        }
    }
    Ok(rendered.join("\n") + "\n")
}

fn line(
    bytes: &[u8],
    page: Option<&'static Encoding>,
    mode: Mode,
    columns: usize,
) -> Result<String, String> {
    if page.is_none() && !bytes.is_ascii() {
        return Err("non-ASCII text before a code page was selected".into());
    }
    let (text, _) = page.unwrap_or(IBM866).decode_without_bom_handling(bytes);
    let per_char = if mode.double { 2 } else { 1 };
    let width = text.chars().count() * per_char;
    if width > columns {
        return Err(format!(
            "{text:?} is {width} columns wide, the paper {columns}"
        ));
    }
    let mut shown = if mode.double {
        text.chars()
            .flat_map(|c| [c, ' '])
            .collect::<String>()
            .trim_end()
            .to_owned()
    } else {
        text.into_owned()
    };
    if mode.centered {
        shown = format!("{}{shown}", " ".repeat((columns - width) / 2));
    }
    if mode.bold {
        shown.push_str(" *");
    }
    Ok(shown)
}

/// The text of `GS k 73` data: `{B` printable ASCII, `{C` digit pairs.
fn code128_text(data: &[u8]) -> Result<String, String> {
    let mut text = String::new();
    let mut set_c = None;
    let mut at = 0;
    while at < data.len() {
        if data[at] == b'{' && data.get(at + 1) == Some(&b'{') && set_c == Some(false) {
            text.push('{');
            at += 2;
            continue;
        }
        if data[at] == b'{' {
            set_c = match data.get(at + 1) {
                Some(b'B') => Some(false),
                Some(b'C') => Some(true),
                other => return Err(format!("unknown Code 128 function {other:?}")),
            };
            at += 2;
            continue;
        }
        match set_c {
            None => return Err("Code 128 data before a code set".into()),
            Some(true) if data[at] < 100 => text.push_str(&format!("{:02}", data[at])),
            Some(false) if (0x20..0x7F).contains(&data[at]) => text.push(char::from(data[at])),
            _ => return Err(format!("{:#04x} is not in its code set", data[at])),
        }
        at += 1;
    }
    Ok(text)
}
