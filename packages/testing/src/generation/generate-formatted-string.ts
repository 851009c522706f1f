import type { Rng } from '../util/create-rng.js';
import { generateWords } from './generate-text.js';

/**
 * Generates a string in a JSON Schema `format` (date-time, date, time, email, uri, url,
 * uri-reference, iri, hostname, ipv4, uuid); `undefined` for a format it does not know.
 */
export function generateFormattedString(format: string, rng: Rng): string | undefined {
  const instant = new Date(Date.UTC(2024, 0, 1) + rng.integer(0, 365 * 24 * 3600) * 1000);
  const iso = instant.toISOString();
  switch (format) {
    case 'date-time':
      return iso;
    case 'date':
      return iso.slice(0, 10);
    case 'time':
      return `${iso.slice(11, 19)}Z`;
    case 'email':
      return `${generateWords(rng, 1)}.${generateWords(rng, 1)}@example.com`;
    case 'uri':
    case 'url':
    case 'uri-reference':
    case 'iri':
      return `https://example.com/${generateWords(rng, 1)}`;
    case 'hostname':
      return `${generateWords(rng, 1)}.example.com`;
    case 'ipv4':
      return `192.0.2.${rng.integer(1, 254)}`;
    case 'uuid':
      return uuid(rng);
    default:
      return undefined;
  }
}

function uuid(rng: Rng): string {
  const hex = (length: number): string => {
    let text = '';
    for (let index = 0; index < length; index++) text += rng.integer(0, 15).toString(16);
    return text;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}
