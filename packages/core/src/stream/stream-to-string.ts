/** Reads a stream of text deltas to the end and returns the whole text. */
export async function streamToString(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const delta of stream) text += delta;
  return text;
}
