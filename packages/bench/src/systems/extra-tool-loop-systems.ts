import { createOpenAI as createAISDKOpenAI } from '@ai-sdk/openai';
import { defineTool } from '@kagura-ts/core';
import { InMemoryCache } from '@langchain/core/caches';
import {
  type AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, isStepCount, jsonSchema, tool, wrapLanguageModel } from 'ai';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { type BenchPrompt, benchApiKey, benchModel, type SystemName } from './bench-system.js';
import { createExtraKaguraClient } from './extra-kagura-client.js';
import { createMapStore } from './key-value-store.js';
import { createCacheMiddleware } from './vercel-cache-middleware.js';

/** The one tool of the loop: its definition, and what it answers (the loop's own bookkeeping). */
export interface LoopTool {
  /** The name the model calls it by. */
  name: string;
  /** What it does, for the model. */
  description: string;
  /** Its input's JSON Schema. */
  parameters: Record<string, unknown>;
  /** Runs it: the same input always gets an answer of the same size, different per turn. */
  execute(input: unknown): string;
}

/** A system that runs a tool loop to the model's answer, each its documented way. */
export interface ToolLoopSystem {
  readonly name: SystemName;
  /** Whether its model turns go through a memory cache. */
  readonly cached: boolean;
  /** Runs the loop: calls the model, runs the tool, sends its result back, until an answer. */
  run(input: BenchPrompt): Promise<string>;
  close(): Promise<void>;
}

/** Options of {@link createToolLoopSystems}. */
export interface ToolLoopSystemsOptions {
  /** The simulator's OpenAI base URL (`.../v1`). */
  openaiBaseURL: string;
  /** The most model calls a loop may make (the tool turns plus the answer, with room). */
  maxSteps: number;
  /** The loop's tool, defined once per system as an application would. */
  loopTool: LoopTool;
}

/**
 * Kagura (`client.call(prompt, { tools: [defineTool(...)], maxSteps })`, memory cache), the
 * Vercel AI SDK (`generateText` with `tools` and `stopWhen: isStepCount(n)`, over the cache
 * middleware on a `Map`), LangChain.js (`ChatOpenAI.bindTools` with `InMemoryCache`, the loop
 * written by hand as its tool-calling guide does) and the raw `openai` SDK (the loop by hand, no
 * cache: the baseline), all asking one model on one simulator.
 */
export function createToolLoopSystems(options: ToolLoopSystemsOptions): ToolLoopSystem[] {
  const { openaiBaseURL, maxSteps, loopTool } = options;
  const client = createExtraKaguraClient({ openaiBaseURL, cache: { store: 'memory', ttl: 0 } });
  const provider = createAISDKOpenAI({ baseURL: openaiBaseURL, apiKey: benchApiKey });
  const model = wrapLanguageModel({
    model: provider.chat(benchModel),
    middleware: createCacheMiddleware(createMapStore()),
  });
  const chat = new ChatOpenAI({
    model: benchModel,
    apiKey: benchApiKey,
    configuration: { baseURL: openaiBaseURL },
    cache: new InMemoryCache(),
  });
  const openai = new OpenAI({ baseURL: openaiBaseURL, apiKey: benchApiKey });
  const lookup = defineTool({
    name: loopTool.name,
    description: loopTool.description,
    parameters: loopTool.parameters,
    execute: (toolInput) => loopTool.execute(toolInput),
  });
  const tools = {
    [loopTool.name]: tool({
      description: loopTool.description,
      inputSchema: jsonSchema<unknown>(loopTool.parameters),
      execute: async (toolInput: unknown) => loopTool.execute(toolInput),
    }),
  };
  const openAITool = {
    type: 'function' as const,
    function: {
      name: loopTool.name,
      description: loopTool.description,
      parameters: loopTool.parameters,
    },
  };
  const bound = chat.bindTools([openAITool]);
  return [
    {
      name: 'kagura',
      cached: true,
      async run(input) {
        const response = await client.call(input.prompt, {
          system: input.system,
          tools: [lookup],
          maxSteps,
        });
        return response.text;
      },
      close: async () => client.cache?.disconnect(),
    },
    {
      name: 'vercel-ai',
      cached: true,
      async run(input) {
        const result = await generateText({
          model,
          system: input.system,
          prompt: input.prompt,
          tools,
          stopWhen: isStepCount(maxSteps),
        });
        return result.text;
      },
      close: async () => {},
    },
    {
      name: 'langchain',
      cached: true,
      async run(input) {
        const messages: BaseMessage[] = [];
        if (input.system !== undefined) messages.push(new SystemMessage(input.system));
        messages.push(new HumanMessage(input.prompt));
        for (let step = 0; step < maxSteps; step += 1) {
          const reply: AIMessage = await bound.invoke(messages);
          messages.push(reply);
          const calls = reply.tool_calls ?? [];
          if (calls.length === 0) return reply.text;
          for (const call of calls) {
            const content = JSON.stringify(loopTool.execute(call.args));
            messages.push(new ToolMessage({ content, tool_call_id: call.id ?? '' }));
          }
        }
        throw new Error(`The LangChain loop made ${maxSteps} model calls without an answer.`);
      },
      close: async () => {},
    },
    {
      name: 'raw-openai',
      cached: false,
      async run(input) {
        const messages: ChatCompletionMessageParam[] = [];
        if (input.system !== undefined) messages.push({ role: 'system', content: input.system });
        messages.push({ role: 'user', content: input.prompt });
        for (let step = 0; step < maxSteps; step += 1) {
          const completion = await openai.chat.completions.create({
            model: benchModel,
            messages,
            tools: [openAITool],
          });
          const message = completion.choices[0]?.message;
          const calls = message?.tool_calls ?? [];
          if (message === undefined || calls.length === 0) return message?.content ?? '';
          messages.push(message);
          for (const call of calls) {
            if (call.type !== 'function') continue;
            const content = JSON.stringify(loopTool.execute(JSON.parse(call.function.arguments)));
            messages.push({ role: 'tool', tool_call_id: call.id, content });
          }
        }
        throw new Error(`The openai SDK loop made ${maxSteps} model calls without an answer.`);
      },
      close: async () => {},
    },
  ];
}
