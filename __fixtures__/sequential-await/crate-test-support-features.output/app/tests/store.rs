#[tokio::test]
async fn seeds() {
    assert_eq!(store::fixtures::seed().await, 3);
    assert_eq!(store::harness::prepare().await, 6);
    assert_eq!(store::warm().await, 3);
    assert_eq!(store::Store.reset().await, 3);
}
