// Internal to the build: what build/bundle-preload.mjs and
// build/bundle-green.mjs share. Both read tsc's output line by line (tsc
// prints every import and export on one line, top-level statements at column
// 0), so a few regular expressions are a faithful parser of it; anything
// they do not recognise is refused, never guessed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

export const REEXPORT = /^export\s+\{([^}]*)\}\s+from\s+'([^']+)';$/;
export const IMPORT = /^import\s+(?:\{([^}]*)\}|\*\s+as\s+(\w+)|(\w+))\s+from\s+'([^']+)';$/;

/** `a, b as c` → [['a', 'a'], ['b', 'c']] (exported name, local name). */
export function bindings(list) {
  return list.split(',').map((item) => item.trim()).filter(Boolean).map((item) => {
    const [name, local = name] = item.split(/\s+as\s+/);
    return [name, local];
  });
}

/** The module's lines (comments emptied), its relative imports and its builtin imports, parsed from tsc's output. */
export function parse(file, fail) {
  const lines = blankComments(readFileSync(file, 'utf8').split('\n'));
  const imports = [];
  lines.forEach((line, index) => {
    const re = REEXPORT.exec(line);
    if (re) {
      if (!re[2].startsWith('.')) fail(file, `re-exports a builtin or package (${re[2]})`);
      imports.push({ index, target: resolve(dirname(file), re[2]), named: bindings(re[1]), namespace: null, isDefault: false, reexport: true });
      return;
    }
    if (!/^import\b/.test(line)) return;
    const m = IMPORT.exec(line);
    if (!m) fail(file, `line ${index + 1}: an import the build does not understand: ${line}`);
    const [, named, namespace, fallback, specifier] = m;
    const target = specifier.startsWith('.') ? resolve(dirname(file), specifier) : specifier;
    if (!specifier.startsWith('.') && !specifier.startsWith('node:')) fail(file, `imports a package (${specifier})`);
    imports.push({ index, target, named: named ? bindings(named) : null, namespace: namespace ?? fallback ?? null, isDefault: Boolean(fallback) });
  });
  return { file, lines, imports };
}

/**
 * A module that imports nothing (tsc's output), as one expression that
 * evaluates it and gives its exports, for a generated file to hold a copy:
 * runtime/cached-script.ts in the combined files' ES modules.
 */
export function standalone(file, fail) {
  const lines = blankComments(readFileSync(file, 'utf8').split('\n'));
  const names = [];
  const body = lines.map((line, index) => {
    if (/^import\b/.test(line)) fail(file, `line ${index + 1}: imports (a copied module must import nothing)`);
    if (/^\/\/# sourceMappingURL=/.test(line) || /^export \{\s*\};$/.test(line)) return '';
    const m = /^export\s+(?:(?:async\s+)?function\*?\s+([\w$]+)|class\s+([\w$]+)|const\s+([\w$]+))/.exec(line);
    if (!m) {
      if (/^export\b/.test(line)) fail(file, `line ${index + 1}: an export a copy cannot hold: ${line}`);
      return line;
    }
    names.push(m[1] ?? m[2] ?? m[3]);
    return line.replace(/^export\s+/, '');
  });
  return `(() => {\n${body.filter((line) => line !== '').join('\n')}\nreturn { ${names.join(', ')} }; })()`;
}

/** The names a code file's function gives its ES module's `import.meta.url` and `import()` (runtime/cached-script.ts runs it). */
export const META_URL = '__meta_url';
export const IMPORT_FN = '__import';

/**
 * The length from which V8 keeps a one-byte string outside the young
 * generation, in its large-object space (kMaxRegularHeapObjectSize, 128 KiB,
 * in the V8 of Node 20 to 26), plus room for the string's header. A code
 * file padded to it ({@link codeFileText}'s `minLength`) is read into a
 * string that a scavenge neither copies nor counts toward the 1 MiB young
 * generation that a short run such as W6's hello-threading would otherwise
 * fill (README, "hello-threading, measured again").
 */
export const LARGE_STRING_LENGTH = 128 * 1024 + 1024;

/**
 * A generated code file's text from `text`, whose first line is left for the
 * header: what wrote it (`mark`) and the hash of the rest, which
 * runtime/cached-script.ts names its cache after (V8 checks a cache against
 * the source's length only); then the rest, as ASCII, padded with a comment
 * of spaces to at least `minLength` characters, and the source map's name
 * when there is one.
 */
export function codeFileText(mark, text, mapName, minLength = 0) {
  const code = `${ascii(text.slice(text.indexOf('\n') + 1))}\n`;
  const header = (hash) => `${mark} (sha256 ${hash}): edit the modules it names, not this file.\n`;
  const map = mapName ? `//# sourceMappingURL=${mapName}\n` : '';
  const short = minLength - (header('0'.repeat(16)).length + code.length + map.length);
  // One comment line of spaces at the end: the scanner only skips it, and no mapped line moves.
  const rest = `${code}${short > 0 ? `//${' '.repeat(Math.max(0, short - 3))}\n` : ''}${map}`;
  return `${header(createHash('sha256').update(rest).digest('hex').slice(0, 16))}${rest}`;
}

/**
 * Replace `import.meta.url` outside comments and string literals on one line
 * with `name`, and, given `importName`, each dynamic `import(` with a call of
 * that name (tsc's output: a template literal that spans lines would defeat
 * this; the combined modules have none, and the e2e tests run the combined
 * file).
 */
export function ownUrl(line, name, importName) {
  if (/^\s*(\/\/|\*|\/\*)/.test(line)) return line;
  let out = '';
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') {
        out += c + (line[++i] ?? '');
        continue;
      }
      if (c === quote) quote = null;
      out += c;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '/' && line[i + 1] === '/') return out + line.slice(i);
    else if (line.startsWith('import.meta.url', i)) {
      out += name;
      i += 'import.meta.url'.length - 1;
      continue;
    } else if (importName && line.startsWith('import(', i) && !/[\w$.]/.test(line[i - 1] ?? '')) {
      out += `${importName}(`;
      i += 'import('.length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

// Source maps: Base64 VLQ, as tsc writes them.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decode(mappings) {
  const lines = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  let name = 0;
  for (const group of mappings.split(';')) {
    const segments = [];
    let col = 0;
    for (const text of group.split(',').filter(Boolean)) {
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of text) {
        const digit = B64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0];
      if (values.length >= 4) {
        src += values[1];
        srcLine += values[2];
        srcCol += values[3];
        if (values.length >= 5) name += values[4];
        segments.push([col, src, srcLine, srcCol]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

function vlq(value) {
  let v = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += B64[digit];
  } while (v > 0);
  return out;
}

/** A map of the combined file onto the .ts sources, from each module's tsc map. */
export function sourceMap(origin, target) {
  const name = target.slice(dirname(target).length + 1);
  const maps = new Map();
  const sources = [];
  const sourceIndex = new Map();
  const mapOf = (file) => {
    if (!maps.has(file)) {
      const raw = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
      const ids = raw.sources.map((source) => {
        const absolute = resolve(dirname(file), raw.sourceRoot ?? '', source);
        if (!sourceIndex.has(absolute)) {
          sourceIndex.set(absolute, sources.length);
          sources.push(relative(dirname(target), absolute).replace(/\\/g, '/'));
        }
        return sourceIndex.get(absolute);
      });
      maps.set(file, { lines: decode(raw.mappings), ids });
    }
    return maps.get(file);
  };
  let prev = [0, 0, 0];
  const groups = origin.map((from) => {
    if (!from) return '';
    const { lines, ids } = mapOf(from.file);
    let col = 0;
    return (lines[from.line] ?? [])
      .map(([c, s, l, sc]) => {
        const fields = [c - col, ids[s] - prev[0], l - prev[1], sc - prev[2]];
        col = c;
        prev = [ids[s], l, sc];
        return fields.map(vlq).join('');
      })
      .join(',');
  });
  return JSON.stringify({ version: 3, file: name, sources, names: [], mappings: groups.join(';') });
}

/**
 * The module's lines with its comment lines emptied (their line breaks stay,
 * so the source map still holds line for line): about half of tsc's output is
 * TSDoc, and every byte of a combined file is read and scanned at startup.
 * Only whole lines go; a line with code after a comment's end stays. tsc's
 * output of these modules has no template literal spanning lines, so a line
 * that starts a comment is one.
 */
export function blankComments(lines) {
  let inBlock = false;
  return lines.map((line) => {
    const text = line.trim();
    if (inBlock) {
      const end = text.indexOf('*/');
      if (end < 0) return '';
      inBlock = false;
      return text.slice(end + 2).trim() ? line : '';
    }
    if (text.startsWith('//') && !text.startsWith('//# sourceMappingURL=')) return '';
    if (text.startsWith('/*')) {
      const end = text.indexOf('*/', 2);
      if (end < 0) {
        inBlock = true;
        return '';
      }
      return text.slice(end + 2).trim() ? line : '';
    }
    return line;
  });
}

/**
 * The text with every non-ASCII character written as a `\u` escape. One
 * such character (an ellipsis in a message) makes V8 hold and scan the whole
 * combined file as two-byte text, and Node decode it the slow way. The
 * escape means the same in a string, template or regular expression literal
 * and in an identifier, and nothing in a comment.
 */
export function ascii(text) {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
