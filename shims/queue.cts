/**
 * The CommonJS `queue` facade: what `require('queue')` resolves to under the
 * loader (and the "require" condition of `green-loader/queue`). Its
 * properties read the current exports from the facade registry, so CommonJS
 * code sees patches and unpatches like ES modules do.
 *
 * @example
 * const queue = require('green-loader/queue');
 *
 * @module
 */
import type Facade = require('./queue.js');
import live = require('./shared/live-exports.cjs');

export = live.liveExports<typeof Facade>('queue', `${__dirname}/queue.js`);
