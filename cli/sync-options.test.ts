import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { syncDefaults } from '../sync-service/defaults.ts';

const CLI = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('corebridge sync --help', () => {
  it('names the defaults the sync service uses, as sync-service/defaults.ts holds them', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'sync', '--help']);
    // Commander wraps the help at 80 columns, anywhere between words.
    const help = stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`--reconcile <cron> when to reconcile`);
    expect(help).toContain(`(default: "${syncDefaults.reconcileCron}")`);
    expect(help).toContain(`when to check ${syncDefaults.validationFraction * 100} % of the clients`);
    expect(help).toContain(`(default: "${syncDefaults.validateCron}")`);
    expect(help).toMatch(
      new RegExp(
        `--abs-pull-limit <n> ABS calls in flight across all instances \\(default: "${syncDefaults.absPullLimit}"\\)`,
      ),
    );
    expect(help).toMatch(
      new RegExp(`--kafka-session-timeout <ms> .*? \\(default: "${syncDefaults.kafkaSessionTimeoutMs}"\\)`),
    );
  });
});
