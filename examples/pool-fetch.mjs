// The greenlet toolkit without any loader: a Pool of 3 fetches 8 pages from a
// local server, each under a Timeout; the slow page (which the server never
// answers) is cut off, and its request aborted; the rest come back in
// completion order. Run: npm run build && node examples/pool-fetch.mjs
import { createServer } from 'node:http';
import { Pool, getCurrent, waitFor, withTimeout } from 'green-loader/runtime';

let slowAborted;
const aborted = new Promise((resolve) => (slowAborted = resolve));
const server = createServer((req, res) => {
  if (req.url === '/slow') {
    res.on('close', () => slowAborted(res.writableEnded ? 'answered' : 'aborted by the client'));
    return; // never answered: only the Timeout ends this fetch
  }
  setTimeout(() => res.end(`page ${req.url}`), 10 * Number(req.url.slice(1))).unref();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

async function fetchPage(path) {
  // The greenlet's signal aborts the request when the Timeout reaches it.
  const body = await withTimeout(2, async () => {
    const res = await waitFor(fetch(base + path, { signal: getCurrent().signal }));
    return waitFor(res.text());
  }, { timeoutValue: '(timed out)' });
  return `${path} -> ${body} [${getCurrent().name}]`;
}

const pool = new Pool(3);
for await (const line of pool.imapUnordered(fetchPage, ['/5', '/1', '/slow', '/3', '/2', '/8', '/4', '/6'])) {
  console.log(line);
}
console.log(`/slow on the server: ${await aborted}`);
server.close();
