/**
 * Parses a tool call's JSON arguments. Models sometimes emit broken JSON: the raw string is then
 * returned as the input, so nothing is lost and the caller's validation reports it. An empty
 * string (a call without arguments) becomes `{}`.
 */
export function parseToolInput(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
