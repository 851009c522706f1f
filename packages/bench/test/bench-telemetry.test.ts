import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDirectory = join(import.meta.dirname, '..');

// The quick mode proves each configuration is what it says (spans reach the exporter only with
// an SDK registered and telemetry on); it asserts no speed.
describe('pnpm bench --telemetry --quick', () => {
  let output: string;

  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=@kagura-ts/source', '--import', 'tsx', 'src/cli.ts', '--telemetry', '--quick'],
      { cwd: packageDirectory, timeout: 90_000 },
    );
    output = stdout;
  }, 120_000);

  function exportedSpans(label: string): number {
    const exported = output.slice(output.indexOf('exported'));
    const line = exported.split('\n').find((text) => text.trim().startsWith(label));
    const match = line?.match(/(\d+) spans/);
    if (match === null || match === undefined) throw new Error(`No span count for ${label}.`);
    return Number(match[1]);
  }

  it('should print hit and miss figures for every configuration', () => {
    for (const kind of ['hit', 'miss']) expect(output).toMatch(new RegExp(`^  ${kind}$`, 'm'));
    expect(output.match(/p50 +[\d.]+ (µs|ms)/g)).toHaveLength(8);
  });

  it('should export spans only with an SDK registered and telemetry on', () => {
    expect(exportedSpans('no SDK registered')).toBe(0);
    expect(exportedSpans('SDK registered')).toBeGreaterThan(0);
    expect(exportedSpans('no SDK, telemetry: { enabled: false }')).toBe(0);
    expect(exportedSpans('SDK, telemetry: { enabled: false }')).toBe(0);
  });
});
