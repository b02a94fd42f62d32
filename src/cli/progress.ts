/**
 * One self-overwriting status line on stderr (`checking 120/480 files,
 * 310 files/s, 0.4 s`), only when stderr is a terminal: piped or redirected
 * output, --quiet, --verbose and the JSON format get none. Redrawn at most
 * ten times a second, and erased before anything else is printed.
 */
export class Progress {
  private name = '';
  private total = 0;
  private count = 0;
  private started = 0;
  private drawn = 0;
  private visible = false;
  private readonly on: boolean;

  constructor(
    private readonly out: NodeJS.WriteStream,
    wanted: boolean,
  ) {
    this.on = wanted && !!out.isTTY;
  }

  /** Starts counting a new phase; `total` 0 when it is not known up front. */
  phase(name: string, total: number): void {
    this.name = name;
    this.total = total;
    this.count = 0;
    this.started = performance.now();
    this.drawn = 0;
  }

  tick(): void {
    this.count++;
    if (!this.on) return;
    const now = performance.now();
    if (now - this.drawn < 100 && this.count !== this.total) return;
    this.drawn = now;
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? Math.round(this.count / elapsed) : 0;
    const of = this.total ? `${this.count}/${this.total}` : `${this.count}`;
    const line = `${this.name} ${of} files, ${rate} files/s, ${elapsed.toFixed(1)} s`;
    this.out.write(`\r\x1b[K${line.slice(0, Math.max(10, (this.out.columns || 80) - 1))}`);
    this.visible = true;
  }

  /** Erases the line. */
  done(): void {
    if (this.visible) this.out.write('\r\x1b[K');
    this.visible = false;
  }
}
