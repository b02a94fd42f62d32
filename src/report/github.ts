import type { RunReport } from '../cli/types.js';

/**
 * `--format github`: GitHub Actions workflow commands, one per finding
 * (`::warning file=..,line=..,col=..,endLine=..,endColumn=..,title=<rule>::<message>`)
 * and one `::error` per file error, so each shows as an annotation on the
 * pull request's diff. Paths are relative to the working directory, which
 * in a workflow is the repository root.
 */
export function renderGithub(run: RunReport): string {
  const out: string[] = [];
  for (const f of run.files) {
    const file = f.display.split('\\').join('/');
    for (const x of f.findings) {
      const props = { file, line: x.line, col: x.column, endLine: x.endLine, endColumn: x.endColumn, title: `async-fix ${x.rule}` };
      out.push(`::warning ${properties(props)}::${data(`${x.message} [fix: ${x.fix}]`)}`);
    }
    for (const e of f.errors) out.push(`::error ${properties({ file, title: 'async-fix error' })}::${data(e)}`);
  }
  return out.length ? out.join('\n') + '\n' : '';
}

function properties(p: Record<string, string | number>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${property(String(v))}`)
    .join(',');
}

/** The escapes the runner undoes (actions/toolkit's command.ts): `%`, CR and LF everywhere, `:` and `,` in properties too. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
