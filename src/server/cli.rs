//! The `portico` command line: serve (optionally seeding the demo), migrate, create-admin.
use clap::{Parser, Subcommand};

/// Portico, the client portal for service firms.
#[derive(Debug, Parser)]
#[command(name = "portico", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do (default: serve).
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app.
    Serve {
        /// Seed a demo workspace when the database has none.
        #[arg(long)]
        demo: bool,
    },
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Create a workspace and its first admin. The password is read from
    /// PORTICO_ADMIN_PASSWORD, or from the first line of standard input.
    CreateAdmin {
        #[arg(long)]
        workspace: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
    },
}
