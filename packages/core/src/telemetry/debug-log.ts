import { debuglog } from 'node:util';
import type { KaguraEvent } from './call-event.js';

/** Writes one debug line of a category, e.g. `('cache', 'hit ...')`. */
export type DebugLog = (category: DebugCategory, line: string) => void;

/** The debug log's categories: `DEBUG=kagura:cache` shows only the cache's lines. */
export type DebugCategory = 'call' | 'cache' | 'limit' | 'retry' | 'tool' | 'store';

/**
 * The debug log, if the environment asks for it: `DEBUG=kagura:*` (the `debug` package's
 * syntax: a comma- or space-separated list of namespaces, `*` as a wildcard, `-` to exclude;
 * `kagura:cache` for one category), or Node's own `NODE_DEBUG=kagura` (every category). Lines
 * go to stderr. They never hold prompts, answers, keys or credentials.
 */
export function createDebugLog(env: NodeJS.ProcessEnv = process.env): DebugLog | undefined {
  const patterns = parseDebugPatterns(env.DEBUG ?? '');
  const matches = (category: DebugCategory) =>
    debugNamespaceEnabled(patterns, `kagura:${category}`);
  const nodeDebug = /(^|,)kagura(,|$)/i.test(env.NODE_DEBUG ?? '') ? debuglog('kagura') : undefined;
  const enabled = new Set(categories.filter(matches));
  if (nodeDebug === undefined && enabled.size === 0) return undefined;
  return (category, line) => {
    const text = redactSecrets(line);
    if (nodeDebug !== undefined) nodeDebug('%s %s', category, text);
    else if (enabled.has(category)) process.stderr.write(`kagura:${category} ${text}\n`);
  };
}

/**
 * A line fit to print: credentials in URLs (`//user:pass@`), bearer tokens and API keys
 * (`sk-...`, `sk-ant-...`) become `***`. Error messages can quote any of them.
 */
export function redactSecrets(line: string): string {
  return line
    .replace(/\/\/[^/@\s]*@/g, '//***@')
    .replace(/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, '$1 ***')
    .replace(/\bsk-[\w-]{6,}/g, 'sk-***');
}

const categories: DebugCategory[] = ['call', 'cache', 'limit', 'retry', 'tool', 'store'];

interface DebugPatterns {
  include: RegExp[];
  exclude: RegExp[];
}

function parseDebugPatterns(value: string): DebugPatterns {
  const include: RegExp[] = [];
  const exclude: RegExp[] = [];
  for (const pattern of value.split(/[\s,]+/)) {
    if (pattern === '') continue;
    const negated = pattern.startsWith('-');
    const body = negated ? pattern.slice(1) : pattern;
    const expression = new RegExp(
      `^${body.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`,
    );
    (negated ? exclude : include).push(expression);
  }
  return { include, exclude };
}

function debugNamespaceEnabled(patterns: DebugPatterns, namespace: string): boolean {
  if (patterns.exclude.some((pattern) => pattern.test(namespace))) return false;
  return patterns.include.some((pattern) => pattern.test(namespace) || pattern.test('kagura'));
}

/** The debug line of an event, and its category. */
export function describeEvent(event: KaguraEvent): [DebugCategory, string] {
  switch (event.type) {
    case 'request-start':
      return [
        'call',
        `#${event.callId} start ${event.provider}:${event.model}${event.stream ? ' stream' : ''}${agentOf(event.agent)}`,
      ];
    case 'cache-result':
      return [
        'cache',
        `#${event.callId} ${event.status}${event.ageMs === undefined ? '' : ` age=${event.ageMs}ms`}${event.key === undefined ? '' : ` key=${event.key}`}`,
      ];
    case 'coalesced-join':
      return ['cache', `#${event.callId} joined #${event.leaderCallId}, sharing its request`];
    case 'limiter-wait':
      return [
        'limit',
        `#${event.callId} waited ${Math.round(event.waitedMs)}ms at ${event.gate} ${event.limit}`,
      ];
    case 'retry-scheduled':
      return [
        'retry',
        `#${event.callId} attempt ${event.attempt} failed (${event.reason}), retrying in ${Math.round(event.delayMs)}ms`,
      ];
    case 'first-token':
      return ['call', `#${event.callId} first token after ${Math.round(event.ms)}ms`];
    case 'prompt-cache-miss':
      return ['cache', `#${event.callId} read nothing from the prompt cache: ${event.reason}`];
    case 'response': {
      const { usage, cost } = event;
      const price = cost.priced
        ? ` $${(cost.usd + cost.savedUsd).toFixed(6)}${cost.savedUsd > 0 ? ' saved' : ''}`
        : '';
      return [
        'call',
        `#${event.callId} ${event.cache} ${event.finishReason} in=${usage.inputTokens} out=${usage.outputTokens} cached=${usage.cachedInputTokens}${usage.cacheWriteInputTokens ? ` written=${usage.cacheWriteInputTokens}` : ''}${price} ${Math.round(event.durationMs)}ms`,
      ];
    }
    case 'error':
      return [
        'call',
        `#${event.callId} failed (${event.errorType}) after ${Math.round(event.durationMs)}ms: ${messageOf(event.error)}`,
      ];
    case 'tool-call':
      return ['tool', `${event.toolName} (${event.toolCallId}) start`];
    case 'tool-result':
      return [
        'tool',
        `${event.toolName} (${event.toolCallId}) ${event.isError ? 'error result' : 'done'} ${Math.round(event.durationMs)}ms`,
      ];
  }
}

function agentOf(agent: string | undefined): string {
  return agent === undefined ? '' : ` agent=${agent}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
