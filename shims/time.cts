/**
 * The CommonJS `time` facade: what `require('time')` resolves to under the
 * loader (and the "require" condition of `green-loader/time`). Its
 * properties read the ES facade's live bindings, so CommonJS code sees patches
 * and unpatches like ES modules do.
 *
 * @example
 * const time = require('green-loader/time');
 *
 * @module
 */
import facade = require('./time.js');
import live = require('./live-exports.cjs');

export = live.liveExports(facade);
