/**
 * The CommonJS `thread` facade: what `require('thread')` resolves to under the
 * loader (and the "require" condition of `green-loader/thread`). Its
 * properties read the current exports from the facade registry, so CommonJS
 * code sees patches and unpatches like ES modules do.
 *
 * @example
 * const thread = require('green-loader/thread');
 *
 * @module
 */
import type Facade = require('./thread.js');
import live = require('./shared/live-exports.cjs');

export = live.liveExports<typeof Facade>('thread', `${__dirname}/thread.js`);
