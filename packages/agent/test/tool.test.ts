import { createClient, InvalidArgumentError } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { agent, getTools, prompt, tool } from '../src/index.js';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ latency: 'none' });
});

afterAll(async () => {
  await simulator.close();
});

class Base {
  unit = 'kg';

  @tool({ description: 'Weighs a thing', parameters: z.object({ thing: z.string() }) })
  weigh({ thing }: { thing: string }): string {
    return `${thing}: 3 ${this.unit}`;
  }
}

class Scale extends Base {
  @tool({
    name: 'convert',
    parameters: { type: 'object', properties: { kg: { type: 'number' } }, required: ['kg'] },
  })
  toPounds({ kg }: { kg: number }): number {
    return kg * 2.2;
  }
}

describe('getTools', () => {
  it('should list inherited tools bound to the instance', async () => {
    const tools = getTools(new Scale());
    expect(tools.map((each) => each.name)).toEqual(['convert', 'weigh']);
    const weigh = tools.find((each) => each.name === 'weigh')!;
    expect(weigh.inputSchema).toMatchObject({ type: 'object', required: ['thing'] });
    const abortSignal = new AbortController().signal;
    expect(
      await weigh.execute({ thing: 'apple' }, { abortSignal, toolCallId: 'c1', messages: [] }),
    ).toBe('apple: 3 kg');
  });
});

describe('@tool', () => {
  it('should reject an invalid tool name when the class is defined', () => {
    expect(() => {
      class Broken {
        @tool({ name: 'has spaces', parameters: z.object({}) })
        run(): void {}
      }
      return Broken;
    }).toThrow(/'has spaces' is not a valid tool name/);
  });

  it('should let an agent use its class tools by name, and name a missing one', async () => {
    const client = createClient({
      providers: { openai: createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'k' }) },
      model: 'openai:gpt-4o-mini',
    });
    simulator.addRule({
      match: 'Weigh the apple',
      times: 1,
      toolCalls: [{ name: 'weigh', input: { thing: 'apple' } }],
    });
    simulator.addRule({
      match: (info) => JSON.stringify(info.body).includes('tool_call_id'),
      reply: 'Three kilograms.',
    });
    class Grocer extends Scale {
      @agent({ client, tools: ['weigh'] })
      ask(question: string): Promise<string> {
        return prompt`{{ question }}`;
      }

      @agent({ client, tools: ['weight'] })
      typo(question: string): Promise<string> {
        return prompt`{{ question }}`;
      }
    }
    const grocer = new Grocer();
    await expect(grocer.ask('Weigh the apple')).resolves.toBe('Three kilograms.');
    expect(JSON.stringify(simulator.requests[1]!.body)).toContain('apple: 3 kg');
    const error = await grocer.typo('x').catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      "there is no @tool 'weight' on the agent's class. Its tools: convert, weigh.",
    );
  });
});
