//! The `kassa-sandbox` server: the routes of [`kassa_sandbox::router`] (AOS,
//! Capillary under `/capillary`, AppsPOS under `/appspos`) on a port.
//!
//! Usage: `kassa-sandbox [--port 8788] [--seed tests/sandbox/seed.json]
//! [--products 200]`. Binds 127.0.0.1 only. The srv4pos store server is
//! under `/srv4pos` (see `kassa_sandbox::srv4pos`), with `--products`
//! generated products.

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
    let store = kassa_sandbox::srv4pos::StoreConfig {
        products: argument("--products")
            .and_then(|n| n.parse().ok())
            .unwrap_or(kassa_sandbox::srv4pos::StoreConfig::default().products),
        ..Default::default()
    };
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => return eprintln!("kassa-sandbox: cannot listen on {address}: {error}"),
    };
    println!(
        "kassa-sandbox: AOS API on http://{address}, Capillary on http://{address}/capillary, AppsPOS on http://{address}/appspos"
    );
    println!("kassa-sandbox: srv4pos on http://{address}/srv4pos/v45/UZ301234567");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let app = kassa_sandbox::router(seed).nest("/srv4pos", kassa_sandbox::srv4pos::router(store));
    if let Err(error) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        eprintln!("kassa-sandbox: {error}");
    }
}
