import { BLOCKING_PATHS, COMMAND_RUNS } from '../analysis/blocking.js';

/**
 * External APIs that block the calling thread, for effect summaries: std's
 * file system, sleeping and networking, and crates whose whole point is a
 * blocking call (`fs_err` mirrors std::fs, `reqwest::blocking`, `ureq`,
 * `walkdir`). A crate fn that calls one, directly or through other sync fns,
 * blocks whoever calls it.
 */
const STD: ReadonlySet<string> = new Set([...BLOCKING_PATHS, 'std::net::TcpStream::connect', 'std::net::TcpStream::connect_timeout']);

const BLOCKING_PREFIXES: readonly string[] = ['fs_err::', 'reqwest::blocking::', 'ureq::', 'walkdir::WalkDir::new'];

export function isBlockingApi(path: string): boolean {
  return STD.has(path) || BLOCKING_PREFIXES.some((p) => path.startsWith(p) && !path.startsWith('fs_err::tokio'));
}

/** A method chain rooted at `root` (an external path call) whose method `name` blocks: `Command::new(..).output()`. */
export function blockingChainMethod(root: string, name: string): string | null {
  if (root === 'std::process::Command::new' && COMMAND_RUNS.has(name)) return `std::process::Command::${name}`;
  return null;
}
