import type { BenchResults } from '../bench-results.js';
import { renderExtraRows } from './extra-rows-section.js';
import { formatBytes, markdownTable } from './format.js';
import { importTimeSection } from './import-time-section.js';
import {
  cacheHitSection,
  coalescingSection,
  missOverheadSection,
  parallelSection,
  scaleSection,
  streamingSection,
  workloadSection,
} from './markdown-rows.js';
import { promptCachingSection } from './prompt-caching-section.js';

/** Marks where the generated part of `docs/benchmarks.md` starts. */
export const generatedStart =
  '<!-- bench:generated:start (written by `pnpm bench`; edit outside the markers) -->';
/** Marks where it ends. */
export const generatedEnd = '<!-- bench:generated:end -->';

/** The hand-written top of a new `docs/benchmarks.md` (an existing one keeps its own). */
export const defaultIntro = `# Benchmarks

How fast and how cheap Kagura TS is against what a TypeScript developer would otherwise pick.
Everything below the marker is written by \`pnpm bench\`.
`;

function machineSection(results: BenchResults, chartFile: string): string {
  const { machine } = results;
  const versions = markdownTable(
    ['package', 'version'],
    Object.entries(results.versions).map(([name, version]) => [
      `\`${name}\``,
      version ?? 'not installed',
    ]),
  );
  const quick = results.quick
    ? '\n\n**Quick mode:** tiny iteration counts, to prove the harness works. These numbers mean nothing.'
    : '';
  return `## The run\n\n${results.startedAt}, ${Math.round(results.durationSeconds)} s, commit \`${results.revision ?? 'unknown'}\`. ${machine.cpus} × ${machine.cpuModel}, ${formatBytes(machine.memoryBytes)}, ${machine.os}, Node ${machine.node}, redis-server ${machine.redisServer ?? 'not installed'}; 1-minute load average ${machine.loadAverage.toFixed(2)} at the start and ${machine.loadAverageEnd?.toFixed(2) ?? 'n/a'} at the end (the machine is shared with other work).${quick}\n\n![Kagura TS against its peers](${chartFile})\n\n${versions}`;
}

function targetsSection(results: BenchResults): string {
  const verdict = (met: boolean | null) =>
    met === null ? 'not measured' : met ? '**met**' : '**missed**';
  return `## Targets\n\n${markdownTable(
    ['target', 'goal', 'measured', ''],
    results.targets.map((target) => [
      target.label,
      target.target,
      target.value,
      verdict(target.met),
    ]),
  )}`;
}

/** The generated Markdown: the run, the targets, and a section per row. */
export function renderMarkdown(results: BenchResults, chartFile: string): string {
  return [
    machineSection(results, chartFile),
    targetsSection(results),
    cacheHitSection(results),
    missOverheadSection(results),
    coalescingSection(results),
    parallelSection(results),
    streamingSection(results),
    workloadSection(results),
    scaleSection(results),
    importTimeSection(results),
    promptCachingSection(results),
    results.rows.extra === undefined
      ? '## 11. Extra rows\n\nNot measured in this run.'
      : renderExtraRows(results.rows.extra),
  ].join('\n\n');
}

/**
 * Puts `generated` between the markers of `existing` (keeping everything outside them), or
 * after the default intro when there is no file or no markers yet.
 */
export function spliceGenerated(existing: string | undefined, generated: string): string {
  const block = `${generatedStart}\n\n${generated}\n\n${generatedEnd}`;
  if (existing === undefined) return `${defaultIntro}\n${block}\n`;
  const start = existing.indexOf(generatedStart);
  const end = existing.indexOf(generatedEnd);
  if (start === -1 || end === -1 || end < start) return `${existing.trimEnd()}\n\n${block}\n`;
  return existing.slice(0, start) + block + existing.slice(end + generatedEnd.length);
}
