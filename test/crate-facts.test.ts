import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CrateFactsCache, NO_MANIFEST, packageFacts, type CrateFacts } from '../src/analysis/crate.js';
import { FileAnalysis } from '../src/analysis/file-analysis.js';
import { descendants } from '../src/analysis/syntax.js';
import { initParser, parseRust } from '../src/engine/parse.js';
import { tempDir, writeTree } from './support/cli.js';

beforeAll(async () => {
  await initParser();
});

const facts = (manifest: Record<string, unknown>, workspace: () => { manifestPath: string; manifest: Record<string, unknown> } | null = () => null) =>
  packageFacts('/p/Cargo.toml', { package: { name: 'svc' }, ...manifest }, workspace);

describe('packageFacts', () => {
  it('a direct tokio dependency: usable, with its features and where they are declared', () => {
    expect(facts({ dependencies: { tokio: { version: '1', features: ['rt', 'time'] } } })).toMatchObject({
      manifestPath: '/p/Cargo.toml',
      packageName: 'svc',
      packageRoot: '/p',
      tokio: { status: 'usable', path: 'tokio', features: ['rt', 'time'] },
      devTokio: null,
    });
  });

  it('optional tokio: which crate features turn it on', () => {
    expect(facts({ dependencies: { tokio: { version: '1', optional: true } }, features: { runtime: ['tokio/rt'], full: ['runtime'] } }).tokio).toMatchObject({
      status: 'optional',
      enabledBy: ['tokio', 'runtime', 'full'],
    });
    // With `dep:` syntax there is no implicit feature named after the dependency.
    expect(facts({ dependencies: { tokio: { version: '1', optional: true } }, features: { rt: ['dep:tokio'], weak: ['tokio?/time'] } }).tokio).toMatchObject({
      status: 'optional',
      enabledBy: ['rt'],
    });
  });

  it('dev-dependencies, target-specific tables and renames', () => {
    expect(facts({ 'dev-dependencies': { tokio: { version: '1', features: ['macros'] } } })).toMatchObject({
      tokio: { status: 'unusable' },
      devTokio: { path: 'tokio', features: ['macros'] },
    });
    expect(facts({ target: { 'cfg(unix)': { dependencies: { tokio: '1' } } } }).tokio).toMatchObject({ status: 'usable', path: 'tokio' });
    expect(facts({ dependencies: { rt: { package: 'tokio', version: '1' } } }).tokio).toMatchObject({ status: 'usable', path: 'rt' });
    expect(facts({ dependencies: { tokio: { package: 'tokio-fork', version: '1' } } }).tokio.status).toBe('unusable');
  });

  it('workspace inheritance: features from both, declared in the workspace root', () => {
    const ws = { manifestPath: '/Cargo.toml', manifest: { workspace: { dependencies: { tokio: { version: '1', features: ['full'] } } } } };
    expect(facts({ dependencies: { tokio: { workspace: true, features: ['test-util'] } } }, () => ws).tokio).toMatchObject({
      status: 'usable',
      features: ['test-util', 'full'],
    });
    expect(facts({ dependencies: { tokio: { workspace: true } } }, () => ({ manifestPath: '/Cargo.toml', manifest: { workspace: {} } })).tokio).toEqual({
      status: 'unusable',
      reason: 'tokio.workspace = true but the workspace declares no tokio',
    });
  });

  it('fs-err: how code names it, whether `fs_err::tokio` is on, a dev-dependency for tests only', () => {
    expect(facts({ dependencies: { 'fs-err': '2' } }).fsErr).toEqual({ path: 'fs_err', tokio: false, devOnly: false });
    expect(facts({ dependencies: { 'fs-err': { version: '3', features: ['tokio'] } } }).fsErr).toEqual({ path: 'fs_err', tokio: true, devOnly: false });
    expect(facts({ dependencies: { fs: { package: 'fs-err', version: '2' } } }).fsErr).toEqual({ path: 'fs', tokio: false, devOnly: false });
    expect(facts({ 'dev-dependencies': { 'fs-err': '2' } }).fsErr).toEqual({ path: 'fs_err', tokio: false, devOnly: true });
    expect(facts({ dependencies: { 'fs-err': '2' }, 'dev-dependencies': { 'fs-err': { version: '2', features: ['tokio'] } } }).fsErr).toEqual({ path: 'fs_err', tokio: false, devOnly: false });
    const ws = { manifestPath: '/Cargo.toml', manifest: { workspace: { dependencies: { 'fs-err': { version: '2', features: ['tokio'] } } } } };
    expect(facts({ dependencies: { 'fs-err': { workspace: true } } }, () => ws).fsErr).toEqual({ path: 'fs_err', tokio: true, devOnly: false });
    expect(facts({ dependencies: { 'fs-err': { workspace: true } } }).fsErr).toBeUndefined();
    expect(facts({ dependencies: { serde: '1' } }).fsErr).toBeUndefined();
  });

  it('an inherited tokio whose workspace root is not there says so, not "declares no tokio"', () => {
    expect(facts({ dependencies: { tokio: { workspace: true } } }).tokio).toEqual({
      status: 'unusable',
      reason: 'tokio.workspace = true but the workspace root was not found (no Cargo.toml with [workspace] above this package)',
    });
  });

  it('no tokio: names the runtime in use', () => {
    expect(facts({ dependencies: { 'async-std': '1' } }).tokio).toMatchObject({ reason: expect.stringContaining('svc runs on async-std, not tokio') });
    expect(facts({ dependencies: { smol: '1' } }).tokio).toMatchObject({ reason: expect.stringContaining('runs on smol') });
    expect(facts({ dependencies: { futures: '0.3' } }).tokio).toMatchObject({ reason: 'tokio is not a dependency of svc (it uses futures, not tokio)' });
    expect(facts({ dependencies: { serde: '1' } }).tokio).toMatchObject({ reason: 'tokio is not a dependency of svc' });
  });
});

describe('CrateFactsCache on real manifests', () => {
  it('records where each declaration lives, so its features can be edited there', () => {
    const root = tempDir();
    writeTree(root, {
      'Cargo.toml': '[workspace]\nmembers = ["svc"]\n\n[workspace.dependencies]\ntokio = { version = "1", features = ["rt"] }\n',
      'svc/Cargo.toml': '[package]\nname = "svc"\n\n[dependencies]\ntokio = { workspace = true }\n\n[dev-dependencies.tokio]\nversion = "1"\nfeatures = ["macros"]\n',
      'svc/src/lib.rs': '',
    });
    const f = new CrateFactsCache().forFile(path.join(root, 'svc/src/lib.rs'));
    expect(f.tokio).toMatchObject({ status: 'usable', declaredIn: { manifestPath: path.join(root, 'Cargo.toml'), table: ['workspace', 'dependencies'], key: 'tokio' } });
    expect(f.devTokio).toMatchObject({ declaredIn: { manifestPath: path.join(root, 'svc/Cargo.toml'), table: ['dev-dependencies'], key: 'tokio' } });
  });

  it('no manifest above: unknown; an unparsable one: an error naming it', () => {
    const root = tempDir();
    writeTree(root, { 'loose.rs': '', 'bad/Cargo.toml': '[package\n', 'bad/src/lib.rs': '' });
    expect(new CrateFactsCache().forFile(path.join(root, 'loose.rs'))).toEqual(NO_MANIFEST);
    expect(() => new CrateFactsCache().forFile(path.join(root, 'bad/src/lib.rs'))).toThrow(`${path.join(root, 'bad/Cargo.toml')}: cannot read Cargo.toml`);
  });
});

describe('CrateFactsCache: workspace path dependencies and test-only features', () => {
  const pkg = (name: string, rest = '') => `[package]\nname = "${name}"\nversion = "0.1.0"\n${rest}`;
  const factsOf = (root: string, dir: string) => new CrateFactsCache().forFile(path.join(root, dir, 'src', 'lib.rs'));

  it('path dependencies in the workspace, by the name code uses; none out of it, nor excluded, nor build-only', () => {
    const root = tempDir();
    writeTree(root, {
      'ws/Cargo.toml': '[workspace]\nmembers = ["crates/*"]\nexclude = ["crates/skipped"]\n\n[workspace.dependencies]\ninherited = { path = "crates/inherited" }\n',
      'ws/crates/app/Cargo.toml': pkg('app', [
        '[dependencies]',
        'my-lib = { path = "../my-lib" }',
        'shared = { path = "../common", package = "common" }',
        'inherited = { workspace = true }',
        'outside = { path = "../../../outside" }',
        'skipped = { path = "../skipped" }',
        'serde = "1"',
        '[dev-dependencies]',
        'fixtures = { path = "../fixtures" }',
        '[build-dependencies]',
        'codegen = { path = "../codegen" }',
        '',
      ].join('\n')),
      'ws/crates/my-lib/Cargo.toml': pkg('my-lib'),
      'ws/crates/common/Cargo.toml': pkg('common', '[lib]\nname = "common_lib"\n'),
      'ws/crates/inherited/Cargo.toml': pkg('inherited'),
      'ws/crates/fixtures/Cargo.toml': pkg('fixtures', '[dependencies]\napp = { path = "../app" }\n'),
      'ws/crates/codegen/Cargo.toml': pkg('codegen'),
      'ws/crates/skipped/Cargo.toml': pkg('skipped'),
      'outside/Cargo.toml': pkg('outside'),
    });
    const real = fs.realpathSync(root);
    const crates = (name: string) => path.join(real, 'ws', 'crates', name);
    expect(factsOf(real, 'ws/crates/app').pathDeps).toEqual([
      { name: 'my_lib', root: crates('my-lib') },
      { name: 'shared', root: crates('common') },
      { name: 'inherited', root: crates('inherited') },
      { name: 'fixtures', root: crates('fixtures') },
    ]);
    // A dev-dependency cycle back to app is listed like any other; the model guards the cycle.
    expect(factsOf(real, 'ws/crates/fixtures').pathDeps).toEqual([{ name: 'app', root: crates('app') }]);
  });

  it('a package outside any workspace has only the path dependencies inside its own directory', () => {
    const root = tempDir();
    writeTree(root, {
      'solo/Cargo.toml': pkg('solo', '[dependencies]\nvendored = { path = "vendor/vendored" }\nsibling = { path = "../sibling" }\n'),
      'solo/vendor/vendored/Cargo.toml': pkg('vendored'),
      'sibling/Cargo.toml': pkg('sibling'),
    });
    const real = fs.realpathSync(root);
    expect(factsOf(real, 'solo').pathDeps).toEqual([{ name: 'vendored', root: path.join(real, 'solo', 'vendor', 'vendored') }]);
  });

  it('test-only features: named like test support or turned on only by dev-dependencies, and by no non-test path', () => {
    const root = tempDir();
    writeTree(root, {
      'Cargo.toml': '[workspace]\nmembers = ["store", "app", "cli"]\n',
      'store/Cargo.toml': pkg('store', [
        '[features]',
        'default = ["metrics"]',
        'metrics = ["mock"]',
        'test-utils = []',
        'test_support = ["internal-checks"]',
        'internal-checks = []',
        'integration = []',
        'fake = []',
        'testing = []',
        'mocks = []',
        'unused = []',
        'test = ["test-support"]',
        'test-support = ["test", "test-util"]',
        'test-util = []',
        'mock = []',
        '',
      ].join('\n')),
      'app/Cargo.toml': pkg('app', [
        '[features]',
        'cli-mode = ["store/testing"]',
        'app-tests = ["store?/mocks"]',
        '[dependencies]',
        'store = { path = "../store" }',
        '[dev-dependencies]',
        'helper = { path = "../store", package = "store", features = ["integration"] }',
        '',
      ].join('\n')),
      'cli/Cargo.toml': pkg('cli', '[dependencies]\nstore = { path = "../store", features = ["fake"] }\n'),
    });
    // `test` and `test-support` turn each other on: a cycle of test features stays test-only.
    expect(factsOf(fs.realpathSync(root), 'store').testFeatures).toEqual(['integration', 'test', 'test-support', 'test-util', 'test-utils', 'test_support']);
    // Not: `mock` (default, through `metrics`), `fake` (a normal dependency's features), `testing` (app's non-test feature),
    // `mocks` (turned on by `app-tests`, whose name says nothing of tests), `unused` and `internal-checks` (not named
    // like test support and no dev-dependency turns them on: a user may).
  });
});

describe('FileAnalysis.tokio(features, node)', () => {
  const crate = (over: Partial<CrateFacts>): CrateFacts => ({ ...NO_MANIFEST, manifestPath: '/p/Cargo.toml', packageName: 'svc', packageRoot: '/p', ...over });
  const declared = { manifestPath: '/p/Cargo.toml', table: ['dependencies'], key: 'tokio' };
  const ask = (text: string, c: CrateFacts, features: string[] = [], file = '/p/src/lib.rs') => {
    const root = parseRust(text).root;
    const target = [...descendants(root)].find((n) => n.type === 'identifier' && text.slice(n.start, n.end) === 'target') ?? root;
    return new FileAnalysis(file, text, root, c).tokio(features, target);
  };

  it('missing features come back as a Cargo.toml change; `full` covers all', () => {
    const c = crate({ tokio: { status: 'usable', path: 'tokio', features: ['rt'], declaredIn: declared } });
    expect(ask('async fn f() { target(); }', c, ['time', 'rt'])).toEqual({ usable: true, path: 'tokio', manifestChange: { ...declared, addFeatures: ['time'] } });
    const full = crate({ tokio: { status: 'usable', path: 'tokio', features: ['full'], declaredIn: declared } });
    expect(ask('async fn f() { target(); }', full, ['time'])).toEqual({ usable: true, path: 'tokio' });
  });

  it('`rt-multi-thread` turns on `rt` (tokio\'s own feature table): no change adds it again', () => {
    const c = crate({ tokio: { status: 'usable', path: 'tokio', features: ['rt-multi-thread', 'macros'], declaredIn: declared } });
    expect(ask('async fn f() { target(); }', c, ['rt'])).toEqual({ usable: true, path: 'tokio' });
    expect(ask('async fn f() { target(); }', c, ['rt', 'sync'])).toEqual({ usable: true, path: 'tokio', manifestChange: { ...declared, addFeatures: ['sync'] } });
  });

  it('a declaration that cannot be edited: no fix rather than one that does not build', () => {
    const c = crate({ tokio: { status: 'usable', path: 'tokio', features: [] } });
    expect(ask('async fn f() { target(); }', c, ['time'])).toMatchObject({ usable: false, reason: expect.stringContaining('cannot be edited') });
  });

  it('a dev-dependency serves test code only: tests/, #[cfg(test)], #[test] fns', () => {
    const dev = { path: 'tokio', features: ['full'], declaredIn: { ...declared, table: ['dev-dependencies'] } };
    const c = crate({ tokio: { status: 'unusable', reason: 'tokio is not a dependency of svc' }, devTokio: dev });
    expect(ask('async fn f() { target(); }', c)).toEqual({ usable: false, reason: 'tokio is only a dev-dependency of svc, and this is not test code' });
    expect(ask('#[cfg(test)]\nmod tests {\n    async fn f() { target(); }\n}', c)).toEqual({ usable: true, path: 'tokio' });
    expect(ask('#[tokio::test]\nasync fn t() { target(); }', c)).toEqual({ usable: true, path: 'tokio' });
    expect(ask('async fn f() { target(); }', c, [], '/p/tests/it.rs')).toEqual({ usable: true, path: 'tokio' });
    expect(ask('#[cfg(not(test))]\nmod m { async fn f() { target(); } }', c).usable).toBe(false);
  });

  it("code behind a test-only feature is test code, but gets no dev-dependency: it is also built as a plain library", () => {
    const dev = { path: 'tokio', features: ['full'], declaredIn: { ...declared, table: ['dev-dependencies'] } };
    const c = crate({ tokio: { status: 'unusable', reason: 'tokio is not a dependency of svc' }, devTokio: dev, testFeatures: ['test-utils'] });
    const testCode = (text: string, facts = c) => {
      const root = parseRust(text).root;
      const target = [...descendants(root)].find((n) => n.type === 'identifier' && text.slice(n.start, n.end) === 'target')!;
      return new FileAnalysis('/p/src/lib.rs', text, root, facts).isTestCode(target);
    };
    for (const cfg of ['any(test, feature = "test-utils")', 'feature = "test-utils"', 'all(unix, feature = "test-utils")']) {
      expect(testCode(`#[cfg(${cfg})]\nasync fn f() { target(); }`)).toBe(true);
      expect(testCode(`#[cfg(${cfg})]\nimpl S { async fn f() { target(); } }`)).toBe(true);
      expect(testCode(`#[cfg(${cfg})]\nmod m { async fn f() { target(); } }`)).toBe(true);
      expect(testCode(`#[cfg(${cfg})]\nasync fn f() { target(); }`, { ...c, testFeatures: [] })).toBe(false);
    }
    expect(testCode('#[cfg(any(test, unix))]\nasync fn f() { target(); }')).toBe(false);
    expect(testCode('#[cfg(any(test, feature = "metrics"))]\nasync fn f() { target(); }')).toBe(false);
    expect(testCode('#[cfg(not(feature = "test-utils"))]\nasync fn f() { target(); }')).toBe(false);
    expect(ask('#[cfg(any(test, feature = "test-utils"))]\nmod testing { async fn f() { target(); } }', c)).toEqual({
      usable: false,
      reason: 'tokio is only a dev-dependency of svc, and this test-support code is also built without `cfg(test)` (behind a test-only feature), where dev-dependencies are not',
    });
    expect(ask('#[cfg(any(test, feature = "test-utils"))]\nmod testing { #[cfg(test)] mod tests { async fn f() { target(); } } }', c)).toEqual({ usable: true, path: 'tokio' });
    expect(ask('#[cfg(all(test, feature = "test-utils"))]\nasync fn f() { target(); }', c)).toEqual({ usable: true, path: 'tokio' });
  });

  it('test code adds missing features to the dev-dependency', () => {
    const c = crate({
      tokio: { status: 'usable', path: 'tokio', features: ['rt'], declaredIn: declared },
      devTokio: { path: 'tokio', features: ['macros'], declaredIn: { ...declared, table: ['dev-dependencies'] } },
    });
    expect(ask('#[cfg(test)]\nmod tests { async fn f() { target(); } }', c, ['time'])).toMatchObject({ manifestChange: { table: ['dev-dependencies'], addFeatures: ['time'] } });
    expect(ask('async fn f() { target(); }', c, ['time'])).toMatchObject({ manifestChange: { table: ['dependencies'], addFeatures: ['time'] } });
  });

  it('an optional tokio is usable only behind a cfg(feature) that enables it', () => {
    const c = crate({ tokio: { status: 'optional', enabledBy: ['rt'], path: 'tokio', features: ['full'], declaredIn: declared } });
    expect(ask('async fn f() { target(); }', c)).toEqual({
      usable: false,
      reason: 'tokio is an optional dependency of svc and this code is not behind `#[cfg(feature = "rt")]`',
    });
    expect(ask('#[cfg(feature = "rt")]\nasync fn f() { target(); }', c)).toEqual({ usable: true, path: 'tokio' });
    expect(ask('#[cfg(all(unix, feature = "rt"))]\nmod m { async fn f() { target(); } }', c).usable).toBe(true);
    expect(ask('#[cfg(any(feature = "rt", feature = "other"))]\nasync fn f() { target(); }', c).usable).toBe(false);
    expect(ask('#![cfg(feature = "rt")]\nasync fn f() { target(); }', c).usable).toBe(true);
  });

  it("tokio's own tests, benches and examples use the package itself (not its src/)", () => {
    // Seen in the corpus sweep: tokio-1.24.2/tests/*.rs got "tokio is not a dependency of tokio".
    const self_ = { ...crate({ tokio: { status: 'unusable', reason: 'tokio is not a dependency of tokio' } }), packageName: 'tokio' };
    expect(ask('async fn f() { target(); }', self_, ['time'], '/p/tests/rt.rs')).toEqual({ usable: true, path: 'tokio' });
    expect(ask('async fn f() { target(); }', self_, ['time'], '/p/src/lib.rs').usable).toBe(false);
  });

  it('tokio re-exported by another crate, renamed, or shadowed by a local item', () => {
    const none = crate({ tokio: { status: 'unusable', reason: 'tokio is not a dependency of svc' } });
    expect(ask('use runtime_support::tokio;\nasync fn f() { target(); }', none, ['time'])).toEqual({ usable: true, path: 'tokio' });
    expect(ask('pub use my_rt::tokio as rt;\nasync fn f() { target(); }', none)).toEqual({ usable: true, path: 'rt' });
    expect(ask('use common::{serde, tokio};\nasync fn f() { target(); }', none)).toEqual({ usable: true, path: 'tokio' });
    expect(ask('use common::{log, tokio::{self, time}};\nasync fn f() { target(); }', none)).toEqual({ usable: true, path: 'tokio' });
    expect(ask('mod rt { pub use common::tokio; }\nuse crate::rt::tokio;\nasync fn f() { target(); }', none)).toEqual({ usable: true, path: 'tokio' });
    // fs_err's `tokio` module is its own async fs API: never a tokio to write `tokio_fs::time::sleep` with.
    expect(ask('use fs_err::tokio as tokio_fs;\nasync fn f() { target(); }', none).usable).toBe(false);
    // A direct dependency wins over a re-export.
    const direct = crate({ tokio: { status: 'usable', path: 'tokio', features: ['full'] } });
    expect(ask('use common::tokio as rt;\nasync fn f() { target(); }', direct)).toEqual({ usable: true, path: 'tokio' });
    const renamed = crate({ tokio: { status: 'usable', path: 'rt', features: ['full'] } });
    expect(ask('async fn f() { target(); }', renamed)).toEqual({ usable: true, path: 'rt' });
    const plain = crate({ tokio: { status: 'usable', path: 'tokio', features: ['full'] } });
    expect(ask('mod tokio {}\nasync fn f() { target(); }', plain)).toEqual({ usable: true, path: '::tokio' });
  });
});
