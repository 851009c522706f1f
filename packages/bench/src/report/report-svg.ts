import type { BenchResults } from '../bench-results.js';
import type { SystemName } from '../systems/bench-system.js';
import { formatCount, formatMs, formatUs, formatUsd } from './format.js';

/** One bar. */
interface Bar {
  system: SystemName;
  value: number;
}

/** One small chart: a title, bars (lower is better), and how to print a value. */
interface Panel {
  title: string;
  bars: Bar[];
  format: (value: number) => string;
}

const colors: Record<SystemName, string> = {
  kagura: '#d9480f',
  'kagura-anthropic': '#d9480f',
  'raw-openai': '#868e96',
  'raw-anthropic': '#868e96',
  'vercel-ai': '#1c7ed6',
  'vercel-ai-unpaced': '#74c0fc',
  langchain: '#2b8a3e',
};

// Short names: the tables carry the full ones.
const names: Record<SystemName, string> = {
  kagura: 'Kagura TS',
  'kagura-anthropic': 'Kagura TS',
  'raw-openai': 'openai SDK',
  'raw-anthropic': 'Anthropic SDK',
  'vercel-ai': 'Vercel AI SDK',
  'vercel-ai-unpaced': 'AI SDK, no delay',
  langchain: 'LangChain.js',
};

const panelWidth = 470;
const labelWidth = 110;
const barArea = 250;
const barHeight = 18;
const gap = 6;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function panelHeight(panel: Panel): number {
  return 34 + panel.bars.length * (barHeight + gap) + 10;
}

function renderPanel(panel: Panel, x: number, y: number): string {
  const finite = panel.bars.filter((bar) => Number.isFinite(bar.value) && bar.value > 0);
  const max = Math.max(...finite.map((bar) => bar.value), 0);
  const min = Math.min(...finite.map((bar) => bar.value), max);
  // Values spanning more than two orders of magnitude get a log scale, so the small ones show.
  const logScale = min > 0 && max / min > 100;
  const width = (value: number) => {
    if (!(value > 0) || max === 0) return 0;
    if (!logScale) return (value / max) * barArea;
    const floor = Math.log10(min) - 0.5;
    return ((Math.log10(value) - floor) / (Math.log10(max) - floor)) * barArea;
  };
  const title = `${panel.title}${logScale ? ' (log scale)' : ''}`;
  const parts = [`<text x="${x}" y="${y + 18}" class="title">${escapeXml(title)}</text>`];
  panel.bars.forEach((bar, index) => {
    const top = y + 30 + index * (barHeight + gap);
    const barWidth = Math.max(1, width(bar.value));
    const label = names[bar.system];
    parts.push(
      `<text x="${x + labelWidth - 6}" y="${top + 13}" class="label" text-anchor="end">${escapeXml(label)}</text>`,
      `<rect x="${x + labelWidth}" y="${top}" width="${barWidth.toFixed(1)}" height="${barHeight}" fill="${colors[bar.system]}" rx="2"/>`,
      `<text x="${x + labelWidth + barWidth + 6}" y="${top + 13}" class="value">${escapeXml(Number.isFinite(bar.value) ? panel.format(bar.value) : 'n/a')}</text>`,
    );
  });
  return parts.join('\n');
}

function panels(results: BenchResults): Panel[] {
  const { rows } = results;
  const hit = (store: string) =>
    rows.cacheHit.stores.find((entry) => entry.store === store && entry.available);
  const list: Panel[] = [];
  for (const store of ['memory', 'disk', 'redis']) {
    const entry = hit(store);
    if (entry === undefined) continue;
    list.push({
      title: `Cache hit, ${store} store, p50`,
      bars: entry.cells.map((cell) => ({ system: cell.system, value: cell.summary.p50 })),
      format: formatUs,
    });
  }
  list.push({
    title: 'Miss through the cache, p50',
    bars: [
      { system: 'raw-openai', value: rows.missOverhead.baseline.p50 },
      ...rows.missOverhead.cells.map((cell) => ({ system: cell.system, value: cell.summary.p50 })),
    ],
    format: formatUs,
  });
  list.push({
    title: `${rows.coalescing.calls} identical calls: requests sent`,
    bars: rows.coalescing.cells.map((cell) => ({
      system: cell.system,
      value: cell.upstreamRequests,
    })),
    format: formatCount,
  });
  list.push({
    title: 'First chunk of a cached stream, p50',
    bars: rows.streaming.cached.map((cell) => ({ system: cell.system, value: cell.summary.p50 })),
    format: formatUs,
  });
  list.push({
    title: 'Workload: wall time',
    bars: rows.workload.cells.map((cell) => ({ system: cell.system, value: cell.wallMs })),
    format: formatMs,
  });
  list.push({
    title: 'Workload: cost',
    bars: rows.workload.cells.map((cell) => ({ system: cell.system, value: cell.costUsd })),
    format: formatUsd,
  });
  return list;
}

/**
 * An SVG bar chart of the headline figures, two panels a row, lower is better in every panel.
 * Plain SVG with no script or external font, so GitHub renders it as an image.
 */
export function renderSvg(results: BenchResults): string {
  const list = panels(results);
  const rowHeights: number[] = [];
  for (let index = 0; index < list.length; index += 2) {
    rowHeights.push(Math.max(...list.slice(index, index + 2).map(panelHeight)));
  }
  const width = panelWidth * 2 + 20;
  const height = 50 + rowHeights.reduce((sum, value) => sum + value, 0);
  const body: string[] = [];
  let y = 44;
  list.forEach((panel, index) => {
    const column = index % 2;
    body.push(renderPanel(panel, 10 + column * panelWidth, y));
    if (column === 1 || index === list.length - 1) y += rowHeights[Math.floor(index / 2)] ?? 0;
  });
  const heading = `Kagura TS against its peers (lower is better)${results.quick ? ', quick mode: not meaningful' : ''}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" role="img">
<title>${escapeXml(heading)}</title>
<style>.title{font-size:13px;font-weight:bold;fill:#212529}.label{font-size:11px;fill:#343a40}.value{font-size:11px;fill:#495057}.heading{font-size:15px;font-weight:bold;fill:#212529}</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="10" y="24" class="heading">${escapeXml(heading)}</text>
${body.join('\n')}
</svg>
`;
}
