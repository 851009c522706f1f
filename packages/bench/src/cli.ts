import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// Kagura is measured from its build, as users install it and as the peers run from theirs: the
// harness loads it (dynamically, below) only once the build is known to be there.
const packageDirectory = join(import.meta.dirname, '..');
checkKaguraBuilt();
const { printImportTime } = await import('./print-import-time.js');
const { printPromptCaching } = await import('./print-prompt-caching.js');
const { printTelemetryOverhead } = await import('./print-telemetry-overhead.js');
const { rerenderResults } = await import('./rerender-results.js');
const { runBenchmarks } = await import('./run-benchmarks.js');

// `pnpm bench [--quick] [--out DIR]`; BENCH_QUICK=1 also selects the quick mode.
// `pnpm bench --render-only` rewrites the report from results/latest.json without measuring.
// `pnpm bench --import-time` measures and prints row 8 (import time) alone.
// `pnpm bench --telemetry [--telemetry-baseline DIR]` measures and prints the telemetry row alone;
// DIR is a checkout of another commit (e.g. a git worktree from before tracing) run beside it.
// `pnpm bench --prompt-caching [--quick] [--out DIR]` measures and prints row 10 (provider prompt
// caching) alone, and writes DIR/prompt-caching.json (default packages/bench/results).
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    'render-only': { type: 'boolean', default: false },
    'import-time': { type: 'boolean', default: false },
    telemetry: { type: 'boolean', default: false },
    'prompt-caching': { type: 'boolean', default: false },
    'telemetry-baseline': { type: 'string' },
  },
});
const quick = values.quick === true || process.env.BENCH_QUICK === '1';

if (values['import-time']) await printImportTime(quick);
else if (values.telemetry) await printTelemetryOverhead(quick, values['telemetry-baseline']);
else if (values['prompt-caching'])
  await printPromptCaching(quick, values.out ?? join(packageDirectory, 'results'));
else await runAll();

async function runAll(): Promise<void> {
  const output = values['render-only']
    ? rerenderResults()
    : await runBenchmarks({ quick, resultsDirectory: values.out });
  const { results } = output;
  console.log(
    `Kagura TS benchmarks (${results.quick ? 'quick mode' : 'full run'}) in ${results.durationSeconds.toFixed(1)} s`,
  );
  for (const target of results.targets) {
    const verdict = target.met === null ? 'not measured' : target.met ? 'met' : 'MISSED';
    console.log(`  ${verdict.padEnd(12)} ${target.label}: ${target.value} (goal ${target.target})`);
  }
  console.log(`results: ${output.jsonFile}`);
  console.log(`report:  ${output.markdownFile}`);
  console.log(`chart:   ${output.svgFile}`);
}

function checkKaguraBuilt(): void {
  const missing = ['provider', 'core', 'openai', 'anthropic', 'testing'].filter(
    (name) => !existsSync(join(packageDirectory, '..', name, 'dist', 'index.js')),
  );
  if (missing.length === 0) return;
  console.error(
    `kagura bench: no build of ${missing.map((name) => `@kagura-ts/${name}`).join(', ')}. Run \`pnpm build\` first (the root \`pnpm bench\` does).`,
  );
  process.exit(1);
}
