/**
 * The CommonJS `thread` facade: what `require('thread')` resolves to under the
 * loader (and the "require" condition of `green-loader/thread`). Its
 * properties read the ES facade's live bindings, so CommonJS code sees patches
 * and unpatches like ES modules do.
 *
 * @example
 * const thread = require('green-loader/thread');
 *
 * @module
 */
import facade = require('./thread.js');
import live = require('./live-exports.cjs');

export = live.liveExports(facade);
