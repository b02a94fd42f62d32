use std::collections::BTreeMap;

async fn tags(id: u32) -> Option<Vec<String>> {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    Some(vec![format!("t{id}")])
}

async fn scores(id: u32) -> Result<BTreeMap<String, u32>, std::io::Error> {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    let mut m = BTreeMap::new();
    m.insert(format!("s{id}"), id);
    Ok(m)
}

async fn title(id: u32) -> String {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    format!("Title {id}")
}

pub async fn summary(id: u32) -> (usize, u32, String) {
    let tag_count = tags(id).await.unwrap_or_default().len();
    #[allow(unused_mut)]
    let mut total: u32 = scores(id)
        .await
        .expect("scores are always readable")
        .values()
        .sum();
    let heading = title(id).await.to_uppercase(); // shown in the header
    total += 1;
    (tag_count, total, heading)
}
