use std::fs;

/// `fs::read_to_string` passed to a combinator: there is no call here to await.
pub async fn first_readable(paths: Vec<String>) -> Option<String> {
    paths.into_iter().map(fs::read_to_string).find_map(Result::ok)
}
