/**
 * green-loader/shims: TypeScript declarations for the bare specifiers the
 * loader resolves (`threading`, `thread`, `queue`, `time`), so an app written as
 * Python writes it type-checks. Opt in with one line, either in tsconfig.json
 * (`"types": ["green-loader/shims"]`, next to any other types you list) or in
 * one source file (a triple-slash reference, as below).
 *
 * Each bare module has the types of its facade (`green-loader/threading`, …).
 * These are ambient declarations: they win over a real installed package of
 * the same name, so do not opt in if your app uses one (the loader itself
 * leaves such a package alone).
 *
 * This file is a script, not a module (no top-level import or export), so
 * its `declare module` blocks declare the bare modules rather than augment
 * existing ones.
 *
 * @example
 * /// <reference types="green-loader/shims" />
 * import * as threading from 'threading';
 * const lock: threading.Lock = new threading.Lock();
 */

declare module 'threading' {
  export * from 'green-loader/threading';
}

declare module 'thread' {
  export * from 'green-loader/thread';
}

declare module 'time' {
  export * from 'green-loader/time';
}

declare module 'queue' {
  export * from 'green-loader/queue';
}
