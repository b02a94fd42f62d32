// Generated Rust inputs whose size is one number, for scripts/bench-scaling.mjs
// and test/scaling.test.ts: the cost of a run must grow linearly with it.

export const SLEEP = 'std::thread::sleep(std::time::Duration::ZERO)';
export const FIXED_SLEEP = 'tokio::time::sleep(std::time::Duration::ZERO).await';

export const TOKIO_MANIFEST = '[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\ntokio = { version = "1", features = ["full"] }\n';

/** One async fn whose blocking sleep sits `depth` blocks deep. */
export function nestedBlocks(depth) {
  return `pub async fn deep() {\n${'{'.repeat(depth)}${SLEEP};${'}'.repeat(depth)}\n}\n`;
}

/** Like `nestedBlocks`, with a blocking sleep at every level: `depth` findings, each under all the blocks before it. */
export function nestedSleeps(depth) {
  return `pub async fn deep() {\n${`{ ${SLEEP}; `.repeat(depth)}${'}'.repeat(depth)}\n}\n`;
}

/** Item `i` of the mixed file: every 20th a fixable async fn, the rest small sync helpers. */
function mixedItem(i) {
  return i % 20 === 0
    ? `pub async fn big${i}() {\n    ${SLEEP};\n}\n`
    : `/// helper ${i}\npub fn helper${i}(x: u64) -> u64 {\n    x.wrapping_mul(${i}).rotate_left(3) ^ 0x5eed\n}\n`;
}

/** At least `bytes` characters of the mix, numbering items from `first`. */
export function mixedFile(bytes, first = 0) {
  const parts = [];
  let size = 0;
  for (let i = first; size < bytes; i++) {
    const item = mixedItem(i);
    parts.push(item);
    size += item.length;
  }
  return parts.join('\n');
}
