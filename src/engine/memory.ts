import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | null | undefined;

/**
 * A full garbage collection now. Between two passes over a large file the
 * last pass's tree is garbage, hundreds of MB of it, but V8 grows its heap
 * rather than collect it before the next tree is built, so the two would
 * sit in memory together. Has no effect on results; where the runtime
 * refuses to expose the collector, it does nothing.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
