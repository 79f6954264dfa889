//! Files shipped with the app (catalog, deployment config).

/// The text of a file under the app's `public/` folder, or `None`.
pub async fn public_file(name: &str) -> Option<String> {
    let response = gloo_net::http::Request::get(&format!("public/{name}"))
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}
