//! What can stop a scan before any code is read, named in the domain's words.

use thiserror::Error;

/// Why the scanner cannot read a code; the manual entry always stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ScanProblem {
    /// Browsers only give the camera to https pages and localhost.
    #[error("the camera needs a secure page (https or localhost)")]
    InsecurePage,
    #[error("camera access was refused")]
    CameraDenied,
    #[error("no camera found")]
    NoCamera,
    #[error("the camera is in use by another app")]
    CameraBusy,
    #[error("the camera could not start")]
    CameraFailed,
    #[error("the file could not be read as an image")]
    PhotoUnreadable,
    #[error("no QR code found in the photo")]
    NoCodeInPhoto,
    /// The decoder's worker did not start (its files missing or blocked).
    #[error("the QR decoder could not start")]
    DecoderUnavailable,
}

impl ScanProblem {
    /// Maps the `DOMException` name `getUserMedia` rejects with.
    pub fn from_camera_error(name: &str) -> ScanProblem {
        match name {
            "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => {
                ScanProblem::CameraDenied
            }
            "NotFoundError" | "OverconstrainedError" | "DevicesNotFoundError" => {
                ScanProblem::NoCamera
            }
            "NotReadableError" | "AbortError" | "TrackStartError" => ScanProblem::CameraBusy,
            _ => ScanProblem::CameraFailed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_exception_names_map_to_what_the_cashier_can_do() {
        let cases = [
            ("NotAllowedError", ScanProblem::CameraDenied),
            ("NotFoundError", ScanProblem::NoCamera),
            ("OverconstrainedError", ScanProblem::NoCamera),
            ("NotReadableError", ScanProblem::CameraBusy),
            ("TypeError", ScanProblem::CameraFailed),
            ("", ScanProblem::CameraFailed),
        ];
        for (name, problem) in cases {
            assert_eq!(ScanProblem::from_camera_error(name), problem, "{name:?}");
        }
    }
}
