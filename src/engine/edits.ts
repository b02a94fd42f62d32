import MagicString from 'magic-string';
import type { Edit } from '../rule.js';

/**
 * Two edits conflict when they touch the same text, or insert at the same
 * point (their relative order would be arbitrary), or one inserts strictly
 * inside the other's replaced range.
 */
export function editsConflict(a: Edit, b: Edit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Keeps a maximal set of fixes whose edits do not conflict. Order decides:
 * callers pass fixes sorted by position then rule order, so the same input
 * always keeps the same fixes; the rest are returned as deferred.
 */
export function selectCompatible<T extends { edits: Edit[] }>(fixes: T[]): { accepted: T[]; deferred: { fix: T; blockedBy: T }[] } {
  const accepted: T[] = [];
  const deferred: { fix: T; blockedBy: T }[] = [];
  for (const fix of fixes) {
    const blocker = accepted.find((a) => a.edits.some((x) => fix.edits.some((y) => editsConflict(x, y))));
    if (blocker) deferred.push({ fix, blockedBy: blocker });
    else accepted.push(fix);
  }
  return { accepted, deferred };
}

/** Applies non-conflicting edits; bytes outside them are untouched. */
export function applyEdits(text: string, edits: Edit[]): string {
  const s = new MagicString(text);
  for (const e of edits) {
    if (e.start === e.end) s.appendLeft(e.start, e.text);
    else if (e.text === '') s.remove(e.start, e.end);
    else s.update(e.start, e.end, e.text);
  }
  return s.toString();
}

/** Maps offsets in the edited text back to the text before the edits. */
export class OffsetMap {
  private readonly sorted: Edit[];

  constructor(edits: Edit[]) {
    this.sorted = [...edits].sort((a, b) => a.start - b.start);
  }

  toOld(offset: number): number {
    let delta = 0;
    for (const e of this.sorted) {
      const newStart = e.start + delta;
      if (offset < newStart) break;
      if (offset < newStart + e.text.length) return e.start;
      delta += e.text.length - (e.end - e.start);
    }
    return offset - delta;
  }
}
