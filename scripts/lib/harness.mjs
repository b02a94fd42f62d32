// What the corpus scripts (sweep, ecosystem) share about reporting: a failed
// assertion (exit 1) is a finding about async-fix, harness trouble (exit 2)
// is a problem with the machine or the script, and the last line is the
// plain `<name>: N passed, M failed` that CI tooling understands.

/** Harness trouble (exit 2), as opposed to a failed assertion (exit 1). */
export class Trouble extends Error {}

export const trouble = (msg) => {
  throw new Trouble(msg);
};

/** Seconds since `t` (a Date.now()), one decimal. */
export const secs = (t) => ((Date.now() - t) / 1000).toFixed(1);

/** PASS/FAIL lines with at most 20 details under a failure, and the counts. */
export function createTally() {
  const tally = {
    passed: 0,
    failed: 0,
    assert(ok, label, details = []) {
      if (ok) tally.passed++;
      else tally.failed++;
      console.log(`${ok ? 'PASS' : 'FAIL'} ${label}`);
      if (!ok) for (const d of details.slice(0, 20)) console.log(`       ${d}`);
      if (!ok && details.length > 20) console.log(`       (+${details.length - 20} more)`);
      return ok;
    },
  };
  return tally;
}

/**
 * Runs `main`, then prints harness trouble and the closing counts line and
 * sets the exit code: 1 on a failed assertion, else 2 on trouble, else 0.
 */
export async function runHarness(name, tally, main) {
  const troubles = [];
  try {
    await main(troubles);
  } catch (e) {
    // A bug in the script is harness trouble too; show where it happened.
    if (!(e instanceof Trouble)) console.error(e);
    troubles.push(e.message);
  }
  for (const t of troubles) console.error(`${name}: harness trouble: ${t}`);
  console.log(`${name}: ${tally.passed} passed, ${tally.failed} failed`);
  process.exitCode = tally.failed ? 1 : troubles.length ? 2 : 0;
}
