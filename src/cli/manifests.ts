import path from 'node:path';
import type { ManifestChange } from '../analysis/file-analysis.js';
import { addDependencyFeatures } from '../analysis/manifest-edit.js';
import { readTextExact } from '../engine/regular-file.js';
import type { FileReport } from './types.js';


/**
 * Turns the Cargo.toml changes that applied fixes need into file reports of
 * their own, so a manifest is diffed, guarded, written and rolled back like
 * any source file. `owner` ties each manifest to a package for --verify.
 */
export function manifestReports(changes: { change: ManifestChange; owner: string }[], cwd: string): FileReport[] {
  const byManifest = new Map<string, { text: string; digest: string; newText: string; owner: string; errors: string[] }>();
  for (const { change, owner } of changes) {
    let entry = byManifest.get(change.manifestPath);
    if (!entry) {
      const read = readTextExact(change.manifestPath);
      entry = 'error' in read
        ? { text: '', digest: '', newText: '', owner, errors: [`could not add tokio features: ${read.error}`] }
        : { text: read.text, digest: read.digest, newText: read.text, owner, errors: [] };
      byManifest.set(change.manifestPath, entry);
    }
    if (entry.errors.length) continue;
    const r = addDependencyFeatures(entry.newText, change);
    if ('text' in r) entry.newText = r.text;
    else entry.errors.push(`could not add tokio features ${change.addFeatures.join(', ')}: ${r.error}`);
  }
  return [...byManifest].map(([absolute, e]) => ({
    absolute,
    relative: path.basename(absolute),
    display: path.relative(cwd, absolute) || absolute,
    findings: [],
    text: e.text,
    digest: e.digest,
    newText: e.newText,
    written: false,
    errors: e.errors,
    manifestOwner: e.owner,
  }));
}

/** What a fix's Cargo.toml change looks like on top of the changes accepted so far (for the review). */
export class ManifestPreview {
  /** Each manifest's text with the accepted changes applied. */
  private texts = new Map<string, string>();

  /** The manifest text before and after adding `change` to what was accepted. */
  preview(change: ManifestChange): { before: string; after: string } {
    const before = this.current(change.manifestPath);
    const r = addDependencyFeatures(before, change);
    return { before, after: 'text' in r ? r.text : before };
  }

  accept(change: ManifestChange): void {
    this.texts.set(change.manifestPath, this.preview(change).after);
  }

  private current(manifestPath: string): string {
    const read = this.texts.get(manifestPath) ?? readTextExact(manifestPath);
    return typeof read === 'string' ? read : 'text' in read ? read.text : '';
  }
}
