import { formatRatio, formatSignedUs, formatUs } from './report/format.js';
import { measureTelemetryOverhead } from './rows/telemetry-overhead.js';

/**
 * Measures the telemetry row alone and prints it (`pnpm bench --telemetry`): Kagura's memory
 * hits and misses with and without an OpenTelemetry SDK, each configuration in its own process,
 * with ratios to the configuration without an SDK. `baselineCheckout` adds another commit's
 * core and OpenAI adapter (e.g. one from before tracing) as one more configuration.
 */
export async function printTelemetryOverhead(
  quick: boolean,
  baselineCheckout: string | undefined,
): Promise<void> {
  const result = await measureTelemetryOverhead({
    quick,
    baselineCheckout,
    log: (message) => console.error(`[bench] ${message}`),
  });
  const [base] = result.cells;
  if (base === undefined) return;
  console.log(
    `Telemetry overhead, per call through callLLM, memory cache, simulator answering at once (${result.iterations.hit} hits and ${result.iterations.miss} misses per configuration, interleaved):`,
  );
  for (const kind of ['hit', 'miss'] as const) {
    console.log(`  ${kind}`);
    for (const cell of result.cells) {
      const summary = cell[kind];
      const versus =
        cell === base
          ? 'baseline'
          : `${formatRatio(summary.p50, base[kind].p50)} (${formatSignedUs(summary.p50 - base[kind].p50)}) at p50, ${formatRatio(summary.p99, base[kind].p99)} at p99`;
      console.log(
        `    ${cell.label.padEnd(40)} p50 ${formatUs(summary.p50).padStart(9)}  p25-p75 ${formatUs(summary.p25)}-${formatUs(summary.p75)}  p99 ${formatUs(summary.p99).padStart(9)}  ${versus}`,
      );
    }
  }
  console.log('  exported (proves each configuration is what it says)');
  for (const cell of result.cells) {
    console.log(
      `    ${cell.label.padEnd(40)} ${cell.calls} calls, ${cell.spansExported} spans, ${cell.metricExports} metric exports`,
    );
  }
}
