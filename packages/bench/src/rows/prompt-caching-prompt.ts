import { countTokens } from '@kagura-ts/testing';

const topics = [
  'refunds',
  'shipping delays',
  'damaged parcels',
  'account recovery',
  'invoices',
  'subscription changes',
  'warranty claims',
  'gift cards',
  'data export requests',
  'accessibility needs',
  'bulk orders',
  'price matching',
];

const rules = [
  'Greet the customer by name when the ticket gives one, and restate the problem in one sentence.',
  'Check the order history before promising anything; quote the order number back to the customer.',
  'Offer the standard remedy first, and escalate to a human agent only when the policy says so.',
  'Never ask for a full card number, a password or a one-time code, in any channel.',
  'Give a concrete next step with a date, and say what the customer has to do, if anything.',
  'Keep the answer under one hundred and twenty words unless the customer asked for detail.',
  'Link the help centre article for the topic, and name the section the customer should read.',
  'Close by asking whether the answer solved the problem, in one short question.',
];

/**
 * The long system prompt of the prompt-caching row: a customer-support handbook of at least
 * `tokens` tokens as the simulator counts them, opened by `revision` so that each repetition
 * starts from a prefix no provider cache has seen.
 */
export function supportHandbook(revision: string, tokens: number): string {
  const parts = [
    `Support handbook, revision ${revision}. You answer tickets for ACME Outdoor Supplies.`,
  ];
  for (let section = 0; countTokens(parts.join('\n')) < tokens; section += 1) {
    const topic = topics[section % topics.length] as string;
    parts.push(`\nSection ${section + 1}: ${topic}.`);
    for (const [index, rule] of rules.entries()) {
      parts.push(`${section + 1}.${index + 1} For ${topic}: ${rule}`);
    }
  }
  return parts.join('\n');
}

/** `count` distinct customer questions (so no response cache could answer one from another). */
export function supportQuestions(count: number): string[] {
  return Array.from(
    { length: count },
    (_, index) =>
      `Ticket ${index + 1}: my order ${10_000 + index} about ${topics[index % topics.length]} has a problem. What should I do?`,
  );
}
