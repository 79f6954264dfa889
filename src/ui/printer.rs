//! The receipt printer and its cash drawer, shared through context: which
//! printer is paired (restored at start without asking), its status, and one
//! queue of jobs so a receipt and a drawer kick never interleave on the wire.
//! A failed job sets the status to error with its reason and is not retried:
//! the sale is final already, and a print happens again only when asked.

use std::cell::RefCell;
use std::collections::{HashSet, VecDeque};
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::session::CurrentSession;
use crate::i18n::{Lang, Text};
use crate::print::client::StreamBuilder;
use crate::print::code_page::CodePage;
use crate::print::error::PrinterError;
use crate::print::escpos;
use crate::print::job::{PrintJob, PrintRequest, ReceiptJob, RefundJob};
use crate::print::Paper;
use crate::web::printer::{self, PrinterPort, Transport};
use crate::web::storage;

const TRANSPORT_KEY: &str = "kassa.printer";
const CODE_PAGE_KEY: &str = "kassa.printer.codePage";
const DRAWER_KEY: &str = "kassa.drawer.";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrinterStatus {
    /// No printer paired: receipts go to the browser's print dialog.
    None,
    Ready,
    Error(PrinterError),
}

impl PrinterStatus {
    /// The stable code of `printer-status`.
    pub fn code(self) -> &'static str {
        match self {
            PrinterStatus::None => "none",
            PrinterStatus::Ready => "ready",
            PrinterStatus::Error(_) => "error",
        }
    }
}

/// What a job is, besides its bytes: what to remember once it printed.
struct Job {
    stream: Stream,
    opens_drawer: bool,
    receipt: Option<String>,
}

enum Stream {
    Ready(Vec<u8>),
    /// Built by the print worker first.
    Request(Box<PrintRequest>),
}

#[derive(Default)]
struct Line {
    port: Option<Rc<PrinterPort>>,
    jobs: VecDeque<Job>,
    running: bool,
    builder: StreamBuilder,
    /// Receipts printed in this tab, so a print asked again says "copy".
    printed: HashSet<String>,
}

#[derive(Clone, Copy)]
pub struct Printer {
    status: RwSignal<PrinterStatus>,
    pub code_page: RwSignal<CodePage>,
    line: StoredValue<Rc<RefCell<Line>>, LocalStorage>,
    current: CurrentSession,
}

impl Printer {
    /// Shares the printer and reopens the one paired before, if any.
    pub fn provide(current: CurrentSession) -> Printer {
        let saved = storage::get(CODE_PAGE_KEY).and_then(|code| CodePage::from_code(&code));
        let printer = Printer {
            status: RwSignal::new(PrinterStatus::None),
            code_page: RwSignal::new(saved.unwrap_or_default()),
            line: StoredValue::new_local(Rc::default()),
            current,
        };
        Effect::new(move |_| storage::set(CODE_PAGE_KEY, printer.code_page.get().code()));
        provide_context(printer);
        let saved = storage::get(TRANSPORT_KEY).and_then(|t| Transport::from_code(&t));
        if let Some(transport) = saved {
            printer.restore(transport);
        }
        for transport in Printer::transports() {
            printer::watch(transport, move |unplugged| match unplugged {
                Some(device) => printer.unplugged(&device),
                None if !printer.is_paired() => printer.restore(transport),
                None => {}
            });
        }
        printer
    }

    fn restore(self, transport: Transport) {
        spawn_local(async move {
            let restored = printer::restore(transport).await;
            self.paired(restored);
        });
    }

    /// The printer was unplugged: an error until it is plugged in again,
    /// when it is reopened by itself.
    fn unplugged(self, device: &wasm_bindgen::JsValue) {
        let ours = self.line.with_value(|line| {
            let mut line = line.borrow_mut();
            let ours = line.port.as_ref().is_some_and(|port| port.is(device));
            if ours {
                line.port = None;
            }
            ours
        });
        if ours {
            self.status.set(PrinterStatus::Error(PrinterError::Write));
        }
    }

    pub fn get() -> Printer {
        expect_context::<Printer>()
    }

    pub fn status(self) -> PrinterStatus {
        self.status.get()
    }

    /// True when receipts go to the printer rather than the print dialog.
    pub fn is_paired(self) -> bool {
        self.line.with_value(|line| line.borrow().port.is_some())
    }

    /// The transports this browser has; empty means the print dialog only.
    pub fn transports() -> Vec<Transport> {
        [Transport::Usb, Transport::Serial]
            .into_iter()
            .filter(|t| printer::supported(*t))
            .collect()
    }

    /// Asks the cashier to pick a printer (from a click).
    pub fn connect(self, transport: Transport) {
        spawn_local(async move {
            let paired = printer::pair(transport).await;
            if matches!(paired, Ok(Some(_))) {
                storage::set(TRANSPORT_KEY, transport.code());
            }
            self.paired(paired);
        });
    }

    fn paired(self, paired: Result<Option<PrinterPort>, PrinterError>) {
        match paired {
            Ok(Some(port)) => {
                self.line
                    .with_value(|line| line.borrow_mut().port = Some(Rc::new(port)));
                self.status.set(PrinterStatus::Ready);
            }
            // Nothing picked: a printer paired before stays as it was.
            Ok(None) => {}
            Err(error) => self.status.set(PrinterStatus::Error(error)),
        }
    }

    /// Whether `receipt` printed here before (a print now is a copy).
    pub fn printed(self, receipt: &str) -> bool {
        self.line
            .with_value(|line| line.borrow().printed.contains(receipt))
    }

    pub fn print_receipt(self, lang: Lang, paper: Paper, job: ReceiptJob) {
        let (opens_drawer, receipt) = (job.open_drawer, job.record.receipt_number.clone());
        self.print(
            lang,
            paper,
            PrintJob::Receipt(Box::new(job)),
            opens_drawer,
            Some(receipt),
        );
    }

    pub fn print_refund(self, lang: Lang, paper: Paper, job: RefundJob) {
        let (opens_drawer, receipt) = (job.open_drawer, job.record.receipt_number.clone());
        self.print(
            lang,
            paper,
            PrintJob::Refund(Box::new(job)),
            opens_drawer,
            Some(receipt),
        );
    }

    pub fn print_test_page(self, lang: Lang, paper: Paper) {
        self.print(lang, paper, PrintJob::TestPage, false, None);
    }

    /// A report's figures, already in the cashier's words.
    pub fn print_figures(
        self,
        lang: Lang,
        paper: Paper,
        title: String,
        rows: Vec<(String, String)>,
    ) {
        self.print(lang, paper, PrintJob::Figures { title, rows }, false, None);
    }

    /// Queues `job` on this till's code page; `receipt` is the number it
    /// prints, remembered so that a second print says it is a copy.
    fn print(
        self,
        lang: Lang,
        paper: Paper,
        job: PrintJob,
        opens_drawer: bool,
        receipt: Option<String>,
    ) {
        let request = PrintRequest {
            lang: lang.code().to_owned(),
            paper,
            code_page: self.code_page.get_untracked(),
            job,
        };
        self.enqueue(Job {
            stream: Stream::Request(Box::new(request)),
            opens_drawer,
            receipt,
        });
    }

    /// Kicks the drawer open (no printer paired: nothing to kick).
    pub fn open_drawer(self) {
        self.enqueue(Job {
            stream: Stream::Ready(escpos::drawer_only()),
            opens_drawer: true,
            receipt: None,
        });
    }

    fn enqueue(self, job: Job) {
        let line = self.line.get_value();
        if line.borrow().port.is_none() {
            return;
        }
        line.borrow_mut().jobs.push_back(job);
        if std::mem::replace(&mut line.borrow_mut().running, true) {
            return;
        }
        spawn_local(async move {
            loop {
                let next = line.borrow_mut().jobs.pop_front();
                let (Some(job), Some(port)) = (next, line.borrow().port.clone()) else {
                    break;
                };
                let done = self.run(&line, &port, &job).await;
                match done {
                    Ok(()) => {
                        if job.opens_drawer {
                            self.count_drawer_opening();
                        }
                        if let Some(receipt) = job.receipt {
                            line.borrow_mut().printed.insert(receipt);
                        }
                        self.status.set(PrinterStatus::Ready);
                    }
                    Err(error) => self.status.set(PrinterStatus::Error(error)),
                }
            }
            line.borrow_mut().running = false;
        });
    }

    async fn run(
        self,
        line: &Rc<RefCell<Line>>,
        port: &PrinterPort,
        job: &Job,
    ) -> Result<(), PrinterError> {
        let bytes = match &job.stream {
            Stream::Ready(bytes) => bytes.clone(),
            Stream::Request(request) => {
                let builder = line.borrow().builder.clone();
                builder.build(request).await?
            }
        };
        port.write(&bytes).await
    }

    fn count_drawer_opening(self) {
        let Some(session) = self.current.session() else {
            return;
        };
        let key = format!("{DRAWER_KEY}{}", session.shift_tag);
        let count = drawer_openings(&session.shift_tag) + 1;
        storage::set(&key, &count.to_string());
    }
}

/// How often the drawer was kicked open in the shift `shift_tag`.
pub fn drawer_openings(shift_tag: &str) -> u32 {
    storage::get(&format!("{DRAWER_KEY}{shift_tag}"))
        .and_then(|count| count.parse().ok())
        .unwrap_or(0)
}

/// The sentence beside `printer-status`.
pub fn status_text(status: PrinterStatus) -> Text {
    match status {
        PrinterStatus::None => Text::PrinterStatusNone,
        PrinterStatus::Ready => Text::PrinterStatusReady,
        PrinterStatus::Error(_) => Text::PrinterStatusError,
    }
}
