/** Exit codes a shell gives a process killed by these signals (128 + signal number). */
const EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Ctrl-C and SIGTERM. Before any write there is nothing to protect: the run
 * stops at once. While files are being written, the signal is noted and the
 * writer stops between groups, so every file is either as it was or fully
 * fixed and no temp file is left (a group is written synchronously, so no
 * handler can run in the middle of one).
 */
export class Interrupt {
  signal: NodeJS.Signals | null = null;
  private writing = false;
  private readonly handler = (signal: NodeJS.Signals) => {
    this.signal = signal;
    if (this.writing) return;
    process.stderr.write(`\nasync-fix: interrupted (${signal}); no file was written\n`);
    process.exit(this.exitCode);
  };

  constructor() {
    for (const s of Object.keys(EXIT_CODES)) process.on(s, this.handler);
  }

  get exitCode(): number {
    return this.signal ? EXIT_CODES[this.signal] : 0;
  }

  /** From here on a signal waits for the group being written. */
  startWriting(): void {
    this.writing = true;
  }

  /** Lets a pending signal's handler run (between files, between groups). */
  async poll(): Promise<boolean> {
    await new Promise((resolve) => setImmediate(resolve));
    return this.signal !== null;
  }

  dispose(): void {
    for (const s of Object.keys(EXIT_CODES)) process.off(s, this.handler);
  }
}
