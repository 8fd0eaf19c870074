//! One function per API endpoint; errors decode the shared `ErrorBody`.

use gloo_net::http::Request;
use shared::eligibility::{EligibilityInput, EligibilityReport};
use shared::wire::ErrorBody;

/// What went wrong talking to the server, in words for the user.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server answered with an error body.
    Server(ErrorBody),
    /// No answer (offline, server down).
    Network(String),
}

pub async fn check_eligibility(input: &EligibilityInput) -> Result<EligibilityReport, ApiFailure> {
    let response = Request::post("/api/rules/eligibility")
        .json(input)
        .map_err(|e| ApiFailure::Network(e.to_string()))?
        .send()
        .await
        .map_err(|e| ApiFailure::Network(e.to_string()))?;
    if response.ok() {
        response
            .json()
            .await
            .map_err(|e| ApiFailure::Network(e.to_string()))
    } else {
        Err(ApiFailure::Server(
            response
                .json()
                .await
                .map_err(|e| ApiFailure::Network(e.to_string()))?,
        ))
    }
}
