// The greenlet toolkit without any loader: a Pool of 3 fetches 8 pages from a
// local server, each under a Timeout; the slow page is cut off, the rest come
// back in completion order. Run: npm run build && node examples/pool-fetch.mjs
import { createServer } from 'node:http';
import { Pool, getCurrent, waitFor, withTimeout } from 'green-loader/runtime';

const server = createServer((req, res) => {
  const delay = req.url === '/slow' ? 2000 : 10 * Number(req.url.slice(1));
  setTimeout(() => res.end(`page ${req.url}`), delay).unref();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

async function fetchPage(path) {
  // The greenlet's signal aborts the request when the Timeout reaches it.
  const body = await withTimeout(0.5, async () => {
    const res = await waitFor(fetch(base + path, { signal: getCurrent().signal }));
    return waitFor(res.text());
  }, { timeoutValue: '(timed out)' });
  return `${path} -> ${body} [${getCurrent().name}]`;
}

const pool = new Pool(3);
for await (const line of pool.imapUnordered(fetchPage, ['/5', '/1', '/slow', '/3', '/2', '/8', '/4', '/6'])) {
  console.log(line);
}
server.close();
