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
  const taken = new EditIndex<T>();
  for (const fix of fixes) {
    const blocker = taken.conflictWith(fix.edits);
    if (blocker) {
      deferred.push({ fix, blockedBy: blocker });
      continue;
    }
    accepted.push(fix);
    for (const e of fix.edits) taken.add(e, fix);
  }
  return { accepted, deferred };
}

/**
 * Accepted edits sorted by start, so a conflict check looks only at the
 * neighbours of a new edit: thousands of fixes in one generated file stay fast.
 */
class EditIndex<T> {
  private edits: { edit: Edit; owner: T }[] = [];
  private maxLength = 0;

  add(edit: Edit, owner: T): void {
    const i = this.lowerBound(edit.start);
    this.edits.splice(i, 0, { edit, owner });
    this.maxLength = Math.max(this.maxLength, edit.end - edit.start);
  }

  conflictWith(edits: Edit[]): T | undefined {
    for (const e of edits) {
      // Any conflicting edit starts before e.end (or at e.start for insertions); scan back from there.
      for (let i = this.lowerBound(e.end + 1) - 1; i >= 0; i--) {
        const other = this.edits[i];
        if (editsConflict(e, other.edit)) return other.owner;
        if (other.edit.start + this.maxLength < e.start) break; // it and every earlier edit end before e
      }
    }
    return undefined;
  }

  private lowerBound(start: number): number {
    let lo = 0;
    let hi = this.edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.edits[mid].edit.start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
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
  /** Start of each edit in the new text. */
  private readonly newStarts: number[];

  constructor(edits: Edit[]) {
    this.sorted = [...edits].sort((a, b) => a.start - b.start);
    this.newStarts = [];
    let delta = 0;
    for (const e of this.sorted) {
      this.newStarts.push(e.start + delta);
      delta += e.text.length - (e.end - e.start);
    }
  }

  /** The old offset, and whether `offset` lies in text an edit wrote (then the edit's old start). */
  toOld(offset: number): { offset: number; inserted: boolean } {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.newStarts[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1; // the last edit starting at or before offset
    if (i < 0) return { offset, inserted: false };
    const e = this.sorted[i];
    const newStart = this.newStarts[i];
    if (offset < newStart + e.text.length) return { offset: e.start, inserted: true };
    return { offset: offset - (newStart + e.text.length) + e.end, inserted: false };
  }
}
