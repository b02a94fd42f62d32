pub struct Settings {
    pub greeting: String,
    pub retries: u32,
}

impl Settings {
    pub fn describe(&self) -> String {
        format!("{} x{}", self.greeting, self.retries)
    }
}

async fn fetch_name(id: u64) -> String {
    tokio::task::yield_now().await;
    format!("user {id}")
}

fn greeting_len(settings: &Settings) -> usize {
    settings.greeting.len()
}

/// One task per request; the settings are built inside it.
pub fn start(id: u64) -> tokio::task::JoinHandle<String> {
    tokio::spawn(async move {
        let settings = std::sync::Arc::new(Settings { greeting: "hello".into(), retries: 3 });
        let for_log = std::sync::Arc::clone(&settings);
        let name = fetch_name(id).await;
        let width = greeting_len(&settings);
        tracing::info!("greeting {} for {}", for_log.describe(), name);
        format!("{:width$} {}", settings.greeting, name, width = width)
    })
}

/// The name is reused for the length once the settings are done with.
pub fn start_short(id: u64) -> tokio::task::JoinHandle<usize> {
    tokio::spawn(async move {
        let settings = std::sync::Arc::new(Settings { greeting: "hey".into(), retries: 1 });
        let name = fetch_name(id).await;
        println!("{} {}", settings.describe(), name);
        let settings = settings.greeting.len();
        settings + name.len()
    })
}
