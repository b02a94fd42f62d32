fn main() {
    let _ = store::Store;
}
