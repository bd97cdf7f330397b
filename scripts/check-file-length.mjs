// The web client (svelte components and their scripts) is outside ESLint's reach; this holds it to the same
// 400-line limit as ESLint's `max-lines` rule holds the rest (docs/architecture.md). Exit 1 names each file.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX_LINES = 400;
const files = execFileSync('git', ['ls-files', '-z', 'apps/web'], { encoding: 'utf8' })
  .split('\0')
  .filter((file) => /\.(svelte|ts|js|mjs)$/.test(file));
const tooLong = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_LINES) {
    tooLong.push(`${file}: ${lines} lines (at most ${MAX_LINES}); split it by feature`);
  }
}
if (tooLong.length > 0) {
  process.stderr.write(`${tooLong.join('\n')}\n`);
  process.exit(1);
}
