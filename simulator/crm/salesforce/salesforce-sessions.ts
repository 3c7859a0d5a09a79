import { createHash } from 'node:crypto';
import type { Clock } from '../../../infra/clock.ts';
import { ORG_ID } from './salesforce-org.ts';

export interface SalesforceSession {
  readonly accessToken: string;
  /** The OAuth username, or the client id for the client-credentials flow. */
  readonly identity: string;
  readonly userId: string;
  readonly issuedAt: number;
}

/** Salesforce's default session timeout is two hours of the org's time. */
export const DEFAULT_SESSION_TTL_MS = 2 * 60 * 60 * 1000;

/**
 * Access tokens handed out by the OAuth endpoint. A token stops working after the session timeout
 * (in clock time) or when revoked — the fault engine revokes all to make every client re-login.
 * Tokens are derived from a counter, not random bytes, so a seeded run replays the same way.
 */
export class SalesforceSessions {
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly sessions = new Map<string, SalesforceSession>();
  private issued = 0;

  constructor(clock: Clock, ttlMs = DEFAULT_SESSION_TTL_MS) {
    this.clock = clock;
    this.ttlMs = ttlMs;
  }

  issue(identity: string, userId: string): SalesforceSession {
    const issuedAt = this.clock.now();
    const secret = createHash('sha256')
      .update(`${++this.issued}:${identity}:${issuedAt}`)
      .digest('base64url');
    const session = { accessToken: `${ORG_ID.slice(0, 15)}!${secret}`, identity, userId, issuedAt };
    this.sessions.set(session.accessToken, session);
    return session;
  }

  /** The live session of a token, or undefined when it is unknown, revoked or timed out. */
  find(accessToken: string): SalesforceSession | undefined {
    const session = this.sessions.get(accessToken);
    if (session && this.clock.now() - session.issuedAt >= this.ttlMs) {
      this.sessions.delete(accessToken);
      return undefined;
    }
    return session;
  }

  revoke(accessToken: string): boolean {
    return this.sessions.delete(accessToken);
  }

  revokeAll(): void {
    this.sessions.clear();
  }
}
