/** What {@link formatTrace} reads of a finished span: a small subset of an SDK's `ReadableSpan`. */
export interface TraceSpan {
  /** The span's name, e.g. `chat gpt-4o-mini` or `invoke_agent translate`. */
  name: string;
  /** The trace the span belongs to. */
  traceId: string;
  /** The span's id. */
  spanId: string;
  /** The parent span's id; a span whose parent was not recorded is shown as a root. */
  parentSpanId?: string;
  /** When the span started, in milliseconds on any clock shared by all the spans. */
  startMs: number;
  /** When the span ended, on the same clock as {@link TraceSpan.startMs}. */
  endMs: number;
  /** The span's attributes, e.g. `kagura.cache.status`, `gen_ai.usage.input_tokens`. */
  attributes: Readonly<Record<string, unknown>>;
}

interface Node {
  span: TraceSpan;
  children: Node[];
}

interface Row {
  label: string;
  cells: string[];
  duration: string;
}

const served = new Set(['hit', 'coalesced']);

/**
 * The lines of a plain-text span tree: one line per span, children under their parent by start
 * time, each with its duration; model calls (`kagura.cache.status` set) also with cache status,
 * tokens, cost and retries. A header counts spans and traces; a last line sums the cache
 * statuses and what the cache saved.
 *
 * @example
 * formatTrace(spans);
 * // ['Trace (2 spans, 1 trace):', 'invoke_agent translate   12 ms', '└─ chat gpt-4o-mini  miss  in 9 out 12  $0.000009  11 ms', 'Cache: 1 miss.']
 */
export function formatTrace(spans: readonly TraceSpan[]): string[] {
  const roots = buildTree(spans);
  const traces = new Set(spans.map((span) => span.traceId)).size;
  const rows: Row[] = [];
  const visit = (node: Node, prefix: string, childPrefix: string) => {
    const errorType = node.span.attributes['error.type'];
    const cells = callCells(node.span);
    rows.push({
      label:
        prefix +
        node.span.name +
        routeNote(node.span) +
        (cells.length === 0 && typeof errorType === 'string' ? `  error ${errorType}` : ''),
      cells,
      duration: formatDuration(node.span.endMs - node.span.startMs),
    });
    node.children.forEach((child, index) => {
      const last = index === node.children.length - 1;
      visit(child, childPrefix + (last ? '└─ ' : '├─ '), childPrefix + (last ? '   ' : '│  '));
    });
  };
  for (const root of roots) visit(root, '', '');
  // Model calls' columns line up among themselves; durations line up at the right of all.
  const calls = rows.filter((row) => row.cells.length > 0);
  const labelWidth = Math.max(0, ...calls.map((row) => row.label.length));
  const cellWidths = [0, 1, 2, 3].map((column) =>
    Math.max(0, ...calls.map((row) => row.cells[column]?.length ?? 0)),
  );
  const bodies = rows.map((row) => {
    if (row.cells.length === 0) return row.label;
    const cells = cellWidths
      .map((width, column) => (row.cells[column] ?? '').padEnd(width))
      .filter((_, column) => (cellWidths[column] ?? 0) > 0);
    return [row.label.padEnd(labelWidth), ...cells].join('  ').trimEnd();
  });
  const bodyWidth = Math.max(0, ...bodies.map((body) => body.length));
  const durationWidth = Math.max(0, ...rows.map((row) => row.duration.length));
  const lines = rows.map(
    (row, index) =>
      `${(bodies[index] ?? '').padEnd(bodyWidth)}  ${row.duration.padStart(durationWidth)}`,
  );
  const header = `Trace (${plural(spans.length, 'span')}, ${plural(traces, 'trace')}):`;
  return [header, ...lines, summarizeCache(spans)];
}

function buildTree(spans: readonly TraceSpan[]): Node[] {
  const nodes = new Map<string, Node>();
  for (const span of spans) nodes.set(span.spanId, { span, children: [] });
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent =
      node.span.parentSpanId === undefined ? undefined : nodes.get(node.span.parentSpanId);
    (parent === undefined || parent === node ? roots : parent.children).push(node);
  }
  const sort = (list: Node[]) => {
    list.sort((a, b) => a.span.startMs - b.span.startMs);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

// A router's decision: `-> trip-desk (keyword)`.
function routeNote({ attributes }: TraceSpan): string {
  const agent = attributes['kagura.route.agent'];
  if (typeof agent !== 'string') return '';
  const strategy = attributes['kagura.route.strategy'];
  return ` -> ${agent}${typeof strategy === 'string' ? ` (${strategy})` : ''}`;
}

// Columns of a model call: cache status, tokens, cost, retries or error.
function callCells(span: TraceSpan): string[] {
  const { attributes } = span;
  const status = attributes['kagura.cache.status'];
  const errorType = attributes['error.type'];
  if (typeof status !== 'string') return [];
  const input = numberOf(attributes['gen_ai.usage.input_tokens']);
  const output = numberOf(attributes['gen_ai.usage.output_tokens']);
  const tokens =
    input === undefined && output === undefined
      ? ''
      : `in ${formatCount(input ?? 0)} out ${formatCount(output ?? 0)}`;
  // A call served from the cache or shared costs nothing: what it saved says more.
  const saved = numberOf(attributes['kagura.cost.saved_usd']);
  const cost =
    served.has(status) && saved !== undefined
      ? `saved ${formatUsd(saved)}`
      : formatPrice(numberOf(attributes['kagura.cost.usd']));
  const retries = numberOf(attributes['kagura.retry.count']) ?? 0;
  const notes = [
    retries > 0 ? plural(retries, 'retry', 'retries') : '',
    typeof errorType === 'string' ? `error ${errorType}` : '',
  ].filter((note) => note !== '');
  return [status, tokens, cost, notes.join(', ')];
}

function summarizeCache(spans: readonly TraceSpan[]): string {
  const counts = new Map<string, number>();
  let tokensSaved = 0;
  let usdSaved = 0;
  let priced = false;
  for (const { attributes } of spans) {
    const status = attributes['kagura.cache.status'];
    if (typeof status !== 'string') continue;
    counts.set(status, (counts.get(status) ?? 0) + 1);
    const saved = numberOf(attributes['kagura.cost.saved_usd']);
    if (saved !== undefined) {
      priced = true;
      usdSaved += saved;
    }
    if (served.has(status)) {
      tokensSaved +=
        (numberOf(attributes['gen_ai.usage.input_tokens']) ?? 0) +
        (numberOf(attributes['gen_ai.usage.output_tokens']) ?? 0);
    }
  }
  if (counts.size === 0) return 'Cache: no model calls.';
  const names: Record<string, [string, string]> = {
    hit: ['hit', 'hits'],
    coalesced: ['coalesced', 'coalesced'],
    miss: ['miss', 'misses'],
    bypass: ['bypass', 'bypasses'],
    refresh: ['refresh', 'refreshes'],
  };
  const order = ['hit', 'coalesced', 'miss', 'bypass', 'refresh'];
  const statuses = [...counts.keys()].sort(
    (a, b) => rank(order.indexOf(a)) - rank(order.indexOf(b)),
  );
  const parts = statuses.map((status) => {
    const [one, many] = names[status] ?? [status, status];
    return plural(counts.get(status) ?? 0, one, many);
  });
  const hits = (counts.get('hit') ?? 0) + (counts.get('coalesced') ?? 0);
  if (hits === 0) return `Cache: ${parts.join(', ')}.`;
  const savings = priced
    ? `${formatCount(tokensSaved)} tokens and ${formatUsd(usdSaved)} saved`
    : `${formatCount(tokensSaved)} tokens saved`;
  return `Cache: ${parts.join(', ')}; ${savings}.`;
}

function rank(index: number): number {
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

function formatPrice(usd: number | undefined): string {
  return usd === undefined ? '' : formatUsd(usd);
}

function formatUsd(usd: number): string {
  return `$${usd.toFixed(6)}`;
}

/** A duration as the demo prints it: `0.42 ms`, `8.1 ms`, `236 ms`, `1.24 s`. */
export function formatDuration(milliseconds: number): string {
  const value = Math.max(0, milliseconds);
  if (value < 1) return `${value.toFixed(2)} ms`;
  if (value < 10) return `${value.toFixed(1)} ms`;
  if (value < 1000) return `${Math.round(value)} ms`;
  return `${(value / 1000).toFixed(2)} s`;
}
