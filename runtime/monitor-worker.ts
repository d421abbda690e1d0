/**
 * The blocking monitor's watchdog, run in a worker thread by
 * `startMonitor` (monitor.ts): it polls the heartbeat the watched thread bumps,
 * and when the heartbeat has stopped for longer than `maxBlockingTime` it
 * pauses the watched thread through the inspector, reads the running
 * greenlet and the stack, resumes it, and writes the report to stderr.
 *
 * Everything here runs in the worker; nothing is exported.
 *
 * @module
 */
import { writeSync } from 'node:fs';
import { Session, type Debugger } from 'node:inspector';
import { workerData } from 'node:worker_threads';
import { PROBE, type MonitorSetup } from './monitor-setup.js';

const { beats, maxBlockingTime, period } = workerData as MonitorSetup;
const counter = new Int32Array(beats);
const FRAMES = 20;

let lastCount = Atomics.load(counter, 0);
let lastChange = performance.now();
let reported = false; // the current block was reported: say when it ends, once

function write(text: string): void {
  writeSync(2, text);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/** Post a command on the session and resolve its result (or reject its error). */
function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

/** Pause the watched thread, read the greenlet and stack, resume it; null when the block ended first. */
async function capture(count: number): Promise<{ greenlet: string; stack: string } | null> {
  const session = new Session();
  session.connectToMainThread();
  const urls = new Map<string, string>();
  session.on('Debugger.scriptParsed', (message) => urls.set(message.params.scriptId, message.params.url));
  const paused = new Promise<Debugger.CallFrame[]>((resolve) => session.once('Debugger.paused', (message) => resolve(message.params.callFrames)));
  try {
    await post(session, 'Debugger.enable');
    await post(session, 'Debugger.pause');
    const frames = await paused;
    try {
      // The thread turned between the check and the pause: this stack is not the block's.
      if (Atomics.load(counter, 0) !== count) return null;
      const top = frames[0];
      const probe = top
        ? await post<{ result: { value?: unknown } }>(session, 'Debugger.evaluateOnCallFrame', {
            callFrameId: top.callFrameId,
            expression: `globalThis[Symbol.for(${JSON.stringify(PROBE)})]?.() ?? null`,
            returnByValue: true,
            silent: true,
          })
        : null;
      const value = probe?.result.value;
      const who = typeof value === 'string' ? (JSON.parse(value) as { name: string; spawnSite: string | null }) : null;
      const greenlet = who ? `greenlet ${who.name}${who.spawnSite ? ` (spawned at ${who.spawnSite})` : ''}` : 'no greenlet (main code)';
      const stack = frames
        .slice(0, FRAMES)
        .map((f) => `    at ${f.functionName || '<anonymous>'} (${urls.get(f.location.scriptId) || '<unknown>'}:${f.location.lineNumber + 1}:${(f.location.columnNumber ?? 0) + 1})`)
        .join('\n');
      return { greenlet, stack };
    } finally {
      await post(session, 'Debugger.resume');
    }
  } finally {
    await post(session, 'Debugger.disable').catch(() => {});
    session.disconnect();
  }
}

async function report(count: number, blockedMs: number): Promise<void> {
  write(`green-loader monitor: the event loop has not turned for ${seconds(blockedMs)} s (maxBlockingTime ${maxBlockingTime} s); taking its stack\n`);
  let found: Awaited<ReturnType<typeof capture>>;
  try {
    found = await capture(count);
  } catch (error) {
    write(`green-loader monitor: no stack (${String((error as Error)?.message ?? error)})\n`);
    return;
  }
  if (found) write(`green-loader monitor: blocked in ${found.greenlet}\n${found.stack}\n`);
  else write('green-loader monitor: the block ended before its stack could be taken\n');
}

let capturing = false;

function check(): void {
  if (capturing) return; // the report of this block comes first, then its end
  const count = Atomics.load(counter, 0);
  const now = performance.now();
  if (count !== lastCount) {
    if (reported) write(`green-loader monitor: the event loop turned again after about ${seconds(now - lastChange)} s\n`);
    reported = false;
    lastCount = count;
    lastChange = now;
    return;
  }
  const blockedMs = now - lastChange;
  // The heartbeat and this poll each lag by up to a period: only a longer silence is a block.
  if (reported || blockedMs < (maxBlockingTime + 2 * period) * 1000) return;
  reported = true;
  capturing = true;
  void report(count, blockedMs).finally(() => (capturing = false));
}

setInterval(check, period * 1000);
