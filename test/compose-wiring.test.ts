import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readDockerfile } from './production-image/dockerfile-steps.ts';

const root = join(import.meta.dirname, '..');
const readYaml = (path: string) => parse(readFileSync(join(root, path), 'utf8'));

interface ComposeService {
  readonly command?: string[];
  readonly profiles?: string[];
  readonly volumes?: string[];
  readonly environment?: Record<string, string>;
}
const compose = readYaml('docker-compose.yml') as { services: Record<string, ComposeService> };
const portOf = (service: ComposeService) => service.command?.[service.command.indexOf('--port') + 1];

// What a Docker engine would show only at `up`: every name and port one file gives another agrees.
describe('docker-compose.yml and the files it names', () => {
  it('scrapes the sync service on the port its command listens on', () => {
    const prometheus = readYaml('infra/observability/prometheus.yml') as {
      scrape_configs: { job_name: string; metrics_path: string; static_configs: { targets: string[] }[] }[];
    };
    const targets = prometheus.scrape_configs.flatMap((job) =>
      job.static_configs.flatMap((config) => config.targets.map((target) => `${job.metrics_path} ${target}`)),
    );
    expect(targets).toEqual([`/metrics sync-service:${portOf(compose.services['sync-service'] ?? {})}`]);
  });

  it('runs Prometheus and Grafana only in the profile, with every mounted file in the repo', () => {
    for (const name of ['prometheus', 'grafana']) {
      const service = compose.services[name] ?? {};
      expect(service.profiles, name).toEqual(['observability']);
      for (const volume of service.volumes ?? [])
        expect(existsSync(join(root, volume.split(':')[0] ?? '')), volume).toBe(true);
    }
  });

  it('gives Grafana the Prometheus datasource the dashboard names', () => {
    const datasources = readYaml('infra/observability/grafana/provisioning/datasources/prometheus.yml') as {
      datasources: { uid: string; url: string }[];
    };
    expect(datasources.datasources).toEqual([
      expect.objectContaining({ uid: 'prometheus', url: 'http://prometheus:9090' }),
    ]);
    const dashboard = readFileSync(
      join(root, 'infra/observability/grafana/dashboards/corebridge.json'),
      'utf8',
    );
    const uids = new Set([...dashboard.matchAll(/"uid": "([^"]+)"/g)].map((match) => match[1]));
    expect([...uids].sort()).toEqual(['corebridge', 'prometheus']);
  });

  it("probes each service's health on the port its command listens on", () => {
    const simulator = compose.services.simulator ?? {};
    expect(simulator.environment?.HEALTHCHECK_URL).toBe(`http://127.0.0.1:${portOf(simulator)}/health/live`);
    // The sync service takes the image's default.
    const sync = compose.services['sync-service'] ?? {};
    expect(sync.environment?.HEALTHCHECK_URL).toBeUndefined();
    expect(readDockerfile(root).healthcheck.join(' ')).toContain(
      `'http://127.0.0.1:${portOf(sync)}/health/live'`,
    );
  });
});
