/**
 * What a call does to state other code can see, judged from names where
 * the index cannot follow it: a database or store behind a client, files,
 * processes. The lists are deliberately narrow: a name here makes two
 * awaits order-dependent, and a name missing only costs a finding.
 */

/** Shared resources outside the crate's own statics. */
export type Resource = 'db' | 'fs' | 'process';

/** Methods that write a database or store (diesel, diesel-async, sqlx, sea-orm, mongodb, redis). */
const DB_WRITE_METHODS = /^(?:execute|execute_many|exec|exec_with_returning|insert_one|insert_many|insert_all|update_one|update_many|delete_one|delete_many|replace_one|upsert|commit|set_ex|hset|lpush|rpush|publish)$/;
/** Methods that read one. */
const DB_READ_METHODS = /^(?:fetch|fetch_one|fetch_all|fetch_optional|fetch_many|get_result|get_results|first|load|find_one|query|query_one|query_opt|query_row|hget|lrange)$/;
/** Free functions that start a write statement (`diesel::insert_into(..)`). */
const DB_WRITE_FUNCTIONS = new Set(['insert_into', 'replace_into', 'update', 'delete', 'insert_or_ignore_into']);
/** File-system calls that change what a later one reads. */
export const FS_WRITES: ReadonlySet<string> = new Set([
  'write', 'create', 'create_dir', 'create_dir_all', 'remove_file', 'remove_dir', 'remove_dir_all', 'rename', 'copy', 'set_permissions', 'hard_link', 'symlink',
]);
const PROCESS_RUNS = new Set(['spawn', 'output', 'status']);

export interface ResourceUse {
  resource: Resource;
  write: boolean;
}

/** A method called on a value the index cannot type. */
export function methodResource(name: string): ResourceUse | null {
  if (DB_WRITE_METHODS.test(name)) return { resource: 'db', write: true };
  if (DB_READ_METHODS.test(name)) return { resource: 'db', write: false };
  return null;
}

/** A call to an external path: `std::fs::write`, `diesel::insert_into`. */
export function pathResource(path: string): ResourceUse | null {
  const segments = path.split('::');
  const name = segments.at(-1)!;
  const fs = segments[0] === 'fs_err' || ((segments[0] === 'std' || segments[0] === 'tokio' || segments[0] === 'async_std') && segments[1] === 'fs');
  if (fs) return { resource: 'fs', write: FS_WRITES.has(name) };
  if (segments[0] === 'diesel' && DB_WRITE_FUNCTIONS.has(name)) return { resource: 'db', write: true };
  return null;
}

/** A method on a chain that starts with an external path call: `Command::new("git").output()`, `sqlx::query(..).execute(..)`. */
export function chainResource(root: string, name: string): ResourceUse | null {
  if (/^(?:std|tokio|async_std)::process::Command::new$/.test(root) && PROCESS_RUNS.has(name)) return { resource: 'process', write: true };
  const own = pathResource(root);
  if (own?.resource === 'db') return own;
  return methodResource(name);
}

/** Methods that only read what they are called on (a lock's `read`, an atomic's `load`, a map's `get`); anything else on a static counts as a write. */
const READ_OPS = new Set(['read', 'try_read', 'load', 'get', 'borrow', 'contains_key', 'contains', 'len', 'is_empty', 'iter', 'keys', 'values', 'clone', 'as_ref', 'to_string']);

export function staticOpWrites(op: string | null): boolean {
  return op !== null && !READ_OPS.has(op);
}

/** Methods that change what they are called on, through `&mut` or interior mutability. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set([
  'lock', 'write', 'try_lock', 'try_write', 'borrow_mut', 'get_mut', 'push', 'push_back', 'push_front', 'pop', 'insert', 'remove', 'clear', 'extend',
  'entry', 'retain', 'truncate', 'append', 'store', 'swap', 'fetch_add', 'fetch_sub', 'fetch_or', 'fetch_and', 'fetch_update', 'compare_exchange',
  'set', 'replace', 'take', 'send', 'try_send', 'send_replace', 'send_modify', 'add_permits', 'notify_one', 'notify_waiters',
]);

/** Types whose value changes behind a shared reference: a write to one through `&self` is seen by every holder. */
export function isInteriorMutable(typeName: string): boolean {
  return /^(?:Mutex|RwLock|FairMutex|ReentrantMutex|RefCell|Cell|OnceCell|OnceLock|DashMap|DashSet|ArcSwap|ArcSwapOption|Sender|UnboundedSender|SyncSender|Notify|Semaphore)$/.test(typeName) || /^Atomic[A-Z]/.test(typeName);
}
