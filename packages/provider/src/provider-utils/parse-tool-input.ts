/**
 * Parses a tool call's JSON arguments. Models sometimes emit broken JSON: the raw string is then
 * returned as the input, so nothing is lost and the caller's validation reports it. An empty
 * string (a call without arguments) becomes `{}`. `"__proto__"` members are dropped at every
 * depth: `JSON.parse` would make them own properties, which `Object.assign` and plain
 * assignment copy into an object's prototype.
 */
export function parseToolInput(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text, dropProtoMember);
  } catch {
    return text;
  }
}

// A reviver's `undefined` deletes the member.
function dropProtoMember(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}
