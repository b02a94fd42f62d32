import { describe, expect, it } from 'vitest';
import { addDependencyFeatures } from '../src/analysis/manifest-edit.js';

const add = (text: string, table: string[], key = 'tokio', addFeatures = ['time']) => addDependencyFeatures(text, { table, key, addFeatures });
const DEPS = ['dependencies'];

describe('addDependencyFeatures keeps everything but the one change', () => {
  it('turns a version string into an inline table', () => {
    expect(add('[dependencies]\ntokio = "1.24" # pinned\nserde = "1"\n', DEPS)).toEqual({
      text: '[dependencies]\ntokio = { version = "1.24", features = ["time"] } # pinned\nserde = "1"\n',
    });
  });

  it('appends to an inline table\'s features array, single- and multi-line, with a trailing comma', () => {
    expect(add('[dependencies]\ntokio = { version = "1", features = ["rt"] }\n', DEPS)).toEqual({ text: '[dependencies]\ntokio = { version = "1", features = ["rt", "time"] }\n' });
    const multi = '[dependencies]\ntokio = { version = "1", features = [\n    "rt",\n    "macros", # why\n] }\n';
    expect(add(multi, DEPS)).toEqual({ text: multi.replace('"macros",', '"macros", "time",') });
    expect(add('[dependencies]\ntokio = { version = "1", features = [] }\n', DEPS)).toEqual({ text: '[dependencies]\ntokio = { version = "1", features = ["time"] }\n' });
  });

  it('adds a features key to an inline table without one', () => {
    expect(add('[dependencies]\ntokio = { version = "1", default-features = false }\n', DEPS)).toEqual({
      text: '[dependencies]\ntokio = { version = "1", default-features = false, features = ["time"] }\n',
    });
    expect(add('[dependencies]\ntokio = { workspace = true }\n', DEPS)).toEqual({ text: '[dependencies]\ntokio = { workspace = true, features = ["time"] }\n' });
  });

  it('edits a [dependencies.tokio] table, with or without features', () => {
    const withFeatures = '[dependencies.tokio]\nversion = "1"\nfeatures = ["rt"]\n\n[dev-dependencies]\n';
    expect(add(withFeatures, DEPS)).toEqual({ text: withFeatures.replace('["rt"]', '["rt", "time"]') });
    const without = '[dependencies.tokio]\nversion = "1"\n# comment\n\n[features]\n';
    expect(add(without, DEPS)).toEqual({ text: '[dependencies.tokio]\nversion = "1"\nfeatures = ["time"]\n# comment\n\n[features]\n' });
  });

  it('edits dotted keys', () => {
    expect(add('[dependencies]\ntokio.version = "1"\ntokio.features = ["rt"]\n', DEPS)).toEqual({ text: '[dependencies]\ntokio.version = "1"\ntokio.features = ["rt", "time"]\n' });
    expect(add('[dependencies]\ntokio.version = "1"\nserde = "1"\n', DEPS)).toEqual({ text: '[dependencies]\ntokio.version = "1"\ntokio.features = ["time"]\nserde = "1"\n' });
  });

  it('edits [workspace.dependencies], target tables, dev-dependencies and renamed keys', () => {
    expect(add('[workspace.dependencies]\ntokio = { version = "1" }\n', ['workspace', 'dependencies'])).toEqual({
      text: '[workspace.dependencies]\ntokio = { version = "1", features = ["time"] }\n',
    });
    expect(add("[target.'cfg(unix)'.dependencies]\ntokio = \"1\"\n", ['target', 'cfg(unix)', 'dependencies'])).toEqual({
      text: "[target.'cfg(unix)'.dependencies]\ntokio = { version = \"1\", features = [\"time\"] }\n",
    });
    expect(add('[dependencies]\nrt = { package = "tokio", version = "1" }\n', DEPS, 'rt')).toEqual({
      text: '[dependencies]\nrt = { package = "tokio", version = "1", features = ["time"] }\n',
    });
  });

  it('keeps CRLF line endings and does nothing when the features are there', () => {
    expect(add('[dependencies.tokio]\r\nversion = "1"\r\n', DEPS)).toEqual({ text: '[dependencies.tokio]\r\nversion = "1"\r\nfeatures = ["time"]\r\n' });
    const full = '[dependencies]\ntokio = { version = "1", features = ["time", "rt"] }\n';
    expect(add(full, DEPS)).toEqual({ text: full });
  });

  it('says why when it cannot edit', () => {
    expect(add('[dependencies]\nserde = "1"\n', DEPS)).toEqual({ error: 'no `tokio` entry in [dependencies]' });
    expect(add('[dependencies\n', DEPS)).toMatchObject({ error: expect.stringContaining('cannot parse') });
  });
});
