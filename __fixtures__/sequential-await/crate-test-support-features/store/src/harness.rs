// Test code by the cfg on its `mod harness;`, with nothing in this file saying so.

pub async fn prepare() -> u32 {
    let a = crate::sum().await;
    let b = crate::sum().await;
    a + b
}
