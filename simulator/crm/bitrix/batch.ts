import type { Clock } from '../../../infra/clock.ts';
import { resolveReferences } from './batch-references.ts';
import { bitrixErrors, isBitrixError } from './bitrix-error.ts';
import type { BitrixCallContext, BitrixMethod, BitrixMethodResult, BitrixParams } from './bitrix-method.ts';
import { paramOf } from './bitrix-method.ts';
import { type BitrixTime, timeBlock } from './bitrix-time.ts';
import { parsePhpQuery } from './php-query.ts';

/** Commands beyond this many fail with ERROR_BATCH_LENGTH_EXCEEDED, one by one. */
export const BATCH_MAX_COMMANDS = 50;

export type CallMethod = (
  name: string,
  params: BitrixParams,
  context: BitrixCallContext,
) => BitrixMethodResult;

/** PHP serialises an empty array as `[]` and a 0..n-1 keyed one as a list; clients see exactly that. */
function phpArray(entries: Map<string, unknown>): unknown {
  if (entries.size === 0) return [];
  const keys = [...entries.keys()];
  if (keys.every((key, index) => key === String(index))) return [...entries.values()];
  return Object.fromEntries(entries);
}

function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true' || value === 'Y';
}

function commandsOf(params: BitrixParams): Array<[string, unknown]> {
  const cmd = paramOf(params, 'cmd');
  if (Array.isArray(cmd)) return cmd.map((command, index) => [String(index), command]);
  if (cmd !== null && typeof cmd === 'object') return Object.entries(cmd);
  return [];
}

/**
 * `batch`: up to 50 sub-requests (`method?query`) run in order in one HTTP request, which counts
 * once against the rate limit. Results, errors, totals, next offsets and timings come back keyed
 * by command; `halt=1` stops at the first failing command. Nested `batch` is refused.
 */
export function batchMethod(call: CallMethod, clock: Clock, offsetMinutes: number): BitrixMethod {
  return (params, context) => {
    if (context.inBatch) throw bitrixErrors.batchMethodNotAllowed();
    const halt = truthy(paramOf(params, 'halt'));
    const result = new Map<string, unknown>();
    const errors = new Map<string, unknown>();
    const totals = new Map<string, unknown>();
    const nexts = new Map<string, unknown>();
    const times = new Map<string, BitrixTime>();
    let index = 0;
    for (const [key, command] of commandsOf(params)) {
      const started = clock.now();
      try {
        if (index++ >= BATCH_MAX_COMMANDS) throw bitrixErrors.batchLengthExceeded();
        const text = String(command ?? '');
        const question = text.indexOf('?');
        const method = (question < 0 ? text : text.slice(0, question)).trim();
        if (method.toLowerCase().replace(/\.json$/, '') === 'batch')
          throw bitrixErrors.batchMethodNotAllowed();
        const subParams = resolveReferences(
          parsePhpQuery(question < 0 ? '' : text.slice(question + 1)),
          result,
        );
        const answer = call(method, subParams as BitrixParams, { ...context, inBatch: true });
        result.set(key, answer.result);
        if (answer.total !== undefined) totals.set(key, answer.total);
        if (answer.next !== undefined) nexts.set(key, answer.next);
        times.set(key, timeBlock(started, clock, offsetMinutes));
      } catch (error) {
        errors.set(key, (isBitrixError(error) ? error : bitrixErrors.internal()).body);
        if (halt) break;
      }
    }
    return {
      result: {
        result: phpArray(result),
        result_error: phpArray(errors),
        result_total: phpArray(totals),
        result_next: phpArray(nexts),
        result_time: phpArray(times),
      },
    };
  };
}
