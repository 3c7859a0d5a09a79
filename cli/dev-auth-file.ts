import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';

/**
 * Where a running `corebridge up` leaves its dev signing key for `corebridge token`: readable by
 * this user only, and removed when the stack stops — the key signs tokens for that stack and
 * nothing else. One stack at a time: a second `up` replaces the first one's file.
 */
export const DEV_AUTH_FILE = join(tmpdir(), 'corebridge-dev-auth.json');

export async function saveDevKey(
  jwk: JWK,
  syncUrl: string,
  path = DEV_AUTH_FILE,
): Promise<() => Promise<void>> {
  await writeFile(path, JSON.stringify({ syncUrl, jwk }), { mode: 0o600 });
  return () => rm(path, { force: true });
}

export async function readDevKey(path = DEV_AUTH_FILE): Promise<{ syncUrl: string; jwk: JWK }> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new Error(
      `Failed to mint a dev token: no running \`corebridge up\` left its key at ${path}. Start \`npm run corebridge -- up\` first; against a real identity provider, ask it for the token.`,
    );
  });
  return JSON.parse(text) as { syncUrl: string; jwk: JWK };
}
