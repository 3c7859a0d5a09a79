import { systemClock } from '../infra/clock.ts';
import { listen } from '../infra/http-server.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { startSimulator } from '../simulator/start-simulator.ts';
import { reportBenchResult } from './bench-result.ts';
import { loadWithAutocannon } from './load-with-autocannon.ts';

/**
 * Simulator GET throughput next to a bare node:http hello-world, measured in the same run on the
 * same machine, so the ratio says what the simulator's own work costs. Target ratio ≥ 0.5.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

const hello = await listen((_request, response) => response.end('hello'));
await using bus = createMemoryBus();
await using sim = await startSimulator({
  seed: 1,
  dataset: { organisations: 10_000, accountsPerOrganisation: 3 },
  bus,
  clock: systemClock,
  // The ABS capacity model would cap this at ~100 req/s by design; measure the simulator's own cost.
  absCapacity: false,
});
const organisation = [...sim.abs.store.organisations.keys()][4_242];

const baseline = await loadWithAutocannon(`${hello.url}/`, SECONDS);
const simulator = await loadWithAutocannon(
  `${sim.url}/abs/api/v1/organisations/${organisation}/accounts`,
  SECONDS,
);
await hello.close();

const ratio = simulator.requestsPerSecond / baseline.requestsPerSecond;
console.log(
  [
    `simulator GET /abs/api/v1/organisations/:id/accounts (10 000 organisations, fault engine on, capacity model off), ${SECONDS} s each, 32 connections:`,
    `  node:http hello-world  ${baseline.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${baseline.p99Ms} ms`,
    `  simulator              ${simulator.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${simulator.p99Ms} ms  (non-2xx ${simulator.non2xx}, errors ${simulator.errors})`,
  ].join('\n'),
);
reportBenchResult({
  name: 'simulator GET ÷ node:http hello-world',
  value: ratio,
  unit: 'ratio',
  target: { atLeast: 0.5 },
  figures: {
    simulatorRequestsPerSecond: Math.round(simulator.requestsPerSecond),
    helloWorldRequestsPerSecond: Math.round(baseline.requestsPerSecond),
  },
});
