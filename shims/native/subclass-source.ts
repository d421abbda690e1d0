/**
 * Running a `Thread` subclass's `run()` in a native thread.
 *
 * The subclass's methods are main-thread code with closures, so they cannot
 * run elsewhere as they are. When a subclass overrides `run()`, every method
 * and accessor it (and each user class between it and the library class)
 * defines is sent as source text; the new thread rebuilds them as a
 * prototype chain (so `super.method()` works) on top of a bridge to the
 * thread's own `Thread` object (`this.name`, `this.ident`, `super.run()` …),
 * and `this` gets a structured-cloned copy of the instance's own fields.
 * Methods cannot use variables captured from their module, nor `#private`
 * members; static members are not sent.
 *
 * @module
 */
import { functionSource } from './function-source.js';

/**
 * The source of each user class level of `instance` (most derived first), or
 * `null` when none overrides `run()`. `library` holds the prototypes where
 * user code ends (Thread's, Timer's).
 *
 * @example
 * const levels = subclassLevels(thread, new Set([Thread.prototype]));
 */
export function subclassLevels(instance: object, library: ReadonlySet<object>): string[] | null {
  const levels: string[] = [];
  let overridesRun = false;
  for (let proto = Object.getPrototypeOf(instance); !library.has(proto); proto = Object.getPrototypeOf(proto)) {
    const members: string[] = [];
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (key === 'constructor') continue;
      overridesRun ||= key === 'run';
      for (const fn of [descriptor.value, descriptor.get, descriptor.set]) {
        if (typeof fn === 'function') members.push(functionSource(fn, `${proto.constructor.name}.${key}`));
      }
    }
    levels.push(`{\n${members.join(',\n')}\n}`);
  }
  return overridesRun ? levels : null;
}

/**
 * Rebuild a subclass instance in this thread: `levels` from
 * {@link subclassLevels} over a bridge to `thread`, with `fields` copied on.
 *
 * @example
 * const self = rebuildSubclass(job.levels, thread, job.fields);
 * await self.run();
 */
export function rebuildSubclass<T extends object>(levels: readonly string[], thread: T, fields: object): T {
  let proto: object = bridgeTo(thread);
  for (const level of [...levels].reverse()) {
    const members = new Function(`return (${level});`)() as object;
    proto = Object.setPrototypeOf(members, proto);
  }
  return Object.assign(Object.create(proto) as T, fields);
}

/** An object that inherits `thread`'s class and forwards its members to `thread`. */
function bridgeTo(thread: object): object {
  const bridge = Object.create(Object.getPrototypeOf(thread)) as object;
  for (let proto = Object.getPrototypeOf(thread); proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (key === 'constructor' || Object.hasOwn(bridge, key)) continue;
      const target = thread as Record<string, unknown>;
      Object.defineProperty(bridge, key, {
        configurable: true,
        ...(typeof descriptor.value === 'function'
          ? { value: (...args: unknown[]) => Reflect.apply(descriptor.value, thread, args) }
          : {
              get: () => target[key],
              set: (value: unknown) => {
                target[key] = value;
              },
            }),
      });
    }
  }
  return bridge;
}
