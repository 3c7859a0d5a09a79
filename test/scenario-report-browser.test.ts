import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { createDatabase } from '../infra/postgres/start-postgres.ts';
import { findExecutable } from '../infra/process/find-executable.ts';
import { writeReportIndex, writeRunReport } from '../scenarios/report/write-reports.ts';
import { loadScenario } from '../scenarios/runner/load-scenario.ts';
import { runScenario } from '../scenarios/runner/run-scenario.ts';
import type { ScenarioResult } from '../scenarios/runner/verdict.ts';
import { skipWithoutTool } from './missing-tool.ts';

// Debian's chromium; CHROMIUM_PATH for another build.
const executablePath = process.env.CHROMIUM_PATH ?? findExecutable('chromium', process.env);
const missing =
  executablePath === undefined
    ? 'chromium is not on PATH. Install it (apt-get install chromium) or set CHROMIUM_PATH.'
    : undefined;

const FILE = 'scenarios/abs-outage.yaml';

/** The SVG geometry calls used here (the type check has no DOM library). */
interface SvgPath {
  getTotalLength(): number;
  getBBox(): { height: number };
}

describe.skipIf(skipWithoutTool('scenario report in headless Chromium', missing))(
  'scenario report in headless Chromium',
  () => {
    let browser: Browser;
    let dir: string;
    let result: ScenarioResult;
    let reportFile: string;

    beforeAll(async () => {
      if (executablePath === undefined) throw new Error(missing);
      // A real run of a short scenario (6 s on the memory bus), reported as `npm run chaos` does.
      const scenario = await loadScenario(FILE);
      result = await runScenario(scenario, FILE, {
        environment: {
          busKind: 'memory',
          describe: 'memory',
          newDatabase: () => createDatabase(inject('postgresUrl'), `report_browser_${process.pid}`),
          newBus: () => createMemoryBus(),
          stop: async () => {},
          [Symbol.asyncDispose]: async () => {},
        },
        log: createLogger('test', 'silent'),
      });
      dir = await mkdtemp(join(tmpdir(), 'corebridge-report-'));
      reportFile = await writeRunReport(dir, result);
      await writeReportIndex(dir);
      browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('renders every chart with drawn series, the fault windows shaded, and the verdict table', async () => {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(reportFile).href);

      const charts = page.locator('figure.chart');
      expect(await charts.count()).toBe(6);
      for (const id of ['requests', 'latency', 'lag', 'backlog', 'divergence']) {
        const chart = page.locator(`#${id}`);
        // Rendered by the browser: the SVG has a real size and each path real geometry and vertices.
        const box = await chart.locator('svg').boundingBox();
        expect(box?.width, `${id} width`).toBeGreaterThan(300);
        const paths = chart.locator('path.series');
        expect(await paths.count(), `${id} series`).toBeGreaterThan(0);
        const points = Number(await paths.first().getAttribute('data-points'));
        expect(points, `${id} points`).toBeGreaterThan(5);
        const length = await paths.first().evaluate((path) => (path as unknown as SvgPath).getTotalLength());
        expect(length, `${id} path length`).toBeGreaterThan(10);
        // abs-outage has two outage rules over the same window: two spans per chart, shaded as outages.
        expect(await chart.locator('rect.shade.outage').count(), `${id} outage shading`).toBe(2);
      }
      // The outage holds ABS events at the source: the backlog chart rises above zero.
      const held = page.locator('#backlog path[data-series="ABS events held at the source"]');
      const heightOf = await held.evaluate((path) => (path as unknown as SvgPath).getBBox().height);
      expect(heightOf).toBeGreaterThan(10);

      const rows = page.locator('#verdicts tbody tr');
      expect(await rows.count()).toBe(result.verdicts.length);
      expect(await rows.first().locator('td').first().textContent()).toBe('lost');
      const data = JSON.parse((await page.locator('#run-data').textContent()) ?? '{}');
      expect(data.result.verdicts).toEqual(result.verdicts);
      // Self-contained: the page asked for nothing but itself.
      expect(requests).toEqual([pathToFileURL(reportFile).href]);
    });

    it('is linked from index.html', async () => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(dir, 'index.html')).href);
      await page.locator('#runs a', { hasText: 'abs-outage' }).click();
      await page.waitForURL(/abs-outage-memory\.html$/);
      expect(await page.locator('h1').textContent()).toContain('abs-outage on memory');
    });
  },
);
