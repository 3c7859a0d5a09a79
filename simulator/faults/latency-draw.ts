import type { z } from 'zod';
import type { latencyDistributionSchema } from './http-effect-schemas.ts';
import { type Random, standardNormal } from './seeded-random.ts';

export type LatencyDistribution = z.output<typeof latencyDistributionSchema>;

/** One latency in whole ms. Log-normal is what real services look like: most fast, a long tail. */
export function drawLatencyMs(distribution: LatencyDistribution, random: Random): number {
  switch (distribution.kind) {
    case 'fixed':
      return Math.round(distribution.ms);
    case 'uniform':
      return Math.round(distribution.minMs + random() * (distribution.maxMs - distribution.minMs));
    case 'lognormal':
      return Math.round(
        Math.min(
          distribution.capMs,
          distribution.medianMs * Math.exp(distribution.sigma * standardNormal(random)),
        ),
      );
  }
}
