import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('nestsDeeperThan', () => {
  it('lets a body through up to the limit and stops one level past it', () => {
    expect(nestsDeeperThan(bytes(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(nestsDeeperThan(bytes(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
    expect(nestsDeeperThan(bytes(`{"a":${nested(50_000)}}`))).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ name: `"${'{['.repeat(100)}\\"` });
    expect(nestsDeeperThan(bytes(text), 1)).toBe(false);
    expect(nestsDeeperThan(bytes(JSON.stringify({ ä: { ö: 'ü[' } })), 2)).toBe(false);
  });
});
