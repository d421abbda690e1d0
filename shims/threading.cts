/**
 * The CommonJS `threading` facade: what `require('threading')` resolves to under the
 * loader (and the "require" condition of `green-loader/threading`). Its
 * properties read the ES facade's live bindings, so CommonJS code sees patches
 * and unpatches like ES modules do.
 *
 * @example
 * const threading = require('green-loader/threading');
 *
 * @module
 */
import facade = require('./threading.js');
import live = require('./live-exports.cjs');

export = live.liveExports(facade);
