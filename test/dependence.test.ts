import { beforeAll, describe, expect, it } from 'vitest';
import { packageFacts } from '../src/analysis/crate.js';
import { isClearlyCopy } from '../transforms/sequential-await/copy.js';
import { conflict, footprint, overlaps, placeOf } from '../transforms/sequential-await/dependence.js';
import { localBinding } from '../src/analysis/bindings.js';
import { mentionedNames } from '../src/analysis/flow.js';
import { descendants } from '../src/analysis/syntax.js';
import { initParser, parseRust, type SyntaxNode } from '../src/engine/parse.js';

beforeAll(async () => {
  await initParser();
});

const PRELUDE = `
#[derive(Clone, Copy)]
struct Point { x: i32, y: i32 }
struct Job { id: u64, name: String, at: Point, conn: &'static mut Vec<u8> }
impl Job {
    async fn run(&self, other: &mut Vec<u8>, n: usize, label: &str, owned: String) {
        let k = 5;
        let s = "text";
        let v = vec![1];
        MARK;
    }
}
`;

/** The expressions `exprs` (one per line), parsed inside `Job::run` of PRELUDE, so bindings and types resolve. */
function parse(...exprs: string[]): { src: string; nodes: SyntaxNode[] } {
  const src = PRELUDE.replace('MARK;', exprs.map((e) => `${e};`).join('\n        '));
  const root = parseRust(src).root;
  const stmts = [...descendants(root)].filter((n) => n.type === 'expression_statement' && exprs.includes(src.slice(n.start, n.end - 1)));
  return { src, nodes: exprs.map((e) => stmts.find((s) => src.slice(s.start, s.end - 1) === e)!.children[0]) };
}

const fps = (...exprs: string[]) => {
  const { src, nodes } = parse(...exprs);
  return nodes.map((n) => footprint(n, src));
};

describe('places', () => {
  it('a place is a local, self or a field path; indexing and deref keep the base; calls are temporaries', () => {
    const { src, nodes } = parse('self.at.x', 'v[n]', '*other', 'make().x');
    expect(nodes.map((n) => placeOf(n, src))).toEqual([['self', 'at', 'x'], ['v'], ['other'], null]);
  });

  it('places overlap when one is a prefix of the other', () => {
    expect(overlaps(['self'], ['self', 'a'])).toBe(true);
    expect(overlaps(['self', 'a'], ['self', 'b'])).toBe(false);
    expect(overlaps(['a'], ['a'])).toBe(true);
  });
});

describe('what is clearly Copy', () => {
  it('knows primitive and shared-reference types, literal initializers and Copy structs of the file', () => {
    const { src, nodes } = parse('probe');
    const at = nodes[0];
    const copy = (...place: string[]) => isClearlyCopy(place, at, src);
    expect(copy('n')).toBe(true); // usize parameter
    expect(copy('label')).toBe(true); // &str
    expect(copy('k')).toBe(true); // let k = 5
    expect(copy('s')).toBe(true); // a string literal
    expect(copy('self')).toBe(true); // &self
    expect(copy('self', 'id')).toBe(true); // u64 field
    expect(copy('self', 'at')).toBe(true); // #[derive(Clone, Copy)] struct
    expect(copy('self', 'at', 'x')).toBe(true);
    expect(copy('PROBE_CONST')).toBe(true); // not a local: an item
  });

  it('is not fooled by `&mut` references, owned values or unknown types', () => {
    const { src, nodes } = parse('probe');
    const copy = (...place: string[]) => isClearlyCopy(place, nodes[0], src);
    expect(copy('other')).toBe(false); // &mut: by value it is a mutable reborrow
    expect(copy('owned')).toBe(false);
    expect(copy('v')).toBe(false); // vec![..]: type unknown
    expect(copy('self', 'name')).toBe(false);
    expect(copy('self', 'conn')).toBe(false); // a `&mut` field
  });

  it('finds the nearest binding of a name', () => {
    const src = 'fn f(a: u8) { let a = 1; let b = || { let a = 2; a }; }';
    const root = parseRust(src).root;
    const uses = [...descendants(root)].filter((n) => n.type === 'identifier' && src.slice(n.start, n.end) === 'a');
    const last = uses.at(-1)!;
    expect(src.slice(localBinding('a', last, src)!.start, localBinding('a', last, src)!.end)).toBe('let a = 2;');
    expect(localBinding('zz', last, src)).toBeNull();
  });
});

describe('footprints and conflicts', () => {
  it('shared borrows and copies of the same place do not conflict', () => {
    const [a, b] = fps('fetch(&v, n, self.id)', 'other_fetch(&v, n, self.at)');
    expect(conflict(a, b)).toBeNull();
  });

  it('a mutable borrow conflicts with any use of an overlapping place', () => {
    const [a, b] = fps('fill(&mut self.at)', 'read(&self.at.x)');
    expect(conflict(a, b)?.a.mode).toBe('mutable');
    const [c, d] = fps('fill(&mut v)', 'read(&self.id)');
    expect(conflict(c, d)).toBeNull();
  });

  it('a by-value use of a value not known to be Copy is a possible move', () => {
    const [a, b] = fps('consume(owned)', 'look(&owned)');
    expect(conflict(a, b)?.a.mode).toBe('move');
    // `&mut` passed by value reborrows it mutably: two of them conflict although each compiles alone.
    const [c, d] = fps('run(other)', 'run(other)');
    expect(conflict(c, d)?.a.mode).toBe('move');
  });

  it('method receivers count as writes (their self may be &mut), except well-known &self methods', () => {
    const [a, b] = fps('self.ping()', 'self.warm()');
    expect(conflict(a, b)?.a.mode).toBe('receiver');
    const [c, d] = fps('fetch(owned.clone())', 'fetch(owned.clone())');
    expect(conflict(c, d)).toBeNull();
    expect(a.calls.map((x) => [x.name, x.receiver])).toEqual([['ping', ['self']]]);
  });

  it('closures and async blocks: `move` takes captures by value, a borrowing body may mutate them', () => {
    const [a, b] = fps('spawn(async { v.push(1) })', 'look(&v)');
    expect(conflict(a, b)?.a.mode).toBe('capture');
    const [c, d] = fps('spawn(async move { n + 1 })', 'look(&n)');
    expect(conflict(c, d)).toBeNull();
    expect(a.calls.find((x) => x.name === 'push')?.nested).toBe(true);
  });

  it('formatting macros only read their arguments, other macros are opaque', () => {
    const [a, b] = fps('fetch(&format!("{}/{label}", n))', 'fetch(&format!("{label}"))');
    expect(conflict(a, b)).toBeNull();
    expect(a.macros).toMatchObject([{ name: 'format', analyzable: true }]);
    expect(a.temporaryBorrows).toHaveLength(1); // `&format!(..)` borrows a temporary
    const [c] = fps('sum(vec![owned])');
    expect(c.macros).toMatchObject([{ name: 'vec', analyzable: false }]);
    expect(c.accesses.find((x) => x.place[0] === 'owned')?.mode).toBe('macro');
  });

  it('records early exits, assignments and method calls on temporaries', () => {
    const [a] = fps('go(parse(s)?)');
    expect(a.earlyExits).toHaveLength(1);
    const [b] = fps('n += 1');
    expect(b.accesses[0]).toMatchObject({ place: ['n'], mode: 'mutable' });
    const [c] = fps('client().get(n).send()');
    expect(c.temporaryBorrows).toHaveLength(2);
  });

  it('names a format string captures count as mentioned', () => {
    const src = 'fn f() { g(format!("{user}/{{skip}}/{id:?}")); }';
    expect([...mentionedNames(parseRust(src).root, src)].sort()).toEqual(['format', 'g', 'id', 'user']);
  });
});

describe('futures as a crate fact', () => {
  const facts = (deps: Record<string, unknown>) => packageFacts('/p/Cargo.toml', { package: { name: 'svc' }, dependencies: deps }, () => null);

  it('is set for a normal dependency that has `join!`, under its key', () => {
    expect(facts({ futures: '0.3' }).futures).toEqual({ path: 'futures' });
    expect(facts({ futures03: { version: '0.3', package: 'futures' } }).futures).toEqual({ path: 'futures03' });
    expect(facts({ futures: { version: '0.3', 'default-features': false, features: ['async-await', 'std'] } }).futures).toEqual({ path: 'futures' });
  });

  it('is absent when futures is optional, lacks `async-await`, or is not there', () => {
    expect(facts({ futures: { version: '0.3', optional: true } }).futures).toBeUndefined();
    expect(facts({ futures: { version: '0.3', 'default-features': false, features: ['std'] } }).futures).toBeUndefined();
    expect(facts({ tokio: '1' }).futures).toBeUndefined();
  });
});
