//! The `portico` binary.
use clap::Parser;
use portico::server::cli::{Cli, Command};
use portico::server::{bench_data, config::Settings, db::Db, repo::workspace, secrets::SealKey, seed, startup};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "portico=info,tower_http=info,warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let settings = Settings::load()?;
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => {
            let state = startup::state(settings).await?;
            if demo {
                if seed::demo_if_empty(&state.db, state.store.as_ref(), &state.settings.public_url()).await? {
                    println!("Created the demo workspace.");
                }
                seed::print_logins();
            }
            if workspace::is_empty(&state.db.pool).await.unwrap_or(false) {
                println!("No workspace yet: open {}/setup to create the first one.", state.settings.public_url());
            }
            println!("Portico is running at {}", state.settings.public_url());
            startup::serve(state, demo).await
        }
        Command::Migrate => {
            startup::state(settings).await?;
            println!("Database is up to date.");
            Ok(())
        }
        Command::CreateAdmin { workspace: ws, name, email } => {
            let password = match std::env::var("PORTICO_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            let state = startup::state(settings).await?;
            let input = workspace::NewWorkspace {
                workspace_name: ws,
                admin_name: name,
                admin_email: email.clone(),
                admin_password: password,
            };
            match workspace::create(&state.db, input, false).await {
                Ok(_) => {
                    println!("Workspace created; {email} can log in.");
                    Ok(())
                }
                Err(e) => anyhow::bail!("could not create the workspace: {e}"),
            }
        }
        Command::Import { workspace: ws, lang, file } => {
            let body = match file.as_deref() {
                Some(p) if p.as_os_str() != "-" => std::fs::read_to_string(p)?,
                _ => std::io::read_to_string(std::io::stdin())?,
            };
            let state = startup::state(settings).await?;
            let workspace_id = match workspace::find(&state.db, &ws).await? {
                Some(id) => id,
                None => anyhow::bail!("no workspace with the id or name {ws:?}"),
            };
            let locale = if lang.starts_with("en") { portico::i18n::Locale::en } else { portico::i18n::Locale::pt_BR };
            match portico::server::import::run(&state.db, &workspace_id, &body, locale).await {
                Ok(report) => {
                    println!("{}", serde_json::to_string_pretty(&report)?);
                    eprintln!("added {}, skipped {}, refused {}", report.added, report.skipped, report.refused);
                    if report.refused > 0 {
                        std::process::exit(2);
                    }
                    Ok(())
                }
                Err(e) => anyhow::bail!("import refused: {e}"),
            }
        }
        Command::BenchData { large } => {
            std::fs::create_dir_all(&settings.data_dir)?;
            let db = Db::connect(&settings.database_url(), SealKey::from_settings(&settings)?).await?;
            let made = bench_data::generate(&db, bench_data::Sizes::new(large)).await?;
            println!("{}", serde_json::to_string(&made)?);
            Ok(())
        }
        Command::BenchCeiling { addr, file, content_type, content_encoding } => {
            bench_data::serve_ceiling(addr, &file, &content_type, &content_encoding).await
        }
    }
}
