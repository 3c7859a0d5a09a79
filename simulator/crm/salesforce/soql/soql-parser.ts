import type {
  SoqlComparison,
  SoqlCondition,
  SoqlFieldPath,
  SoqlLiteral,
  SoqlOrder,
  SoqlQuery,
} from './soql-ast.ts';
import { malformedQuery, soqlError } from './soql-error.ts';
import { type SoqlToken, tokenizeSoql } from './soql-tokenizer.ts';

const RESERVED = new Set(
  'SELECT FROM WHERE AND OR NOT IN LIKE ORDER BY ASC DESC NULLS FIRST LAST LIMIT OFFSET NULL TRUE FALSE'.split(
    ' ',
  ),
);
const COMPARISONS = new Set(['=', '!=', '<>', '<', '>', '<=', '>=']);
/** Salesforce refuses larger offsets rather than scanning that far. */
const MAX_OFFSET = 2000;

/**
 * Parses `SELECT fields | COUNT() FROM Object [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n]`.
 * As in Salesforce, AND and OR may not be mixed on one level without parentheses.
 */
export function parseSoql(soql: string): SoqlQuery {
  return new Parser(soql).query();
}

class Parser {
  private readonly soql: string;
  private readonly tokens: SoqlToken[];
  private at = 0;

  constructor(soql: string) {
    this.soql = soql;
    this.tokens = tokenizeSoql(soql);
  }

  query(): SoqlQuery {
    this.keyword('SELECT');
    const select = this.selectList();
    this.keyword('FROM');
    const object = this.field();
    const where = this.accept('WHERE') ? this.condition() : null;
    const orderBy: SoqlOrder[] = [];
    if (this.accept('ORDER')) {
      this.keyword('BY');
      do orderBy.push(this.order());
      while (this.acceptSymbol(','));
    }
    const limit = this.accept('LIMIT') ? this.integer() : null;
    const offsetToken = this.peek();
    const offset = this.accept('OFFSET') ? this.integer() : null;
    if (offset !== null && offset > MAX_OFFSET) {
      throw soqlError(
        'NUMBER_OUTSIDE_VALID_RANGE',
        this.soql,
        offsetToken.position,
        `Maximum SOQL offset allowed is ${MAX_OFFSET}`,
      );
    }
    if (this.peek().kind !== 'end') throw this.unexpected();
    return { select, from: { name: object.path, position: object.position }, where, orderBy, limit, offset };
  }

  private selectList(): SoqlQuery['select'] {
    const first = this.peek();
    if (first.kind === 'word' && first.text.toUpperCase() === 'COUNT' && this.peek(1).text === '(') {
      this.at += 2;
      if (!this.acceptSymbol(')')) {
        throw malformedQuery(
          this.soql,
          this.peek().position,
          'Only COUNT() without a field is supported here; aggregate queries are not.',
        );
      }
      return 'count';
    }
    const fields = [this.field()];
    while (this.acceptSymbol(',')) fields.push(this.field());
    return fields;
  }

  private condition(): SoqlCondition {
    const first = this.term();
    const joiner = this.peek().text.toUpperCase();
    if (joiner !== 'AND' && joiner !== 'OR') return first;
    const operands = [first];
    while (this.accept(joiner)) operands.push(this.term());
    const other = this.peek().text.toUpperCase();
    if (other === 'AND' || other === 'OR') throw this.unexpected();
    return { kind: joiner === 'AND' ? 'and' : 'or', operands };
  }

  private term(): SoqlCondition {
    if (this.accept('NOT')) return { kind: 'not', operand: this.term() };
    if (this.acceptSymbol('(')) {
      const inner = this.condition();
      this.symbol(')');
      return inner;
    }
    const field = this.field();
    if (this.accept('LIKE')) return { kind: 'like', field, pattern: this.literal() };
    const negated = this.accept('NOT');
    if (this.accept('IN')) {
      this.symbol('(');
      const values = [this.literal()];
      while (this.acceptSymbol(',')) values.push(this.literal());
      this.symbol(')');
      return { kind: 'in', field, values, negated };
    }
    if (negated) throw this.unexpected();
    const operator = this.peek();
    if (operator.kind !== 'symbol' || !COMPARISONS.has(operator.text)) throw this.unexpected();
    this.at += 1;
    const normalized = (operator.text === '<>' ? '!=' : operator.text) as SoqlComparison;
    return { kind: 'compare', field, operator: normalized, value: this.literal() };
  }

  private order(): SoqlOrder {
    const field = this.field();
    let descending = false;
    if (this.accept('DESC')) descending = true;
    else this.accept('ASC');
    let nullsFirst = true;
    if (this.accept('NULLS')) {
      if (this.accept('LAST')) nullsFirst = false;
      else this.keyword('FIRST');
    }
    return { field, descending, nullsFirst };
  }

  private literal(): SoqlLiteral {
    const token = this.next();
    const position = token.position;
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value, raw: token.text, position };
      case 'number':
        return { kind: 'number', value: Number(token.text), position };
      case 'date':
        return { kind: 'date', value: token.text, position };
      case 'datetime': {
        const value = Date.parse(token.text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
        if (Number.isNaN(value))
          throw malformedQuery(this.soql, position, `invalid datetime literal: '${token.text}'`);
        return { kind: 'datetime', value, position };
      }
    }
    const word = token.kind === 'word' ? token.text.toUpperCase() : '';
    if (word === 'NULL') return { kind: 'null', position };
    if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE', position };
    this.at -= 1;
    throw this.unexpected();
  }

  private field(): SoqlFieldPath {
    const token = this.peek();
    if (token.kind !== 'word' || RESERVED.has(token.text.toUpperCase())) throw this.unexpected();
    this.at += 1;
    return { path: token.text, position: token.position };
  }

  private integer(): number {
    const token = this.peek();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) throw this.unexpected();
    this.at += 1;
    return Number(token.text);
  }

  private keyword(word: string): void {
    if (!this.accept(word)) throw this.unexpected();
  }

  private symbol(symbol: string): void {
    if (!this.acceptSymbol(symbol)) throw this.unexpected();
  }

  private accept(word: string): boolean {
    const token = this.peek();
    if (token.kind !== 'word' || token.text.toUpperCase() !== word) return false;
    this.at += 1;
    return true;
  }

  private acceptSymbol(symbol: string): boolean {
    const token = this.peek();
    if (token.kind !== 'symbol' || token.text !== symbol) return false;
    this.at += 1;
    return true;
  }

  private peek(ahead = 0): SoqlToken {
    return this.tokens[Math.min(this.at + ahead, this.tokens.length - 1)] as SoqlToken;
  }

  private next(): SoqlToken {
    const token = this.peek();
    this.at += 1;
    return token;
  }

  private unexpected(): Error {
    const token = this.peek();
    const shown = token.kind === 'end' ? '<EOF>' : token.text;
    return malformedQuery(this.soql, token.position, `unexpected token: '${shown}'`);
  }
}
