/**
 * Node's builtin modules, fetched when first needed instead of imported.
 *
 * A static `import … from 'node:fs'` makes Node build the builtin's ES module
 * view, which reads every export (and so runs lazy getters such as
 * `fs.promises`): ~32 M instructions for `node:fs`, ~18 M for `node:util`,
 * on top of loading the builtin itself. The preload and the green path run
 * before the app's first line in every `node` a container starts with
 * NODE_OPTIONS, so they take builtins through {@link builtin} (the CommonJS
 * object, no ES view), and only at the moment a function needs one.
 *
 * @module
 */
import { createRequire } from 'node:module';

let requireBuiltin: ((id: string) => unknown) | undefined;

/** The builtins green-loader takes this way, by id. */
interface Builtins {
  'node:async_hooks': typeof import('node:async_hooks');
  'node:fs': typeof import('node:fs');
  'node:module': typeof import('node:module');
  'node:os': typeof import('node:os');
  'node:path': typeof import('node:path');
  'node:url': typeof import('node:url');
  'node:util': typeof import('node:util');
  'node:worker_threads': typeof import('node:worker_threads');
}

/**
 * A builtin module's exports object, without an ES module view
 * (`process.getBuiltinModule`, or `require` on Node versions before it).
 *
 * @example
 * builtin('node:fs').writeSync(2, 'hello\n');
 */
export function builtin<ID extends keyof Builtins>(id: ID): Builtins[ID] {
  // Absent before Node 20.16 / 22.3.
  const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  return (get ? get(id) : (requireBuiltin ??= createRequire(import.meta.url))(id)) as Builtins[ID];
}
