// OpenAI's chat model families: gpt-4o, gpt-5, o1/o3/o4-mini, chatgpt-4o-latest, codex-mini,
// computer-use-preview, and fine-tunes written `ft:gpt-4o-mini:org::id`.
const openAIModelPattern = /^(gpt-|chatgpt-|o\d+(-|$)|codex-|computer-use-|ft:)/;

/** Whether a bare model name is one of OpenAI's own models (so `'gpt-4o'` needs no prefix). */
export function isOpenAIModel(modelId: string): boolean {
  return openAIModelPattern.test(modelId);
}
