const openAIBaseURL = 'https://api.openai.com/v1';
const anthropicBaseURL = 'https://api.anthropic.com';

/** Options for {@link describeEndpoint}. */
export interface DescribeEndpointOptions {
  /** The name of the provider the model resolved to, e.g. `'openai'`. */
  provider: string;
  /** The model id sent to it, e.g. `'qwen3:8b'`. */
  modelId: string;
  /** Where `OPENAI_BASE_URL`, `OPENAI_API_KEY` and `ANTHROPIC_BASE_URL` are read. @default process.env */
  environment?: Record<string, string | undefined>;
  /**
   * Whether the server of `OPENAI_BASE_URL` is a Kagura LLM simulator (`kagura sim`), as
   * `isKaguraSimulator` found.
   * @default false
   */
  kaguraSimulator?: boolean;
}

/** Which server a model talks to, from {@link describeEndpoint}. */
export interface Endpoint {
  /** OpenAI itself, Anthropic, an OpenAI-compatible server, or another provider. */
  kind: 'openai' | 'anthropic' | 'openai-compatible' | 'other';
  /** The base URL without credentials, query or fragment; `undefined` for another provider. */
  baseURL: string | undefined;
  /** One sentence to print, e.g. `'Using OpenAI at https://api.openai.com/v1, model gpt-4o-mini.'` */
  text: string;
}

/**
 * Says which server a model talks to: OpenAI, Anthropic, or an OpenAI-compatible server named
 * by `OPENAI_BASE_URL`, with its base URL (credentials, query and fragment removed, as they may
 * hold secrets) and whether a key is sent.
 *
 * @example
 * ```ts
 * describeEndpoint({ provider: 'openai', modelId: 'qwen3:8b' }).text;
 * // 'Using an OpenAI-compatible server at http://localhost:11434/v1 (OPENAI_BASE_URL), model qwen3:8b, no API key sent.'
 * ```
 */
export function describeEndpoint({
  provider,
  modelId,
  environment = process.env,
  kaguraSimulator = false,
}: DescribeEndpointOptions): Endpoint {
  if (provider === 'anthropic') {
    const baseURL = redactURL(read(environment, 'ANTHROPIC_BASE_URL') ?? anthropicBaseURL);
    return { kind: 'anthropic', baseURL, text: `Using Anthropic at ${baseURL}, model ${modelId}.` };
  }
  if (provider !== 'openai') {
    return {
      kind: 'other',
      baseURL: undefined,
      text: `Using the provider '${provider}', model ${modelId}.`,
    };
  }
  const configured = read(environment, 'OPENAI_BASE_URL');
  const baseURL = redactURL(configured ?? openAIBaseURL);
  if (configured === undefined || hostnameOf(configured) === 'api.openai.com') {
    return { kind: 'openai', baseURL, text: `Using OpenAI at ${baseURL}, model ${modelId}.` };
  }
  const key =
    read(environment, 'OPENAI_API_KEY') === undefined
      ? 'no API key sent'
      : 'sending OPENAI_API_KEY to it';
  const text = kaguraSimulator
    ? `Using a Kagura LLM simulator (kagura sim) at ${baseURL} (OPENAI_BASE_URL), model ` +
      `${modelId}, ${key}; its replies are not written by a real model.`
    : `Using an OpenAI-compatible server at ${baseURL} (OPENAI_BASE_URL), model ${modelId}, ${key}.`;
  return { kind: 'openai-compatible', baseURL, text };
}

/** A URL fit to print: no user name, password, query or fragment, which may hold secrets. */
function redactURL(text: string): string {
  try {
    const url = new URL(text);
    const path = url.pathname === '/' ? '' : url.pathname;
    return `${url.protocol}//${url.host}${path}`;
  } catch {
    return text.replace(/\/\/[^/@]*@/, '//').replace(/[?#].*$/, '');
  }
}

function hostnameOf(text: string): string | undefined {
  try {
    return new URL(text).hostname;
  } catch {
    return undefined;
  }
}

function read(environment: Record<string, string | undefined>, name: string): string | undefined {
  return environment[name]?.trim() || undefined;
}
