//! The `portico` command line: serve (optionally seeding the demo), migrate, create-admin,
//! import,
//! and the hidden commands of `scripts/bench.sh` (bench-data, bench-ceiling).
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

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
    /// Import movements from JSON lines (FILE, or standard input when FILE is `-` or
    /// absent) into a workspace, as `POST /integrations/import` does. Prints the
    /// report as JSON; exits with 2 when some lines were refused.
    Import {
        /// The workspace's id, or its exact name.
        #[arg(long)]
        workspace: String,
        /// Words of the refusals: pt-BR or en.
        #[arg(long, default_value = "pt-BR")]
        lang: String,
        file: Option<PathBuf>,
    },
    /// Fill an empty database (DATABASE_URL, as serve) with the benchmark dataset;
    /// prints one line of JSON with the ids the benchmark needs.
    #[command(hide = true)]
    BenchData {
        /// 100,000 matters, 1,000,000 tasks, 100,000 clients and tickets.
        #[arg(long)]
        large: bool,
    },
    /// Serve one file's bytes at every path from a bare axum router (the
    /// benchmark's ceiling for a page).
    #[command(hide = true)]
    BenchCeiling {
        #[arg(long)]
        addr: SocketAddr,
        #[arg(long)]
        file: PathBuf,
        #[arg(long, default_value = "text/html; charset=utf-8")]
        content_type: String,
        /// `br` or `gzip` when the file holds a compressed answer.
        #[arg(long, default_value = "")]
        content_encoding: String,
    },
}
