import { execFileSync } from 'node:child_process';

let known: string | undefined | null = null;

/**
 * The commit this checkout stands at, so a report says which code ran it; undefined outside a git
 * checkout (an image, an unpacked archive). Asked once per process.
 */
export function sourceCommit(): string | undefined {
  if (known !== null) return known;
  try {
    known =
      execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || undefined;
  } catch {
    known = undefined;
  }
  return known;
}
