//! Items declared inside an item-level macro (tokio's own `cfg_rt! { .. }`
//! works this way): their bodies are code like any other.
use std::time::Duration;

macro_rules! cfg_runtime {
    ($($item:item)*) => {
        $( #[cfg(not(loom))] $item )*
    };
}

cfg_runtime! {
    /// An async fn declared in the macro: the sleep blocks the executor thread. Fixed.
    pub async fn backoff(attempt: u32) {
        std::thread::sleep(Duration::from_millis(10 * attempt as u64));
    }

    /// A sync fn in the macro: sleeping there is fine. Not a finding.
    pub fn pause() {
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// `lazy_static!`-style bodies are not code: left alone.
macro_rules! declare {
    ($name:ident = $value:expr) => {
        pub const $name: u64 = $value;
    };
}

declare!(RETRIES = 3);
