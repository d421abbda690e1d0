/**
 * Where user code called into the shims, read from a structured stack trace.
 *
 * Native threads need two facts from the stack: which module named a
 * relative module target (so it resolves against that module, not the
 * current directory), and whether a shareable object is being created by a
 * module's top-level code (so a new thread re-running that code can be
 * given the same object). Frames of green-loader itself and of Node's
 * internals are skipped; the first frame left is the user's.
 *
 * A module's top-level code is the frame of an anonymous "function" whose
 * body starts at line 1, column 1: V8 reports an ES module body and a
 * CommonJS module wrapper that way, and no function written in a file can
 * start there (the loader's one-line prologue, when present, does). After a
 * top-level `await` resumes, the body is still the bottom user frame.
 * Capturing is bounded (`limit` frames) to keep a runtime `new Lock()`
 * cheap: a creation nested deeper than that below a module body counts as a
 * runtime one, in every thread alike.
 *
 * @module
 */
import { builtin } from '../../runtime/builtin.js';

/**
 * The first user frame of a stack.
 *
 * @example
 * const site: UserSite = { url: 'file:///app/main.mjs', line: 3, column: 14, moduleLevel: true };
 */
export interface UserSite {
  /** The frame's module, as a URL (`file:` for a CommonJS path too). */
  url: string;
  line: number;
  column: number;
  /** Whether a module's top-level code is on the stack below (within the captured frames). */
  moduleLevel: boolean;
}

/** green-loader's own build directories: frames there are not the user's. */
const LIBRARY = ['../', '../../runtime/', '../../loader/', '../../monkey/'].map((dir) => new URL(dir, import.meta.url).href);

function toUrl(file: string): string {
  return file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file) ? builtin('node:url').pathToFileURL(file).href : file;
}

function isInternal(url: string): boolean {
  return url.startsWith('node:') || LIBRARY.some((dir) => url.startsWith(dir));
}

function isModuleBody(frame: NodeJS.CallSite): boolean {
  const site = frame as NodeJS.CallSite & { getEnclosingLineNumber?(): number; getEnclosingColumnNumber?(): number };
  return frame.getFunctionName() === null && site.getEnclosingLineNumber?.() === 1 && site.getEnclosingColumnNumber?.() === 1;
}

function captureFrames(above: Function, limit: number): NodeJS.CallSite[] {
  const holder: { stack?: unknown } = {};
  const { prepareStackTrace, stackTraceLimit } = Error;
  Error.stackTraceLimit = limit;
  Error.prepareStackTrace = (_error, frames) => frames;
  try {
    Error.captureStackTrace(holder, above);
    return holder.stack as NodeJS.CallSite[];
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * The first frame below `above` that is neither green-loader's nor Node's,
 * or `null` (no user frame within `limit` frames).
 *
 * @example
 * const site = userSite(shareAtSite); // where `new Lock()` was written
 */
export function userSite(above: Function, limit = 10): UserSite | null {
  const frames = captureFrames(above, limit);
  for (let i = 0; i < frames.length; i++) {
    const file = frames[i]!.getFileName();
    if (!file) continue;
    const url = toUrl(file);
    if (isInternal(url)) continue;
    let moduleLevel = false;
    for (let j = i; j < frames.length && !moduleLevel; j++) {
      const below = frames[j]!.getFileName();
      moduleLevel = !!below && !isInternal(toUrl(below)) && isModuleBody(frames[j]!);
    }
    return { url, line: frames[i]!.getLineNumber() ?? 0, column: frames[i]!.getColumnNumber() ?? 0, moduleLevel };
  }
  return null;
}
