import { NO_MANIFEST, type CrateFacts } from '../../src/analysis/crate.js';

/** A file whose crate has tokio with every feature: what most rule tests assume. */
export const TOKIO_FULL: CrateFacts = { ...NO_MANIFEST, tokio: { status: 'usable', path: 'tokio', features: ['full'] } };
