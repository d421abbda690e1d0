/**
 * The CommonJS `time` facade: what `require('time')` resolves to under the
 * loader (and the "require" condition of `green-loader/time`). Its
 * properties read the current exports from the facade registry, so CommonJS
 * code sees patches and unpatches like ES modules do.
 *
 * @example
 * const time = require('green-loader/time');
 *
 * @module
 */
import type Facade = require('./time.js');
import live = require('./shared/live-exports.cjs');

export = live.liveExports<typeof Facade>('time', `${__dirname}/time.js`);
