#[cfg(test)]
mod tests {
    #[test]
    fn settles() {
        let _ = svc::testing::settle();
    }
}
