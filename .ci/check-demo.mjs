// Check the seed demo's output on stdin: `... | node .ci/check-demo.mjs native|green`.
// The checks are test/demo-output.ts's (built into dist/ by `npm test`), the same ones
// test/article-demo.test.ts makes; this runs them on the demo started from an installed package.
import { text } from 'node:stream/consumers';
import { assertGreenDemo, assertNativeDemo, parseDemo } from '../dist/test/demo-output.js';

const checks = { native: assertNativeDemo, green: assertGreenDemo };
const mode = process.argv[2];
if (!Object.hasOwn(checks, mode)) {
  console.error(`usage: node .ci/check-demo.mjs native|green < demo-output (got ${JSON.stringify(mode)})`);
  process.exit(2);
}
const stdout = await text(process.stdin);
try {
  checks[mode](stdout);
} catch (error) {
  console.error(`the ${mode} demo printed:\n${stdout}`);
  throw error;
}
const { main, threads } = parseDemo(stdout);
const ids = [...threads].map(([n, pairs]) => `thread ${n}: ${[...pairs].join(', ')}`).join('; ');
console.log(`ok ${mode}: main ${main.ident} ${main.nativeId}; ${ids}`);
