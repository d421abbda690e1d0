/**
 * The error classes: stable name and code, Error/GreenError inheritance,
 * default messages (Python's where Python has one) and cause passing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Empty, Full, GreenError, GreenletExit, InvalidState, LockError, LoopExit, ShutDown } from '../runtime/errors.js';

const cases = [
  [GreenletExit, 'GreenletExit', 'ERR_GREEN_GREENLET_EXIT', 'GreenletExit'],
  [Full, 'Full', 'ERR_GREEN_QUEUE_FULL', 'queue is full'],
  [Empty, 'Empty', 'ERR_GREEN_QUEUE_EMPTY', 'queue is empty'],
  [ShutDown, 'ShutDown', 'ERR_GREEN_QUEUE_SHUTDOWN', 'queue is shut down'],
] as const;

test('errors with a default message: name, code, message, inheritance', () => {
  for (const [Cls, name, code, message] of cases) {
    const e = new Cls();
    assert.ok(e instanceof Error && e instanceof GreenError && e instanceof Cls, name);
    assert.equal(e.name, name);
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    assert.match(String(e), new RegExp(`^${name}: `));
    assert.match(e.stack ?? '', new RegExp(`^${name}: ${message}`));
    assert.equal(new Cls('custom').message, 'custom');
    assert.equal(Object.hasOwn(e, 'name'), false, 'name lives on the prototype');
  }
});

test('errors that take a message: LoopExit, LockError, InvalidState', () => {
  for (const [Cls, name, code] of [
    [LoopExit, 'LoopExit', 'ERR_GREEN_LOOP_EXIT'],
    [LockError, 'LockError', 'ERR_GREEN_LOCK'],
    [InvalidState, 'InvalidState', 'ERR_GREEN_INVALID_STATE'],
  ] as const) {
    const e = new Cls('release unlocked lock');
    assert.ok(e instanceof GreenError);
    assert.equal(e.name, name);
    assert.equal(e.code, code);
    assert.equal(e.message, 'release unlocked lock');
  }
});

test('GreenError carries a code and an optional cause', () => {
  const cause = new Error('root');
  const e = new GreenError('wrapped', 'ERR_GREEN_TEST', { cause });
  assert.equal(e.name, 'GreenError');
  assert.equal(e.code, 'ERR_GREEN_TEST');
  assert.equal(e.cause, cause);
  assert.equal(new GreenError('plain', 'ERR_X').cause, undefined);
});

test('names are stable and assignable on an instance', () => {
  const e = new Full();
  e.name = 'Renamed';
  assert.equal(e.name, 'Renamed');
  assert.equal(new Full().name, 'Full');
});
