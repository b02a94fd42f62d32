// Preloaded into a benchmarked CLI run (`node --import`): writes the process's
// peak resident set size in KiB to the file named by BENCH_RSS_FILE on exit.
import fs from 'node:fs';

process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
