//! Telling the cashier "got it" without words: a short beep and a buzz.

use web_sys::{AudioContext, OscillatorType};

const BEEP_HZ: f32 = 1_800.0;
const BEEP_SECONDS: f64 = 0.08;
const VIBRATE_MS: u32 = 60;

/// Best effort: a tablet may be muted, have no vibration motor, or refuse
/// audio before a user gesture; none of that matters to the sale.
pub fn confirm_scan() {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().vibrate_with_duration(VIBRATE_MS);
    }
    let _ = beep();
}

fn beep() -> Option<()> {
    let audio = AudioContext::new().ok()?;
    let tone = audio.create_oscillator().ok()?;
    tone.set_type(OscillatorType::Square);
    tone.frequency().set_value(BEEP_HZ);
    let volume = audio.create_gain().ok()?;
    volume.gain().set_value(0.1);
    tone.connect_with_audio_node(&volume).ok()?;
    volume.connect_with_audio_node(&audio.destination()).ok()?;
    let now = audio.current_time();
    tone.start().ok()?;
    tone.stop_with_when(now + BEEP_SECONDS).ok()?;
    // Closing after the tone frees the audio device on tablets that keep it.
    let closing = audio.clone();
    let close = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = closing.close();
    });
    tone.set_onended(Some(wasm_bindgen::JsCast::unchecked_ref(&close)));
    Some(())
}
