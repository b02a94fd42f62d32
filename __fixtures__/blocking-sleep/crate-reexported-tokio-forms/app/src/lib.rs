//! tokio is not a dependency of this crate: fixes name it through `common`'s re-exports.
mod nested;
mod rt;
mod rt_module;
mod serde_form;
mod shimmed;
mod via_rt;
