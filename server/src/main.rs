//! `server`: the skill master studio system's HTTP server.

use clap::Parser;
use server::config::Config;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    server::telemetry::init();
    let config = Config::parse();
    let app = server::startup::Application::build(config).await?;
    app.run_until_stopped().await
}
