import { CapacityModel } from './capacity-model.ts';
import { trafficEffectsOf } from './fault-effect-schema.ts';
import type { FaultDecision, FaultEngine } from './fault-engine.ts';
import { defaultCodeFor } from './http-error-renderer.ts';
import type { MalformedMode } from './json-corruption.ts';
import { drawLatencyMs } from './latency-draw.ts';
import { LeakyBucket } from './leaky-bucket.ts';
import type { ActiveFaultRule } from './rule-runtime.ts';
import type { Random } from './seeded-random.ts';
import { garbageBytes } from './socket-faults.ts';

/** How a request ends instead of reaching the route. */
export type HttpTerminal =
  | { readonly kind: 'refuse' | 'hang' | 'empty' }
  | { readonly kind: 'garbage'; readonly bytes: Buffer }
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly code: string;
      readonly message: string;
      readonly headers: Record<string, string>;
    };

/** What happens to the route's reply on its way out. */
export type ReplyFault =
  | { readonly kind: 'malformed'; readonly mode: MalformedMode; readonly random: Random }
  | { readonly kind: 'skew'; readonly ms: number; readonly field: string | undefined }
  | { readonly kind: 'cut'; readonly how: 'reset' | 'empty' }
  | { readonly kind: 'cut'; readonly how: 'garbage'; readonly bytes: Buffer };

export interface HttpPlan {
  readonly delayMs: number;
  readonly terminal: HttpTerminal | undefined;
  readonly replyFaults: readonly ReplyFault[];
  /** Call once the response is closed (capacity models count requests in flight). */
  release(): void;
}

export interface RateLimitReply {
  readonly status: number;
  readonly code: string;
}

const HTTP_EFFECTS = trafficEffectsOf('http');

// State of stateful effects lives with the rule object, so it goes when the rule does.
const buckets = new WeakMap<ActiveFaultRule, LeakyBucket>();
const capacities = new WeakMap<ActiveFaultRule, CapacityModel>();
/** Requests seen per engine and (target, method, path): the attempt number in a request's identity. */
const attempts = new WeakMap<FaultEngine, Map<string, number>>();

/** `GET /abs/api/v1/accounts/acc-1 #3`: the third request of that method and path at this target. */
function requestIdentity(engine: FaultEngine, target: string, method: string, path: string): string {
  const seen = attempts.get(engine) ?? new Map<string, number>();
  attempts.set(engine, seen);
  const slot = `${target} ${method.toUpperCase()} ${path}`;
  const attempt = (seen.get(slot) ?? 0) + 1;
  seen.set(slot, attempt);
  return `${method.toUpperCase()} ${path} #${attempt}`;
}

/**
 * Decides what the faults do to one request. Rules apply in the order they were added: delays
 * add up, reply faults stack, and the first rule that answers the request itself (an outage, an
 * error, a refused or cut connection, a rate or capacity refusal) ends the evaluation, so later
 * rules do not see it (a refused request does not fill a rate limiter behind it).
 */
export function planHttpFaults(
  engine: FaultEngine,
  target: string,
  request: { readonly method: string; readonly path: string },
  rateLimit: RateLimitReply | undefined,
): HttpPlan | undefined {
  const identity = requestIdentity(engine, target, request.method, request.path);
  const decisions = engine.decide(target, { ...request, identity }, HTTP_EFFECTS);
  if (decisions.length === 0) return undefined;
  let delayMs = 0;
  let terminal: HttpTerminal | undefined;
  const replyFaults: ReplyFault[] = [];
  const releases: Array<() => void> = [];
  const now = engine.clock.now();
  for (const decision of decisions) {
    const step = planOne(decision, engine, now, rateLimit, releases);
    if (step.ignored) continue;
    if (step.detail) decision.record({ method: request.method, path: request.path, ...step.detail });
    for (const outcome of step.counted ?? []) decision.count(outcome);
    delayMs += step.delayMs ?? 0;
    if (step.reply) replyFaults.push(step.reply);
    if (step.terminal) {
      terminal = step.terminal;
      break;
    }
  }
  return {
    delayMs,
    terminal,
    replyFaults,
    release: () => {
      for (const release of releases) release();
    },
  };
}

interface Step {
  /** What the journal records of this request; absent: nothing journaled (see `counted`). */
  readonly detail?: Record<string, unknown>;
  /** Outcomes counted on the rule, journaled or not. */
  readonly counted?: readonly string[];
  readonly delayMs?: number;
  readonly terminal?: HttpTerminal;
  readonly reply?: ReplyFault;
  /** The rule matched but did nothing to this request (an error rate that drew no error). */
  readonly ignored?: boolean;
}

function planOne(
  { rule, random }: FaultDecision,
  engine: FaultEngine,
  now: number,
  rateLimit: RateLimitReply | undefined,
  releases: Array<() => void>,
): Step {
  const effect = rule.effect;
  switch (effect.type) {
    case 'outage': {
      if (effect.mode !== 'unavailable')
        return { detail: { mode: effect.mode }, terminal: { kind: effect.mode } };
      const headers: Record<string, string> = effect.retryAfterSeconds
        ? { 'retry-after': String(effect.retryAfterSeconds) }
        : {};
      return {
        detail: { mode: effect.mode, status: 503 },
        terminal: error(503, 'SERVICE_UNAVAILABLE', 'The service is unavailable. Retry later.', headers),
      };
    }
    case 'maintenance': {
      const to = rule.window?.to;
      const until = to === undefined ? undefined : engine.start + to;
      const retryAfter =
        until === undefined ? effect.retryAfterSeconds : Math.max(1, Math.ceil((until - now) / 1000));
      const when =
        until === undefined
          ? 'for planned maintenance'
          : `for planned maintenance until ${new Date(until).toISOString()}`;
      return {
        detail: { status: 503, retryAfter },
        terminal: error(503, 'MAINTENANCE', `The system is down ${when}. Retry after it.`, {
          'retry-after': String(retryAfter),
        }),
      };
    }
    case 'latency': {
      const ms = drawLatencyMs(effect.distribution, random);
      return { detail: { ms }, delayMs: ms };
    }
    case 'error-rate': {
      const draw = random();
      let cumulative = 0;
      for (const candidate of effect.errors) {
        cumulative += candidate.rate;
        if (draw < cumulative) {
          const code = candidate.code ?? defaultCodeFor(candidate.status);
          return {
            detail: { status: candidate.status, code },
            terminal: error(candidate.status, code, `Injected ${candidate.status}. Retry later.`),
          };
        }
      }
      return { ignored: true };
    }
    case 'connection-reset':
      return effect.at === 'request'
        ? { detail: { at: 'request' }, terminal: { kind: 'refuse' } }
        : { detail: { at: 'response' }, reply: { kind: 'cut', how: 'reset' } };
    case 'empty-reply':
      return effect.at === 'request'
        ? { detail: { at: 'request' }, terminal: { kind: 'empty' } }
        : { detail: { at: 'response' }, reply: { kind: 'cut', how: 'empty' } };
    case 'garbage': {
      const bytes = garbageBytes(effect.bytes, random);
      const detail = { at: effect.at, bytes: bytes.length };
      return effect.at === 'request'
        ? { detail, terminal: { kind: 'garbage', bytes } }
        : { detail, reply: { kind: 'cut', how: 'garbage', bytes } };
    }
    case 'rate-limit': {
      const bucket =
        buckets.get(rule) ?? new LeakyBucket({ burst: effect.burst, perSecond: effect.perSecond });
      buckets.set(rule, bucket);
      if (bucket.take(now).admitted) return { ignored: true };
      const status = effect.status ?? rateLimit?.status ?? 429;
      const code = effect.code ?? rateLimit?.code ?? 'RATE_LIMITED';
      const message = `Request limit of ${effect.burst} at once and ${effect.perSecond}/s exceeded. Slow down and retry.`;
      return { detail: { status, code }, terminal: error(status, code, message) };
    }
    case 'capacity-collapse': {
      const model = capacities.get(rule) ?? new CapacityModel(effect);
      capacities.set(rule, model);
      const verdict = model.arrive(now);
      releases.push(() => model.leave());
      const { inFlight, rps, overloaded, rejected, delayMs } = verdict;
      // A standing rule meets every ABS request: journaling the ones it lets through at its normal
      // latency would fill the journal with the healthy traffic. Those are only counted.
      if (!overloaded && !rejected) return { delayMs, counted: ['admitted'] };
      const detail = { inFlight, rps, overloaded, delayMs, ...(rejected ? { status: 503 } : {}) };
      const counted = [...(overloaded ? ['overloaded'] : []), ...(rejected ? ['refused'] : [])];
      if (!rejected) return { detail, delayMs, counted };
      return {
        detail,
        delayMs,
        counted,
        terminal: error(503, 'OVERLOADED', 'The system is overloaded. Retry with backoff.'),
      };
    }
    case 'malformed':
      return { detail: { mode: effect.mode }, reply: { kind: 'malformed', mode: effect.mode, random } };
    case 'clock-skew':
      return {
        detail: { ms: effect.ms, ...(effect.field ? { field: effect.field } : {}) },
        reply: { kind: 'skew', ms: effect.ms, field: effect.field },
      };
    default:
      return { ignored: true };
  }
}

function error(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): HttpTerminal {
  return { kind: 'error', status, code, message, headers };
}
