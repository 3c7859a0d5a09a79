import { systemClock } from '../infra/clock.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { startSimulator } from '../simulator/start-simulator.ts';
import { reportBenchResult } from './bench-result.ts';
import { loadWithAutocannon } from './load-with-autocannon.ts';

/**
 * The simulator under sustained load with a fault rule that matches every request: the journal
 * holds its newest 100 000 entries, so memory must stop growing once it is full (issue 18: an
 * unbounded journal reached 2.2 GB in 100 s and halved the throughput). Target: RSS grows by at
 * most 64 MB between the journal filling and the end of the run.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const mb = () => process.memoryUsage().rss / 2 ** 20;

await using bus = createMemoryBus();
await using sim = await startSimulator({
  seed: 1,
  dataset: { organisations: 1_000, accountsPerOrganisation: 3 },
  bus,
  clock: systemClock,
  absCapacity: false,
});
sim.faults.add({
  id: 'every-request',
  target: 'abs.rest',
  effect: { type: 'latency', distribution: { kind: 'fixed', ms: 0 } },
});
const organisation = [...sim.abs.store.organisations.keys()][42];

const before = mb();
let atFull: number | undefined;
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, mb());
  if (atFull === undefined && sim.faults.journal.dropped > 0) atFull = mb();
}, 250);
const load = await loadWithAutocannon(
  `${sim.url}/abs/api/v1/organisations/${organisation}/accounts`,
  SECONDS,
);
clearInterval(sampler);
const after = mb();
const { journal } = sim.faults;
console.log(
  [
    `simulator GET with one latency-0 rule on every request, ${SECONDS} s, 32 connections:`,
    `  ${load.requestsPerSecond.toFixed(0)} req/s  p99 ${load.p99Ms} ms  (non-2xx ${load.non2xx}, errors ${load.errors})`,
    `  journal ${journal.total} appended, ${journal.total - journal.dropped} held, ${journal.dropped} dropped; injected counted ${journal.countsOf('every-request').injected ?? 0}`,
    `  RSS before ${before.toFixed(0)} MB, when the journal filled ${atFull?.toFixed(0) ?? 'never'} MB, peak ${peak.toFixed(0)} MB, after ${after.toFixed(0)} MB`,
  ].join('\n'),
);
if (atFull === undefined)
  console.log('  the journal never filled: run longer (BENCH_SECONDS) to see the bound hold');
reportBenchResult({
  name: 'RSS growth once the fault journal is full',
  value: atFull === undefined ? 0 : after - atFull,
  unit: 'MB',
  target: { atMost: 64 },
  figures: {
    requestsPerSecond: Math.round(load.requestsPerSecond),
    rssBeforeMb: Math.round(before),
    rssAtJournalFullMb: Math.round(atFull ?? 0),
    rssPeakMb: Math.round(peak),
    rssAfterMb: Math.round(after),
    journalAppended: journal.total,
    journalDropped: journal.dropped,
  },
});
