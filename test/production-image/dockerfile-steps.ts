import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What test/production-image.test.ts takes from the Dockerfile, so the test follows it as it changes. */
export interface DockerfileSteps {
  /** Every source of every `COPY`, relative to the build context, in order. */
  readonly copied: readonly string[];
  /** The `HEALTHCHECK CMD` in exec form. */
  readonly healthcheck: readonly string[];
  /** The `ENV` lines as key → value. */
  readonly env: Readonly<Record<string, string>>;
}

/** Joins backslash-continued lines, as Docker reads them. */
function instructions(text: string): string[] {
  return text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function readDockerfile(root: string): DockerfileSteps {
  const lines = instructions(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const copied = lines
    .filter((line) => /^COPY\s/i.test(line))
    .flatMap((line) => {
      const words = line.split(/\s+/).slice(1);
      if (words.some((word) => word.startsWith('--')))
        throw new Error(`Failed to read the Dockerfile: "${line}" has flags this test cannot follow.`);
      return words.slice(0, -1);
    });
  const check = lines.find((line) => /^HEALTHCHECK\s/i.test(line));
  const exec = check?.match(/\sCMD\s+(\[.*\])$/)?.[1];
  if (exec === undefined)
    throw new Error('Failed to read the Dockerfile: no HEALTHCHECK ... CMD ["…"] in exec form.');
  const env = Object.fromEntries(
    lines
      .filter((line) => /^ENV\s/i.test(line))
      .map((line) => line.slice(4).trim().split('=', 2) as [string, string]),
  );
  return { copied, healthcheck: JSON.parse(exec) as string[], env };
}
