//! A CLI with two commands: a one-shot import, and a server whose
//! connections run in spawned tasks. Blocking matters only in the tasks.
mod commands;
mod server;

enum Cmd {
    Import(commands::Import),
    Serve,
}

fn main() -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let cmd = if std::env::args().nth(1).as_deref() == Some("serve") { Cmd::Serve } else { Cmd::Import(commands::Import) };
    rt.block_on(run(cmd))
}

async fn run(cmd: Cmd) -> std::io::Result<()> {
    // `import` is a match binding: its type is not written here.
    match cmd {
        Cmd::Import(import) => import.run("history.txt").await,
        Cmd::Serve => server::serve().await,
    }
}
