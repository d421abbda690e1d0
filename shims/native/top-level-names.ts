/**
 * The names a JavaScript (or TypeScript) module declares at its top level,
 * found by a small tokenizer instead of a parser.
 *
 * It reads strings, template literals (with nested `${…}`), comments, regular
 * expression literals (told from division by the token before them) and
 * bracket depth, and collects the identifier after a top-level `function`
 * (`function*`, `async function`), `class`, and each declarator of `const`,
 * `let` and `var` (destructuring patterns are skipped). It errs on the safe
 * side: a name that is not really a module binding (a named function
 * expression, a TypeScript `declare`) only makes a getter that throws when
 * read, and a source it cannot follow (unbalanced brackets, an unterminated
 * string or comment) gives `null`, so the module is left untouched.
 *
 * @module
 */

/** Words that cannot be read as a variable in module code. */
const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined').split(' '),
);

/** Keywords after which a `/` starts a regular expression. */
const BEFORE_REGEX = new Set(
  'return typeof instanceof in of new delete void throw case do else yield await extends'.split(' '),
);

const IDENT_START = /[A-Za-z_$\u0080-\uffff]/;
const IDENT_PART = /[\w$\u0080-\uffff]/;
const CLOSERS: Record<string, string> = { '}': '{', ')': '(', ']': '[' };

type Token = { kind: 'name' | 'punct' | 'value'; text: string; newlineBefore: boolean };

/** Declaration state: what the next top-level name token means. */
type Expect = 'none' | 'function-name' | 'class-name' | 'declarator' | 'declarator-tail';

/**
 * The top-level declared names of `source`, in order, without duplicates, or
 * `null` when the source could not be followed.
 *
 * @example
 * topLevelNames('const a = 1, b = 2; function f() { let c; }'); // ['a', 'b', 'f']
 */
export function topLevelNames(source: string): string[] | null {
  const names: string[] = [];
  const stack: string[] = []; // '{', '(', '[' or '${'
  let i = source.startsWith('#!') ? source.indexOf('\n') : 0;
  if (i < 0) return [];
  let prev: Token | null = null;
  let newline = false;
  let expect: Expect = 'none';

  const regexAllowed = (): boolean => {
    if (prev === null) return true;
    if (prev.kind === 'name') return BEFORE_REGEX.has(prev.text);
    if (prev.kind === 'value') return false;
    return prev.text !== ')' && prev.text !== ']';
  };

  /** Skip a quoted string starting at `i`; returns the index after it, or -1. */
  const skipString = (quote: string): number => {
    for (let j = i + 1; j < source.length; j++) {
      const c = source[j];
      if (c === '\\') j++;
      else if (c === quote) return j + 1;
      else if (c === '\n') return -1;
    }
    return -1;
  };

  /** Skip template text from `j` up to the closing backtick (returns after it) or a `${` (pushes it). */
  const skipTemplate = (from: number): number => {
    for (let j = from; j < source.length; j++) {
      const c = source[j];
      if (c === '\\') j++;
      else if (c === '`') return j + 1;
      else if (c === '$' && source[j + 1] === '{') {
        stack.push('${');
        return j + 2;
      }
    }
    return -1;
  };

  const skipRegex = (): number => {
    let inClass = false;
    for (let j = i + 1; j < source.length; j++) {
      const c = source[j];
      if (c === '\\') j++;
      else if (c === '\n') return -1;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) {
        j++;
        while (j < source.length && IDENT_PART.test(source[j]!)) j++;
        return j;
      }
    }
    return -1;
  };

  const add = (word: string): void => {
    if (!RESERVED.has(word) && !names.includes(word)) names.push(word);
  };

  const onToken = (token: Token): void => {
    const top = stack.length === 0;
    const before = prev;
    prev = token;
    if (!top) return;
    if (expect === 'declarator-tail') {
      const ended = token.newlineBefore && !(before?.kind === 'punct' && !')]}'.includes(before.text));
      if (token.kind === 'punct' && token.text === ',') expect = 'declarator';
      else if (token.kind === 'punct' && token.text === ';') expect = 'none';
      else if (ended) expect = 'none'; // a new statement: read it below
      if (expect !== 'none' || !ended) return;
    }
    if (expect === 'function-name' && token.text === '*') return;
    if (expect === 'function-name' || expect === 'class-name' || expect === 'declarator') {
      const declared = token.kind === 'name' && !RESERVED.has(token.text);
      if (declared) add(token.text);
      expect = declared && expect === 'declarator' ? 'declarator-tail' : 'none';
      return;
    }
    if (token.kind !== 'name' || (before?.kind === 'punct' && before.text.endsWith('.'))) return;
    if (token.text === 'function') expect = 'function-name';
    else if (token.text === 'class') expect = 'class-name';
    else if (token.text === 'const' || token.text === 'let' || token.text === 'var') expect = 'declarator';
  };

  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      newline = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF' || c === '\u00a0') {
      i++;
      continue;
    }
    const newlineBefore: boolean = newline;
    newline = false;
    if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) return null;
      if (source.slice(i, end).includes('\n')) newline = true;
      else newline = newlineBefore;
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      i = skipString(c);
      if (i < 0) return null;
      onToken({ kind: 'value', text: c, newlineBefore });
      continue;
    }
    if (c === '`') {
      const depth = stack.length;
      i = skipTemplate(i + 1);
      if (i < 0) return null;
      if (stack.length === depth) onToken({ kind: 'value', text: '`', newlineBefore });
      else prev = { kind: 'punct', text: '${', newlineBefore };
      continue;
    }
    if (c === '/' && regexAllowed()) {
      i = skipRegex();
      if (i < 0) return null;
      onToken({ kind: 'value', text: '/', newlineBefore });
      continue;
    }
    if (IDENT_START.test(c) || c === '#' || c === '@') {
      let j = i + 1;
      while (j < source.length && IDENT_PART.test(source[j]!)) j++;
      onToken({ kind: c === '#' || c === '@' ? 'value' : 'name', text: source.slice(i, j), newlineBefore });
      i = j;
      continue;
    }
    if (c >= '0' && c <= '9') {
      let j = i + 1;
      while (j < source.length && /[\w.]/.test(source[j]!)) j++;
      onToken({ kind: 'value', text: source.slice(i, j), newlineBefore });
      i = j;
      continue;
    }
    if (c === '{' || c === '(' || c === '[') {
      onToken({ kind: 'punct', text: c, newlineBefore });
      stack.push(c);
      i++;
      continue;
    }
    if (c === '}' && stack[stack.length - 1] === '${') {
      stack.pop();
      const depth = stack.length;
      i = skipTemplate(i + 1);
      if (i < 0) return null;
      if (stack.length === depth) prev = { kind: 'value', text: '`', newlineBefore };
      continue;
    }
    if (c === '}' || c === ')' || c === ']') {
      if (stack.pop() !== CLOSERS[c]) return null;
      i++;
      // A closing bracket is a token at the depth it returns to.
      onToken({ kind: 'punct', text: c, newlineBefore });
      continue;
    }
    // Any other punctuator: one character, except `?.` and `...` which end with '.'.
    const text = c === '?' && source[i + 1] === '.' && !/\d/.test(source[i + 2] ?? '') ? '?.' : source.startsWith('...', i) ? '...' : c;
    onToken({ kind: 'punct', text, newlineBefore });
    i += text.length;
  }
  return stack.length === 0 ? names : null;
}
