//! How a call travels, **provisional** (appspos-contract.md "Transport
//! (ours)"): `POST {base}/{api_name}` with a JSON body, HTTP 200 for every
//! answered call, the outcome in the body's `status`. The one place to
//! change when AppsPOS's real transport is known.

use super::wire::Api;
use crate::loyalty::aos::wire::Reply;
use crate::loyalty::error::LoyaltyError;

/// A call without an answer after this long has an unknown outcome.
pub const TIMEOUT_MS: u32 = 10_000;

pub const CONTENT_TYPE: &str = "application/json";

/// Where a call goes: the base URL typed at shift login (a trailing slash
/// or spaces ignored), then the API's name.
pub fn url(base_url: &str, api: Api) -> String {
    format!("{}/{}", base_url.trim().trim_end_matches('/'), api.name())
}

/// The API a request path names (what follows the base), for the servers.
pub fn api_of_path(path: &str) -> Option<Api> {
    Api::from_name(path.trim_start_matches('/'))
}

/// The body of an answered call. A 5xx, 408 or 429 has an unknown outcome;
/// any other status than 200 is not this transport.
pub fn answered(reply: &Reply) -> Result<&str, LoyaltyError> {
    match reply.status {
        200 => Ok(&reply.body),
        408 | 429 | 500..=599 => Err(LoyaltyError::Unreachable),
        _ => Err(LoyaltyError::UnexpectedAnswer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_url_per_api_under_the_base() {
        assert_eq!(
            url(" https://beta.appspos.com/pos-api/ ", Api::PaidStatus),
            "https://beta.appspos.com/pos-api/check_paid_status"
        );
        for api in Api::ALL {
            assert_eq!(api_of_path(&format!("/{}", api.name())), Some(api));
        }
        assert_eq!(api_of_path("/nothing"), None);
    }

    #[test]
    fn only_200_is_an_answer() {
        let reply = |status| Reply {
            status,
            body: "{}".into(),
        };
        assert_eq!(answered(&reply(200)), Ok("{}"));
        assert_eq!(answered(&reply(503)), Err(LoyaltyError::Unreachable));
        assert_eq!(answered(&reply(429)), Err(LoyaltyError::Unreachable));
        assert_eq!(answered(&reply(404)), Err(LoyaltyError::UnexpectedAnswer));
        assert_eq!(answered(&reply(201)), Err(LoyaltyError::UnexpectedAnswer));
    }
}
