import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BenchResults } from './bench-results.js';
import { renderMarkdown, spliceGenerated } from './report/report-markdown.js';
import { renderSvg } from './report/report-svg.js';

/** Where a run wrote its files. */
export interface RunBenchmarksOutput {
  results: BenchResults;
  jsonFile: string;
  markdownFile: string;
  svgFile: string;
}

/**
 * Writes `latest.json` into `resultsDirectory`, and `benchmarks.svg` and `benchmarks.md` into
 * `docsDirectory` (an existing `benchmarks.md` keeps everything outside its generated markers).
 */
export function writeOutputs(
  results: BenchResults,
  resultsDirectory: string,
  docsDirectory: string,
): RunBenchmarksOutput {
  mkdirSync(resultsDirectory, { recursive: true });
  mkdirSync(docsDirectory, { recursive: true });
  const jsonFile = join(resultsDirectory, 'latest.json');
  const markdownFile = join(docsDirectory, 'benchmarks.md');
  const svgFile = join(docsDirectory, 'benchmarks.svg');
  // NaN and Infinity (skipped cells) become null in JSON.
  writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(svgFile, renderSvg(results));
  let existing: string | undefined;
  try {
    existing = readFileSync(markdownFile, 'utf8');
  } catch {
    existing = undefined;
  }
  const chart = relative(docsDirectory, svgFile) || 'benchmarks.svg';
  writeFileSync(markdownFile, spliceGenerated(existing, renderMarkdown(results, chart)));
  return { results, jsonFile, markdownFile, svgFile };
}
