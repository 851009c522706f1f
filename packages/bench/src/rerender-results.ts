import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BenchResults } from './bench-results.js';
import { packageDirectory } from './run-benchmarks.js';
import { evaluateTargets } from './targets.js';
import { type RunBenchmarksOutput, writeOutputs } from './write-outputs.js';

/**
 * Re-renders the report of an earlier run from its `latest.json`, with this code's report and
 * target evaluation, without measuring anything: for changes to the report's wording or layout.
 * The numbers are the file's; the targets are evaluated again from them.
 */
export function rerenderResults(
  options: { resultsFile?: string; docsDirectory?: string } = {},
): RunBenchmarksOutput {
  const resultsFile = options.resultsFile ?? join(packageDirectory, 'results', 'latest.json');
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResults;
  results.targets = evaluateTargets(results.rows);
  const docsDirectory = options.docsDirectory ?? join(packageDirectory, '..', '..', 'docs');
  return writeOutputs(results, dirname(resultsFile), docsDirectory);
}
