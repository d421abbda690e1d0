#!/usr/bin/env node
/**
 * The `green-run` bin: `green-run [--no-thread] [--no-time] [--patch=LIST]
 * script.js [args…]` runs `node --import <this package's preload> script
 * args…` with GREEN_PATCH set, inheriting stdio and ending with the child's
 * exit code (or signal). The counterpart of `python -m gevent.monkey`.
 *
 * @example
 * // green-run --no-time server.js --port 8080
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { ConfigError } from './config.js';
import { debugLog } from './debug-log.js';
import { parseGreenRunArgs, USAGE, UsageError, type GreenRunRequest } from './green-run-args.js';

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The request, or exit with a message: 2 for usage mistakes, 1 for a bad patch list. */
function requestOrExit(): GreenRunRequest {
  try {
    return parseGreenRunArgs(process.argv.slice(2), process.env.GREEN_PATCH);
  } catch (error) {
    if (error instanceof ConfigError) {
      debugLog(true)(error.message);
      process.exit(1);
    }
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`green-run: ${error.message}\nTry 'green-run --help'.\n`);
    process.exit(2);
  }
}

const request = requestOrExit();
if (request.kind === 'help') {
  process.stdout.write(`${USAGE}\n`);
} else {
  const preload = new URL('./preload.js', import.meta.url).href;
  const child = spawn(process.execPath, ['--import', preload, request.script, ...request.args], {
    stdio: 'inherit',
    env: { ...process.env, GREEN_PATCH: request.patch },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  child.on('exit', (code, signal) => {
    for (const s of FORWARDED_SIGNALS) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}
