//! What the lab's command-line tools share: a failure is a line of text
//! followed by the usage, and exit code 2.

use std::process::ExitCode;
use std::str::FromStr;

/// The exit code of a tool's run, printing its error and usage on failure.
pub fn finish(result: Result<(), String>, usage: &str) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}\n{usage}");
            ExitCode::from(2)
        }
    }
}

/// The number given after `flag`.
pub fn number<T: FromStr>(value: Option<String>, flag: &str) -> Result<T, String> {
    value
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{flag} needs a whole number"))
}
