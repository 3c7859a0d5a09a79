import { SYNC_SCOPES } from '../../sync-service/http/auth/auth-options.ts';
import { devMinter } from '../dev-auth.ts';
import { readDevKey } from '../dev-auth-file.ts';

export interface TokenOptions {
  readonly scope: string[];
  readonly ttl: string;
}

/** `corebridge token`: a bearer token of the running `corebridge up` stack's dev key, on stdout. */
export async function tokenCommand(options: TokenOptions): Promise<void> {
  const unknown = options.scope.filter((s) => !(SYNC_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new Error(
      `Failed to mint a dev token: unknown scope ${unknown.join(', ')}. Pass some of ${SYNC_SCOPES.join(', ')}.`,
    );
  const { jwk } = await readDevKey();
  const mint = await devMinter(jwk);
  process.stdout.write(
    `${await mint(options.scope.length > 0 ? options.scope : SYNC_SCOPES, options.ttl)}\n`,
  );
}
