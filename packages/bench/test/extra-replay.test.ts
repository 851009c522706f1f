import { describe, expect, it } from 'vitest';
import { extraReplayTargets, renderExtraReplay } from '../src/report/extra-replay-section.js';
import {
  type ExtraReplayResult,
  marginalUsPerDelta,
  type ReplayCell,
} from '../src/rows/extra-replay.js';
import { summarize } from '../src/stats.js';

function kaguraCell(deltas: number, totalUs: number): ReplayCell {
  return {
    system: 'kagura',
    cached: true,
    deltas,
    totalUs: summarize([totalUs]),
    perDeltaUs: summarize([totalUs / deltas]),
    upstreamRequests: 0,
  };
}

function resultWith(short: ReplayCell, long: ReplayCell): ExtraReplayResult {
  const langchain: ReplayCell = {
    ...kaguraCell(200, Number.NaN),
    system: 'langchain',
    cached: false,
    note: 'not cached',
  };
  return {
    replay: 'instant',
    sizes: [
      { replyTokens: 200, cells: [short, langchain] },
      { replyTokens: 2000, cells: [long] },
    ],
    kaguraMarginalUsPerDelta: marginalUsPerDelta(short, long),
  };
}

describe('marginalUsPerDelta', () => {
  it('should divide the difference of the medians by the difference of the deltas', () => {
    expect(marginalUsPerDelta(kaguraCell(200, 50), kaguraCell(2_000, 230))).toBeCloseTo(0.1);
  });

  it('should be NaN when the delta counts are equal', () => {
    expect(marginalUsPerDelta(kaguraCell(200, 50), kaguraCell(200, 60))).toBeNaN();
  });
});

describe('extraReplayTargets', () => {
  it('should meet the target when every length replays under 0.5 µs a delta', () => {
    const result = resultWith(kaguraCell(200, 60), kaguraCell(2_000, 400));
    expect(extraReplayTargets(result)[0]?.met).toBe(true);
  });

  it('should miss it when one length is slower', () => {
    const result = resultWith(kaguraCell(200, 200), kaguraCell(2_000, 400));
    expect(extraReplayTargets(result)[0]?.met).toBe(false);
  });

  it('should not judge replays that went upstream', () => {
    const long = { ...kaguraCell(2_000, 400), upstreamRequests: 1 };
    expect(extraReplayTargets(resultWith(kaguraCell(200, 60), long))[0]?.met).toBeNull();
  });
});

describe('renderExtraReplay', () => {
  it('should render every cell and a stream that is not cached as n/a', () => {
    const lines = renderExtraReplay(resultWith(kaguraCell(200, 60), kaguraCell(2_000, 400)));
    expect(lines[0]).toBe('## 11.8 Cached stream replay per delta');
    expect(lines.join('\n')).toContain('0.189 µs');
    const table = lines.at(-1) ?? '';
    expect(table).toContain(
      '| Kagura TS | 200 | 60.0 µs (1 replay) | 0.300 µs / 0.300 µs | 0 |  |',
    );
    expect(table).toContain('| LangChain.js | 200 | n/a | n/a | n/a | not cached |');
  });
});
