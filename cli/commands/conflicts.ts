import pg from 'pg';
import { listConflicts } from '../../sync-service/conflicts/list-conflicts.ts';
import { resolveConflict } from '../../sync-service/conflicts/resolve-conflict.ts';
import type { CliConfig } from '../config.ts';
import { requireDatabase } from '../require-database.ts';

const show = (value: unknown) => JSON.stringify(value);

/** `corebridge conflicts list [--all] [--json]`: conflicts with both values and the decision. */
export async function conflictsList(
  options: { all?: boolean; json?: boolean },
  config: CliConfig,
): Promise<number> {
  const pool = new pg.Pool({ connectionString: requireDatabase(config, 'the conflicts') });
  try {
    const conflicts = await listConflicts(pool, { openOnly: !options.all });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(conflicts, null, 2)}\n`);
      return 0;
    }
    if (conflicts.length === 0)
      process.stdout.write(options.all ? 'No conflicts.\n' : 'No open conflicts.\n');
    for (const c of conflicts) {
      const state = c.resolvedAt ? `resolved: ${c.resolution}` : 'open';
      process.stdout.write(
        `${c.id.padStart(6)}  ${c.entity} ${c.recordId}.${c.field}  ${c.decision}, kept ${c.kept}  (${state})\n` +
          `        bank ${show(c.bankValue)} at ${c.bankChangedAt ?? '—'}\n        crm  ${show(c.crmValue)} at ${c.crmChangedAt}\n`,
      );
    }
    return 0;
  } finally {
    await pool.end();
  }
}

/** `corebridge conflicts resolve <id> --keep bank|crm [--note text]`. */
export async function conflictsResolve(
  id: string,
  options: { keep?: string; note?: string },
  config: CliConfig,
): Promise<number> {
  if (!/^\d+$/.test(id))
    throw new Error(`Failed to resolve: "${id}" is not a conflict id; see \`corebridge conflicts list\`.`);
  if (options.keep !== 'bank' && options.keep !== 'crm')
    throw new Error('Failed to resolve: say which value to keep with --keep bank or --keep crm.');
  const pool = new pg.Pool({ connectionString: requireDatabase(config, 'the conflicts') });
  try {
    const outcome = await resolveConflict(pool, id, options.keep, options.note ?? '');
    if (outcome === 'not-found') throw new Error(`Failed to resolve: there is no conflict ${id}.`);
    if (outcome === 'already-resolved')
      throw new Error(`Failed to resolve: conflict ${id} is resolved already.`);
    process.stdout.write(
      `Conflict ${id} resolved, kept the ${options.keep} value${outcome.rewritten ? '; it is on its way to the CRM and the cache' : ''}.\n`,
    );
    return 0;
  } finally {
    await pool.end();
  }
}
