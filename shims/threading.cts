/**
 * The CommonJS `threading` facade: what `require('threading')` resolves to under the
 * loader (and the "require" condition of `green-loader/threading`). Its
 * properties read the current exports from the facade registry, so CommonJS
 * code sees patches and unpatches like ES modules do.
 *
 * @example
 * const threading = require('green-loader/threading');
 *
 * @module
 */
import type Facade = require('./threading.js');
import live = require('./shared/live-exports.cjs');

export = live.liveExports<typeof Facade>('threading', `${__dirname}/threading.js`);
