// The entry of `dist/json-schema-converters.js` (see `tsup.config.ts`): the JSON Schema
// converters of zod 3 and valibot, bundled with no zod or valibot inside, and loaded only when a
// schema of theirs is first converted (see `load-json-schema-converter.ts`).
export { toJsonSchema } from '@valibot/to-json-schema';
export { zodToJsonSchema } from 'zod-to-json-schema';
