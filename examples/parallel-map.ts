import { callLLM, parallelMap } from 'kagura-ts';
import { runExample } from './run-example.js';

export const documents = [
  {
    title: 'Incident 4711',
    text: 'The checkout API returned 502s for 14 minutes after a bad deploy.',
  },
  {
    title: 'Q3 planning',
    text: 'We move the search team to the new index and freeze the old one.',
  },
  { title: 'Vendor review', text: 'The CDN contract renews in May; two rivals quoted 20% less.' },
  { title: 'Hiring update', text: 'Three backend offers accepted; the SRE role is still open.' },
  { title: 'Support digest', text: 'Password reset emails arrive late for Outlook users.' },
];

export async function main(): Promise<void> {
  // At most four requests in flight; summaries come back in the documents' order. If one call
  // fails, the others are cancelled through `abortSignal` and no new one starts.
  const summaries = await parallelMap(
    documents,
    async (document, _index, { abortSignal }) => {
      const { text } = await callLLM(`Summarise for an executive in one line:\n${document.text}`, {
        model: 'openai:gpt-4o-mini',
        abortSignal,
      });
      return text;
    },
    { concurrency: 4 },
  );
  for (const [index, document] of documents.entries()) {
    console.log(`${document.title}: ${summaries[index]}`);
  }
}

export const replies = [
  { match: 'checkout API', reply: 'A bad deploy broke checkout for 14 minutes.' },
  { match: 'search team', reply: 'Search moves to the new index in Q3.' },
  { match: 'CDN contract', reply: 'Renegotiate the CDN before May: rivals are 20% cheaper.' },
  { match: 'backend offers', reply: 'Backend hiring is done; SRE is still open.' },
  { match: 'Password reset', reply: 'Outlook users get reset emails late.' },
];

await runExample(import.meta.url, main, replies);
