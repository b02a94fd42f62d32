import type { SyntaxNode } from '../engine/parse.js';

/** Text access and 1-based line/column positions (columns count Unicode scalar values, as rustc does). */
export class SourceText {
  private lineStarts: number[] | null = null;

  constructor(readonly text: string) {}

  of(node: SyntaxNode | { start: number; end: number }): string {
    return this.text.slice(node.start, node.end);
  }

  position(offset: number): { line: number; column: number } {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    // rustc does not count a byte-order mark as a column.
    const from = starts[lo] === 0 && this.text.charCodeAt(0) === 0xfeff ? 1 : starts[lo];
    if (offset <= from) return { line: lo + 1, column: 1 };
    // A low surrogate continues the previous scalar. Counted by search, not by
    // scanning the line: a generated file may be one line of megabytes.
    const surrogates = this.lowSurrogates();
    return { line: lo + 1, column: 1 + offset - from - (countBelow(surrogates, offset) - countBelow(surrogates, from)) };
  }

  /** The whitespace that starts the line holding `offset`. */
  indentAt(offset: number): string {
    const start = this.starts()[this.position(offset).line - 1];
    return /^[ \t]*/.exec(this.text.slice(start))![0];
  }

  /** The file's own line ending, so inserted lines match CRLF files. */
  get eol(): string {
    return this.text.includes('\r\n') ? '\r\n' : '\n';
  }

  private lowSurrogates(): number[] {
    if (!this.surrogateOffsets) {
      const found: number[] = [];
      for (let i = 0; i < this.text.length; i++) {
        const c = this.text.charCodeAt(i);
        if (c >= 0xdc00 && c <= 0xdfff) found.push(i);
      }
      this.surrogateOffsets = found;
    }
    return this.surrogateOffsets;
  }

  private surrogateOffsets: number[] | null = null;

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

/** How many of the ascending `sorted` are below `limit`. */
function countBelow(sorted: readonly number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
