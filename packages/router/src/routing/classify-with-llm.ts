import { type CacheControl, type Client, getDefaultClient, type Schema } from '@kagura-ts/core';
import { isRecord } from '@kagura-ts/provider';
import { createJsonValidator, type JsonIssue } from '../util/create-json-validator.js';
import type { RegisteredAgent } from './registered-agent.js';
import { toNoRouteError } from './to-no-route-error.js';

/** Options of {@link classifyWithLLM}. */
export interface ClassifyOptions {
  /** The client to call through. @default the default client */
  client?: Client | undefined;
  /** The classifying model. @default the client's model */
  model?: string | undefined;
  /** Cache controls for the call. @default the client's cache settings */
  cache?: CacheControl | undefined;
  /** Instructions placed before the list of agents in the system prompt. */
  instructions?: string | undefined;
  /** Cancels the call. */
  abortSignal?: AbortSignal | undefined;
}

/** What the classifier answers. */
export interface Classification {
  /** The chosen agent's name. */
  agent: string;
  /** How confident the model is, 0 to 1. */
  confidence: number;
}

const defaultInstructions =
  "Choose the one agent best suited to handle the user's message, and say how confident you " +
  'are that it is the right one, from 0 to 1.';

/**
 * Routes with one structured-output call: the system prompt lists the agents (name, description,
 * intents), the user message is the query, and the reply is `{ agent, confidence }` with `agent`
 * one of the names. The call goes through the client's cache like any other, so the same query
 * to the same agents is a cache hit. A reply naming an unknown agent is not cached and throws a
 * {@link NoRouteError} listing the candidates.
 */
export async function classifyWithLLM(
  query: string,
  agents: readonly RegisteredAgent[],
  options: ClassifyOptions = {},
): Promise<Classification> {
  const names = agents.map((agent) => agent.name);
  const client = options.client ?? getDefaultClient();
  try {
    const { object } = await client.call(query, {
      model: options.model,
      system: describeAgents(agents, options.instructions ?? defaultInstructions),
      schema: createClassificationSchema(names),
      schemaName: 'route',
      temperature: 0,
      cache: options.cache,
      abortSignal: options.abortSignal,
      agentName: 'router',
    });
    return object;
  } catch (error) {
    throw toNoRouteError(error, { query, candidates: names, requestedBy: 'the model' });
  }
}

/**
 * The schema of a classification: `{ agent: one of names, confidence: 0..1 }`.
 * @example
 * ```ts
 * createClassificationSchema(['translate', 'code']);
 * ```
 */
export function createClassificationSchema(names: readonly string[]): Schema<Classification> {
  return createJsonValidator<Classification>(
    {
      type: 'object',
      properties: {
        agent: { type: 'string', enum: [...names], description: 'The chosen agent.' },
        confidence: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description: 'How sure you are, from 0 to 1.',
        },
      },
      required: ['agent', 'confidence'],
      additionalProperties: false,
    },
    (value) => {
      if (!isRecord(value)) return [{ message: 'expected an object' }];
      const issues: JsonIssue[] = [];
      if (typeof value.agent !== 'string' || !names.includes(value.agent)) {
        issues.push({ message: `expected one of ${names.join(', ')}`, path: ['agent'] });
      }
      const { confidence } = value;
      if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)) {
        issues.push({ message: 'expected a number from 0 to 1', path: ['confidence'] });
      }
      return issues;
    },
  );
}

function describeAgents(agents: readonly RegisteredAgent[], instructions: string): string {
  const lines = agents.map((agent) => {
    const intents = agent.intents.length > 0 ? ` (for: ${agent.intents.join(', ')})` : '';
    return `- ${agent.name}: ${agent.description ?? 'no description'}${intents}`;
  });
  return `${instructions}\n\nAgents:\n${lines.join('\n')}`;
}
