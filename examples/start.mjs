// `npm start`: the article's demo twice, on real threads and then on greenlets.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const demo = fileURLToPath(new URL('./article-demo.mjs', import.meta.url));
const preload = new URL('../dist/loader/preload.js', import.meta.url).href;

for (const [header, patch] of [
  ['== native: GREEN_PATCH=none node --import green-loader examples/article-demo.mjs (one OS thread each)', 'none'],
  ['== green: node --import green-loader examples/article-demo.mjs (greenlets on one OS thread)', 'all'],
]) {
  console.log(header);
  const run = spawnSync(process.execPath, ['--import', preload, demo], {
    stdio: 'inherit',
    env: { ...process.env, GREEN_PATCH: patch },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  console.log();
}
