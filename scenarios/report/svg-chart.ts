import { escapeHtml } from './html-escape.ts';

export interface ChartSeries {
  readonly name: string;
  /** `[x seconds, y]`, x ascending. */
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly color: string;
  readonly dashed?: boolean;
}

/** A shaded span of the x axis: a fault window (red) or a k6 run (blue). */
export interface ChartShade {
  readonly fromS: number;
  readonly toS: number;
  readonly label: string;
  readonly kind: 'fault' | 'outage' | 'maintenance' | 'load';
}

export interface LineChartOptions {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly xMaxS: number;
  readonly series: readonly ChartSeries[];
  readonly shades: readonly ChartShade[];
}

const WIDTH = 760;
const HEIGHT = 220;
const LEFT = 56;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;

/** 1, 2 or 5 times a power of ten at or above `value`: axis maxima people read at a glance. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const label = (value: number) =>
  Math.abs(value) >= 1000
    ? `${(value / 1000).toFixed(value % 1000 === 0 ? 0 : 1)}k`
    : String(+value.toFixed(2));

/**
 * A line chart as inline SVG, drawn here rather than by a charting library so a report opens with
 * no network and no script: shaded spans first, then axes, then one path per series. A series with
 * no points is named in the legend as such, so an empty chart says why it is empty.
 */
export function lineChart(options: LineChartOptions): string {
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const xMax = Math.max(1, options.xMaxS);
  const yValues = options.series.flatMap((s) => s.points.map(([, y]) => y)).filter(Number.isFinite);
  const yMin = Math.min(0, ...yValues);
  const yMax = niceCeiling(Math.max(...yValues, 0) - yMin) + yMin;
  const x = (s: number) => LEFT + (Math.min(Math.max(s, 0), xMax) / xMax) * plotW;
  const y = (v: number) => TOP + plotH - ((v - yMin) / (yMax - yMin || 1)) * plotH;
  const parts: string[] = [];
  for (const shade of options.shades) {
    const from = x(shade.fromS);
    parts.push(
      `<rect class="shade ${shade.kind}" x="${from.toFixed(1)}" y="${TOP}" width="${Math.max(1, x(shade.toS) - from).toFixed(1)}" height="${plotH}"><title>${escapeHtml(shade.label)}</title></rect>`,
    );
  }
  for (let i = 0; i <= 4; i++) {
    const value = yMin + ((yMax - yMin) * i) / 4;
    const at = y(value).toFixed(1);
    parts.push(`<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${at}" y2="${at}"/>`);
    parts.push(
      `<text class="tick" x="${LEFT - 6}" y="${at}" text-anchor="end" dy="0.35em">${label(value)}</text>`,
    );
  }
  const xStep = niceCeiling(xMax / 8);
  for (let s = 0; s <= xMax; s += xStep)
    parts.push(
      `<text class="tick" x="${x(s).toFixed(1)}" y="${HEIGHT - 10}" text-anchor="middle">${label(s)} s</text>`,
    );
  parts.push(
    `<line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + plotH}" y2="${TOP + plotH}"/>`,
    `<line class="axis" x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${TOP + plotH}"/>`,
  );
  for (const series of options.series) {
    const points = series.points.filter(([px, py]) => Number.isFinite(px) && Number.isFinite(py));
    if (points.length === 0) continue;
    const d = points
      .map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${x(px).toFixed(1)} ${y(py).toFixed(1)}`)
      .join(' ');
    parts.push(
      `<path class="series" data-series="${escapeHtml(series.name)}" data-points="${points.length}" d="${d}" stroke="${series.color}"${series.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
    );
  }
  const legend = [
    ...options.series.map(
      (s) =>
        `<span class="key"><i style="background:${s.color}"></i>${escapeHtml(s.name)}${s.points.length === 0 ? ' (no data)' : ''}</span>`,
    ),
    ...[...new Set(options.shades.map((s) => `${s.kind}:${s.label}`))].map((key) => {
      const [kind, ...rest] = key.split(':');
      return `<span class="key"><i class="shade ${kind}"></i>${escapeHtml(rest.join(':'))}</span>`;
    }),
  ];
  return [
    `<figure class="chart" id="${escapeHtml(options.id)}">`,
    `<figcaption><b>${escapeHtml(options.title)}</b> <small>(${escapeHtml(options.unit)} over scenario time)</small></figcaption>`,
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(options.title)}">`,
    ...parts,
    '</svg>',
    `<div class="legend">${legend.join(' ')}</div>`,
    '</figure>',
  ].join('\n');
}
