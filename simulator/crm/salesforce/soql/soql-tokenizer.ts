import { malformedQuery } from './soql-error.ts';

export type SoqlTokenKind = 'word' | 'string' | 'number' | 'date' | 'datetime' | 'symbol' | 'end';

export interface SoqlToken {
  readonly kind: SoqlTokenKind;
  /** The source text (for strings: between the quotes, escapes kept, which LIKE needs). */
  readonly text: string;
  /** For strings: the text with escapes resolved. */
  readonly value: string;
  /** Offset in the query, for error carets. */
  readonly position: number;
}

const SYMBOLS = ['!=', '<>', '<=', '>=', '=', '<', '>', ',', '(', ')'];
const WORD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\d:T])/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)/;
const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** Splits SOQL into tokens. Dotted paths (`Account.Name`) stay one word; keywords are words too. */
export function tokenizeSoql(soql: string): SoqlToken[] {
  const tokens: SoqlToken[] = [];
  let at = 0;
  while (at < soql.length) {
    const rest = soql.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    if (rest.startsWith("'")) {
      const token = readString(soql, at);
      tokens.push(token);
      at += token.text.length + 2;
      continue;
    }
    const match =
      match1('datetime', DATETIME, rest) ??
      match1('date', DATE, rest) ??
      match1('number', NUMBER, rest) ??
      match1('word', WORD, rest);
    if (match) {
      tokens.push({ ...match, value: match.text, position: at });
      at += match.text.length;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
    if (!symbol) throw malformedQuery(soql, at, `unexpected token: '${rest.charAt(0)}'`);
    tokens.push({ kind: 'symbol', text: symbol, value: symbol, position: at });
    at += symbol.length;
  }
  tokens.push({ kind: 'end', text: '', value: '', position: soql.length });
  return tokens;
}

function match1(
  kind: SoqlTokenKind,
  pattern: RegExp,
  rest: string,
): { kind: SoqlTokenKind; text: string } | null {
  const found = pattern.exec(rest);
  return found ? { kind, text: found[0] } : null;
}

function readString(soql: string, start: number): SoqlToken {
  let value = '';
  let at = start + 1;
  while (at < soql.length) {
    const char = soql.charAt(at);
    if (char === "'") return { kind: 'string', text: soql.slice(start + 1, at), value, position: start };
    if (char === '\\') {
      const next = soql.charAt(at + 1);
      // \% and \_ only mean something to LIKE; elsewhere they stand for the character itself.
      const escaped = ESCAPES[next] ?? (next === '%' || next === '_' ? next : undefined);
      if (escaped === undefined)
        throw malformedQuery(
          soql,
          at,
          `Invalid string literal '\\${next}'. Illegal character sequence '\\${next}' in string literal.`,
        );
      value += escaped;
      at += 2;
      continue;
    }
    value += char;
    at += 1;
  }
  throw malformedQuery(soql, start, 'unexpected token: unterminated string literal');
}
