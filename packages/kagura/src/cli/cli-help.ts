const exitCodes =
  'Exit status: 0 success, 1 runtime failure (a failed call, a port in use, a Node.js older\n' +
  'than 22.13), 2 usage error (an unknown command or option, a bad value).\n';

/** The `kagura` CLI's help texts: the overview and one per command. */
export const cliHelp = {
  main: `Usage: kagura <command> [options]

Commands:
  demo            A short tour of Kagura's agents. With no OPENAI_API_KEY, ANTHROPIC_API_KEY
                  or OPENAI_BASE_URL set, it runs against the bundled LLM simulator.
  sim             Run the LLM simulator (OpenAI and Anthropic wire formats) until Ctrl+C.
  help [command]  Show this help, or a command's.

Options:
  -h, --help      Show help; after a command, that command's (kagura sim --help).
  -v, --version   Print the version of kagura-ts.

${exitCodes}`,
  demo: `Usage: kagura demo [--simulator] [--model <name>] [--trace]

A short tour of Kagura's agents: a translator, a structured-output agent, a streaming agent,
and a multi-agent workflow run cold and then warm from the cache. It first says which server
it talks to: the bundled LLM simulator when no OPENAI_API_KEY, ANTHROPIC_API_KEY or
OPENAI_BASE_URL is set; else OpenAI, Anthropic, or the OpenAI-compatible server at
OPENAI_BASE_URL (Ollama, vLLM, LM Studio: no key needed).

Options:
  --simulator     Use the bundled simulator even when a provider is configured.
  --model <name>  The model for a real provider, e.g. openai:gpt-4o-mini or qwen3:8b.
                  Default: KAGURA_MODEL, else openai:gpt-4o-mini.
  --trace         Record the tour's OpenTelemetry spans in memory and print their tree at
                  the end: each agent and model call with its duration, and for model calls
                  the cache status (hit, miss, coalesced), tokens, cost and retries; then
                  the cache's hits and misses and what it saved. No collector needed.
  -h, --help      Show this help.

${exitCodes}`,
  sim: `Usage: kagura sim [--port <n>] [--host <host>] [--fast] [--quiet]

Runs the LLM simulator until Ctrl+C: a real HTTP server speaking the OpenAI Chat Completions
and Anthropic Messages wire formats. Point OPENAI_BASE_URL at <url>/v1 or ANTHROPIC_BASE_URL at
<url>; any API key works, or none. Its base URLs are printed on stdout; each request it answers
is logged on stderr, one line: time, method, path, model, status, duration.

Options:
  --port <n>      The port to listen on, 0 for a free one. Default: 8787.
  --host <host>   The interface to bind. Default: 127.0.0.1.
  --fast          Reply at once instead of pacing like a small hosted model.
  --quiet         Do not log requests.
  -h, --help      Show this help.

${exitCodes}`,
} as const;
