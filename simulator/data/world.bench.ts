import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { reportBenchResult } from '../../bench/bench-result.ts';
import { createWorld } from './world.ts';

/**
 * A million-client world touched once per client (clientAt + accountsOf): time, clients/s, and
 * memory before and after. The world stores nothing per client, so heap after a full GC should
 * stay where it started. Peak RSS is mostly V8 growing its young generation to match the
 * allocation rate, not data: with `--max-old-space-size=24 --max-semi-space-size=2` the same pass
 * runs in about 100 MB RSS at the same speed.
 * `node simulator/data/world.bench.ts` (BENCH_CLIENTS to change the size).
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1_000_000);

// A full collection before each reading, so the figures are what is retained, not garbage in flight.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function memory(): { heapMb: number; rssMb: number } {
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMb: heapUsed / 2 ** 20, rssMb: rss / 2 ** 20 };
}

const before = memory();
const world = createWorld({ seed: 1, clients: CLIENTS });
const started = performance.now();
let accounts = 0;
let checksum = 0;
for (let i = 0; i < CLIENTS; i++) {
  const client = world.clientAt(i);
  const held = world.accountsOf(i);
  accounts += held.length;
  checksum = (checksum + client.inn.charCodeAt(9) + (held[0]?.number.charCodeAt(8) ?? 0)) % 1_000_003;
}
const seconds = (performance.now() - started) / 1000;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const after = memory();

const mb = (value: number) => `${value.toFixed(1)} MB`;
console.log(
  [
    `world: ${CLIENTS.toLocaleString('en')} clients, ${accounts.toLocaleString('en')} accounts, each client touched once (clientAt + accountsOf)`,
    `  elapsed     ${seconds.toFixed(2)} s   ${Math.round(CLIENTS / seconds).toLocaleString('en')} clients/s   ${((seconds / CLIENTS) * 1e6).toFixed(1)} µs/client`,
    `  heap used   before ${mb(before.heapMb)}   after ${mb(after.heapMb)}   (after a full GC; growth ${mb(after.heapMb - before.heapMb)})`,
    `  RSS         before ${mb(before.rssMb)}   after ${mb(after.rssMb)}   peak ${mb(peakRssMb)}`,
    `  checksum    ${checksum}`,
  ].join('\n'),
);
// Nothing is stored per client: what the pass leaves on the heap is the figure that matters.
reportBenchResult({
  name: `world heap growth after touching ${CLIENTS.toLocaleString('en')} clients`,
  value: after.heapMb - before.heapMb,
  unit: 'MB',
  figures: { clientsPerSecond: Math.round(CLIENTS / seconds), peakRssMb: Math.round(peakRssMb) },
});
