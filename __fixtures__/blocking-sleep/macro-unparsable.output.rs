//! Macro bodies that are not a list of expressions, select! arms or a block
//! are left alone, silently: they are the macro's own language, and a sleep
//! inside one is not seen (nor is anything else there changed).
use std::time::Duration;

/// `every!(period => body)`: a little scheduling DSL.
macro_rules! every {
    ($period:expr => $body:expr) => {{
        let mut ticker = tokio::time::interval($period);
        ticker.tick().await;
        $body
    }};
}

/// `retry!(n times { .. })`: repeats a block.
macro_rules! retry {
    ($n:literal times $body:block) => {
        for _ in 0..$n $body
    };
}

/// `step!(name: expr; ...)`: named steps separated by `;`.
macro_rules! steps {
    ($($name:ident: $e:expr);* $(;)?) => {
        $( let $name = $e; let _ = $name; )*
    };
}

pub async fn maintenance(pause: Duration) {
    // Not a finding: `=>` is not an expression separator; the body is skipped.
    every!(Duration::from_millis(5) => std::thread::sleep(pause));
    // Not a finding: `3 times { .. }` does not parse as an expression.
    retry!(3 times {
        std::thread::sleep(pause);
    });
    // Not a finding: `name: expr` pairs are not expressions either.
    steps! {
        settle: std::thread::sleep(pause);
        cool_down: std::thread::sleep(pause);
    }
    // Not a finding: a select! whose arms do not parse (an arm with no `=>`) is skipped whole.
    // (The macro would reject it too; it stays behind `cfg(any())` so the crate compiles.)
    #[cfg(any())]
    tokio::select! {
        _ = tokio::time::sleep(pause) std::thread::sleep(pause)
    }
}
