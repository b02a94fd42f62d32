import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser } from '../src/engine/parse.js';
import { processFile } from '../src/engine/pipeline.js';
import { unboundedSpawn } from '../transforms/unbounded-spawn/index.js';
import { cargoEnv, offlineCrate } from './support/cargo.js';
import { repoRoot, tempDir, TOKIO_MANIFEST } from './support/cli.js';
import { TOKIO_FULL as crate } from './support/crates.js';

/**
 * The unbounded-spawn fixes (both forms) change how tasks run, so a compile check is not
 * enough: this builds a small program (offline, against Debian's tokio) that
 * runs the original and the fixed function on the same input and prints
 * what each returned and the most tasks that were ever running at once.
 */
const CAP = 8;

/** The fire-and-forget shape (Semaphore form), instrumented like the ordered fixture. */
const FIRE_AND_FORGET = `use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

pub static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
pub static PEAK: AtomicUsize = AtomicUsize::new(0);

async fn record(id: u64, done: UnboundedSender<u64>) {
    let now = IN_FLIGHT.fetch_add(1, Ordering::SeqCst) + 1;
    PEAK.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_micros(300 + id % 500)).await;
    IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    let _ = done.send(id * 3);
}

pub async fn notify_all(ids: Vec<u64>, done: UnboundedSender<u64>) {
    for id in ids {
        tokio::spawn(record(id, done.clone()));
    }
}
`;

/** Some tasks panic: each JoinError must land where the original met it. */
const FAILING = `pub static IN_FLIGHT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
pub static PEAK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

async fn parse(id: u64) -> u64 {
    use std::sync::atomic::Ordering;
    let now = IN_FLIGHT.fetch_add(1, Ordering::SeqCst) + 1;
    PEAK.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(std::time::Duration::from_micros(900 - id * 2)).await;
    IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    if id % 37 == 5 {
        panic!("bad record {id}");
    }
    id + 1
}

pub async fn parse_all(ids: Vec<u64>) -> Vec<Option<u64>> {
    let mut handles = Vec::new();
    for id in ids {
        handles.push(tokio::spawn(parse(id)));
    }
    let mut parsed = Vec::new();
    for handle in handles {
        match handle.await {
            Ok(v) => parsed.push(Some(v)),
            Err(e) if e.is_panic() => parsed.push(None),
            Err(e) => panic!("{e}"),
        }
    }
    parsed
}
`;

const MAIN = `mod ordered_original;
mod ordered_fixed;
mod ordered_alternative;
mod detached_original;
mod detached_fixed;
mod detached_alternative;
mod failing_original;
mod failing_fixed;

use std::sync::atomic::Ordering;

async fn detached(run: impl std::future::Future<Output = ()>, mut rx: tokio::sync::mpsc::UnboundedReceiver<u64>) -> Vec<u64> {
    run.await;
    let mut got = Vec::new();
    while let Some(v) = rx.recv().await {
        got.push(v);
    }
    got.sort();
    got
}

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
    let ids: Vec<u64> = (0..400).collect();
    let expected: Vec<String> = ids.iter().map(|id| format!("record-{id}")).collect();
    let a = ordered_original::fetch_all(ids.clone()).await;
    let b = ordered_fixed::fetch_all(ids.clone()).await;
    println!("ordered {} {} {} {}", a == expected, b == expected, ordered_original::PEAK.load(Ordering::SeqCst), ordered_fixed::PEAK.load(Ordering::SeqCst));
    let b = ordered_alternative::fetch_all(ids.clone()).await;
    println!("ordered-alternative {} {} {} {}", a == expected, b == expected, ordered_original::PEAK.load(Ordering::SeqCst), ordered_alternative::PEAK.load(Ordering::SeqCst));

    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let c = detached(detached_original::notify_all(ids.clone(), tx), rx).await;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let d = detached(detached_fixed::notify_all(ids.clone(), tx), rx).await;
    let all: Vec<u64> = ids.iter().map(|id| id * 3).collect();
    println!("detached {} {} {} {}", c == all, d == all, detached_original::PEAK.load(Ordering::SeqCst), detached_fixed::PEAK.load(Ordering::SeqCst));
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let d = detached(detached_alternative::notify_all(ids.clone(), tx), rx).await;
    println!("detached-alternative {} {} {} {}", c == all, d == all, detached_original::PEAK.load(Ordering::SeqCst), detached_alternative::PEAK.load(Ordering::SeqCst));

    std::panic::set_hook(Box::new(|_| {})); // the panics are expected: keep stderr quiet
    let few: Vec<u64> = (0..400).collect();
    let want: Vec<Option<u64>> = few.iter().map(|id| if id % 37 == 5 { None } else { Some(id + 1) }).collect();
    let e = failing_original::parse_all(few.clone()).await;
    let f = failing_fixed::parse_all(few.clone()).await;
    println!("failing {} {} {} {}", e == want, f == want, failing_original::PEAK.load(Ordering::SeqCst), failing_fixed::PEAK.load(Ordering::SeqCst));
}
`;

/** The fixed text, with each finding's `choice`-th fix (0: the default; 1: the other form). */
function fix(text: string, choice = 0): string {
  const out = processFile({ path: 'x.rs', text, crate, options: { maxConcurrency: CAP } }, { rules: [unboundedSpawn], fixMode: 'unsafe' }, (c) => {
    expect(c.fixes.length).toBeGreaterThan(choice);
    return choice;
  });
  expect(out.errors).toEqual([]);
  expect(out.newText).not.toBe(text);
  expect(out.newText).toContain(`const MAX_IN_FLIGHT: usize = ${CAP};`);
  return out.newText;
}

beforeAll(async () => {
  await initParser();
});

describe('unbounded-spawn at run time', () => {
  it(`original and fixed return the same, and the fixed run never has more than ${CAP} tasks in flight`, () => {
    const ordered = fs.readFileSync(path.join(repoRoot, '__fixtures__/unbounded-spawn/collected-ordered.input.rs'), 'utf8');
    const root = tempDir();
    offlineCrate(root, {
      'Cargo.toml': TOKIO_MANIFEST,
      'src/main.rs': MAIN,
      'src/ordered_original.rs': ordered,
      'src/ordered_fixed.rs': fix(ordered),
      'src/ordered_alternative.rs': fix(ordered, 1),
      'src/detached_original.rs': FIRE_AND_FORGET,
      'src/detached_fixed.rs': fix(FIRE_AND_FORGET),
      'src/detached_alternative.rs': fix(FIRE_AND_FORGET, 1),
      'src/failing_original.rs': FAILING,
      'src/failing_fixed.rs': fix(FAILING),
    });
    const r = spawnSync('cargo', ['run', '--quiet', '--manifest-path', path.join(root, 'Cargo.toml')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...cargoEnv },
    });
    expect(r.stderr.split('\n').filter((l) => /^error/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    const rows = Object.fromEntries(r.stdout.trim().split('\n').map((l) => { const [name, ...v] = l.split(' '); return [name, v]; }));
    // The alternative forms: a Semaphore for collected handles, a JoinSet drained after the loop for detached ones.
    expect(fix(ordered, 1)).toContain('acquire_owned()');
    expect(fix(FIRE_AND_FORGET, 1)).toContain('JoinSet::new()');
    for (const shape of ['ordered', 'ordered-alternative', 'detached', 'detached-alternative', 'failing']) {
      const [originalRight, fixedRight, originalPeak, fixedPeak] = rows[shape];
      expect(originalRight, `${shape}: original result`).toBe('true');
      expect(fixedRight, `${shape}: fixed result equals the original's`).toBe('true');
      // The measure works: without the cap far more than CAP tasks overlap.
      expect(Number(originalPeak), `${shape}: original peak`).toBeGreaterThan(CAP);
      expect(Number(fixedPeak), `${shape}: fixed peak`).toBeGreaterThan(0);
      expect(Number(fixedPeak), `${shape}: fixed peak`).toBeLessThanOrEqual(CAP);
    }
  }, 600_000);
});
