import { createAnthropic as createAISDKAnthropic } from '@ai-sdk/anthropic';
import { createAnthropic } from '@kagura-ts/anthropic';
import { createClient, type PromptCacheOption, parallelMap } from '@kagura-ts/core';
import { ChatAnthropic } from '@langchain/anthropic';
import { generateText } from 'ai';
import { anthropicPromptCachingMiddleware, createAgent } from 'langchain';
import { benchApiKey } from './bench-system.js';

/** The configurations of the prompt-caching row. */
export type PromptCachingAgentName =
  | 'kagura-auto'
  | 'kagura-no-warm-up'
  | 'kagura-off'
  | 'vercel-ai-cache-control'
  | 'vercel-ai'
  | 'langchain-middleware'
  | 'langchain-middleware-min-1';

/** An agent with one long system prompt, answering many questions at once. */
export interface PromptCachingAgent {
  /** Which configuration. */
  readonly name: PromptCachingAgentName;
  /** How the report names it. */
  readonly label: string;
  /**
   * Answers every question under `system`, all in flight at once, as a user of this library
   * writes a fan-out; resolves the output tokens each reply reported.
   */
  answerAll(system: string, questions: readonly string[]): Promise<number[]>;
}

/** Where the agents send their requests. */
export interface PromptCachingSetup {
  /** The simulator's Anthropic base URL (without `/v1`). */
  anthropicBaseURL: string;
  /** The Claude model id. */
  model: string;
}

/** The row's configurations, in report order. */
export const promptCachingAgentNames: readonly PromptCachingAgentName[] = [
  'kagura-auto',
  'kagura-no-warm-up',
  'kagura-off',
  'vercel-ai-cache-control',
  'vercel-ai',
  'langchain-middleware',
  'langchain-middleware-min-1',
];

/** Creates one configuration of the prompt-caching row. */
export function createPromptCachingAgent(
  name: PromptCachingAgentName,
  setup: PromptCachingSetup,
): PromptCachingAgent {
  if (name === 'kagura-auto')
    return kaguraAgent(name, 'Kagura, promptCache auto (warm-up)', 'auto', setup);
  if (name === 'kagura-no-warm-up')
    return kaguraAgent(name, 'Kagura, auto, warmUp: false', { warmUp: false }, setup);
  if (name === 'kagura-off') return kaguraAgent(name, 'Kagura, promptCache: false', false, setup);
  if (name === 'vercel-ai-cache-control')
    return vercelAgent(name, 'AI SDK, cacheControl on system', true, setup);
  if (name === 'vercel-ai') return vercelAgent(name, 'AI SDK, no cacheControl', false, setup);
  if (name === 'langchain-middleware')
    return langChainAgent(name, 'LangChain, caching middleware (defaults)', undefined, setup);
  return langChainAgent(name, 'LangChain, middleware, minMessagesToCache: 1', 1, setup);
}

// Kagura as a user writes it: one client (no response cache, so only the provider's prefix cache
// can save anything), the questions through parallelMap with no concurrency limit.
function kaguraAgent(
  name: PromptCachingAgentName,
  label: string,
  promptCache: PromptCacheOption,
  setup: PromptCachingSetup,
): PromptCachingAgent {
  const client = createClient({
    providers: {
      anthropic: createAnthropic({ baseURL: setup.anthropicBaseURL, apiKey: benchApiKey }),
    },
    model: `anthropic:${setup.model}`,
    cache: false,
    defaults: { promptCache },
  });
  return {
    name,
    label,
    answerAll: (system, questions) =>
      parallelMap(questions, async (question) => {
        const response = await client.call(question, { system });
        return response.usage.outputTokens;
      }),
  };
}

// The AI SDK's documented prompt caching: `providerOptions.anthropic.cacheControl` on the system
// message; generateText per question, Promise.all over them.
function vercelAgent(
  name: PromptCachingAgentName,
  label: string,
  cacheControl: boolean,
  setup: PromptCachingSetup,
): PromptCachingAgent {
  const provider = createAISDKAnthropic({
    baseURL: `${setup.anthropicBaseURL}/v1`,
    apiKey: benchApiKey,
  });
  const model = provider(setup.model);
  return {
    name,
    label,
    answerAll: (system, questions) =>
      Promise.all(
        questions.map(async (question) => {
          const result = await generateText({
            model,
            system: cacheControl
              ? {
                  role: 'system',
                  content: system,
                  providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } },
                }
              : system,
            prompt: question,
          });
          return result.usage.outputTokens ?? 0;
        }),
      ),
  };
}

// LangChain's documented prompt caching: `anthropicPromptCachingMiddleware` on an agent from
// `createAgent` over ChatAnthropic (no tools). The middleware asks for Anthropic's automatic
// caching (a top-level `cache_control`), which the simulator places on the last block, as the
// API does.
function langChainAgent(
  name: PromptCachingAgentName,
  label: string,
  minMessagesToCache: number | undefined,
  setup: PromptCachingSetup,
): PromptCachingAgent {
  const model = new ChatAnthropic({
    model: setup.model,
    apiKey: benchApiKey,
    anthropicApiUrl: setup.anthropicBaseURL,
  });
  const middleware = anthropicPromptCachingMiddleware(
    minMessagesToCache === undefined ? undefined : { minMessagesToCache },
  );
  // One agent per system prompt: createAgent takes it when the agent is made.
  const agents = new Map<string, ReturnType<typeof createAgent>>();
  const agentFor = (system: string) => {
    let agent = agents.get(system);
    if (agent === undefined) {
      agent = createAgent({ model, systemPrompt: system, middleware: [middleware] });
      agents.clear();
      agents.set(system, agent);
    }
    return agent;
  };
  return {
    name,
    label,
    answerAll(system, questions) {
      const agent = agentFor(system);
      return Promise.all(
        questions.map(async (question) => {
          const state = await agent.invoke({ messages: [{ role: 'user', content: question }] });
          const reply = state.messages.at(-1) as
            | { usage_metadata?: { output_tokens?: number } }
            | undefined;
          return reply?.usage_metadata?.output_tokens ?? 0;
        }),
      );
    },
  };
}
