//! Browser APIs, each wrapped once behind a small typed function so the rest
//! of the app neither repeats `web_sys` plumbing nor handles its `JsValue`s.

pub mod clock;
pub mod customer_display;
pub mod document;
pub mod feedback;
pub mod fetch;
pub mod focus;
pub mod indexed_db;
pub mod languages;
pub mod persistence;
pub mod printer;
pub mod service_worker;
pub mod storage;
pub mod till;
pub mod worker;
