use std::num::ParseIntError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found: {0}")]
    NotFound(u64),
}

pub struct Profile {
    pub name: String,
    pub credits: u64,
}

async fn read_name(id: u64) -> Result<String, StoreError> {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    if id == 0 {
        return Err(StoreError::NotFound(id));
    }
    Ok(format!("user{id}"))
}

async fn parse_credits(raw: &str) -> Result<u64, ParseIntError> {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    raw.trim().parse()
}

pub async fn profile(id: u64, raw_credits: &str) -> anyhow::Result<Profile> {
    // The name comes from the store.
    let (name, credits) = tokio::join!(read_name(id), parse_credits(raw_credits));
    let name = name?;
    // Credits are parsed from the request.
    let credits: u64 = credits?;
    Ok(Profile { name, credits })
}
