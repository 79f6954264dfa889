//! The `kassa-sandbox` server: the routes of [`kassa_sandbox::router`] (AOS,
//! Capillary under `/capillary`, AppsPOS under `/appspos`) on a port.
//!
//! Usage: `kassa-sandbox [--port 8788] [--seed tests/sandbox/seed.json]`.
//! Binds 127.0.0.1 only.

use std::net::SocketAddr;

use kassa::loyalty::aos::rules::Seed;

fn argument(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|arg| arg == name)
        .and_then(|at| args.get(at + 1).cloned())
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let port: u16 = argument("--port")
        .and_then(|p| p.parse().ok())
        .unwrap_or(8788);
    let seed_path = argument("--seed")
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/seed.json").to_owned());
    let seed: Seed =
        match std::fs::read_to_string(&seed_path).map(|text| serde_json::from_str(&text)) {
            Ok(Ok(seed)) => seed,
            Ok(Err(error)) => {
                return eprintln!("kassa-sandbox: {seed_path} is not a valid seed: {error}")
            }
            Err(error) => return eprintln!("kassa-sandbox: cannot read {seed_path}: {error}"),
        };
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => return eprintln!("kassa-sandbox: cannot listen on {address}: {error}"),
    };
    println!(
        "kassa-sandbox: AOS API on http://{address}, Capillary on http://{address}/capillary, AppsPOS on http://{address}/appspos"
    );
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(error) = axum::serve(listener, kassa_sandbox::router(seed))
        .with_graceful_shutdown(shutdown)
        .await
    {
        eprintln!("kassa-sandbox: {error}");
    }
}
