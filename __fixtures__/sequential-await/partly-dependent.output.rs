pub struct Account {
    pub id: u64,
    pub region: u8,
}

async fn account(name: &str) -> Account {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    Account { id: name.len() as u64, region: 1 }
}

async fn settings(name: &str) -> Vec<String> {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    vec![name.to_string()]
}

async fn invoices(account: &Account) -> Vec<u64> {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    vec![account.id]
}

async fn region_name(region: u8) -> String {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    format!("r{region}")
}

async fn banner() -> String {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    "hello".to_string()
}

pub async fn overview(name: &str) -> usize {
    let (account, settings) = tokio::join!(account(name), settings(name));
    let invoices = invoices(&account).await;
    let (region, banner) = tokio::join!(region_name(account.region), banner());
    let region: String = region;
    account.id as usize + settings.len() + invoices.len() + region.len() + banner.len()
}

pub async fn one_after_the_other(name: &str) -> usize {
    let account: Account = account(name).await;
    let (invoices, region, banner) = tokio::join!(
        invoices(&account),
        region_name(account.region),
        banner(),
    );
    invoices.len() + region.len() + banner.len()
}
