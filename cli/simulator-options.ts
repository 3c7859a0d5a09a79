import type { Command } from 'commander';
import type { AbsDatasetSize } from '../simulator/abs/abs-dataset.ts';
import { parseNumber } from './parse-number.ts';

export interface SimulatorCliOptions {
  readonly seed: string;
  readonly organisations: string;
  readonly postingsPerSecond: string;
}

/** The options every command that runs the simulator shares. */
export function addSimulatorOptions(command: Command): Command {
  return command
    .option('--seed <n>', 'dataset seed', '42')
    .option('--organisations <n>', 'organisations in the dataset', '50')
    .option('--postings-per-second <n>', 'ABS postings booked per second', '2');
}

export function parseSimulatorOptions(options: SimulatorCliOptions): {
  seed: number;
  dataset: AbsDatasetSize;
  postingsPerSecond: number;
} {
  return {
    seed: parseNumber('seed', options.seed),
    dataset: {
      organisations: parseNumber('organisations', options.organisations, { min: 1 }),
      accountsPerOrganisation: 3,
    },
    postingsPerSecond: parseNumber('postings-per-second', options.postingsPerSecond, { integer: false }),
  };
}
