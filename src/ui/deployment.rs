//! The deployment's `public/config.json` (the default server address, the
//! supervisor's PIN hash, the scale label layout), fetched once for the
//! whole app and shared through context; each reader takes its own field.

use std::rc::Rc;

use leptos::prelude::*;

/// The file's text once read. A read that failed is tried again by the
/// next reader, so a till that started without the network still finds its
/// PIN and its scales once the network is back.
#[derive(Clone, Copy)]
pub struct Deployment(StoredValue<Option<Rc<str>>, LocalStorage>);

impl Deployment {
    /// Provides the deployment and starts reading it.
    pub fn provide() -> Deployment {
        let deployment = Deployment(StoredValue::new_local(None));
        provide_context(deployment);
        leptos::task::spawn_local(async move {
            let _ = deployment.config().await;
        });
        deployment
    }

    pub fn get() -> Deployment {
        expect_context::<Deployment>()
    }

    /// The text of `config.json`, or `None` when it cannot be read.
    pub async fn config(self) -> Option<Rc<str>> {
        if let Some(text) = self.0.try_get_value().flatten() {
            return Some(text);
        }
        let text: Rc<str> = crate::web::fetch::public_file("config.json").await?.into();
        let _ = self.0.try_set_value(Some(text.clone()));
        Some(text)
    }
}
