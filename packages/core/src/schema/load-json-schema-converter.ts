import { createRequire } from 'node:module';
import { KaguraError } from '../errors/kagura-error.js';

/** The JSON Schema converters Kagura bundles, by the name their packages export them under. */
export interface JsonSchemaConverters {
  /** zod-to-json-schema's converter, for zod 3 schemas. */
  zodToJsonSchema(schema: unknown, options: Record<string, unknown>): Record<string, unknown>;
  /** @valibot/to-json-schema's converter, for valibot schemas. */
  toJsonSchema(schema: unknown, config: Record<string, unknown>): Record<string, unknown>;
}

const packageOf: Record<keyof JsonSchemaConverters, string> = {
  zodToJsonSchema: 'zod-to-json-schema',
  toJsonSchema: '@valibot/to-json-schema',
};

// `require` rather than `import()`: conversion is synchronous (`defineTool` converts at once),
// and it loads the converters only when a schema first needs them, so importing Kagura does not.
const require = createRequire(import.meta.url);
let bundle: Partial<JsonSchemaConverters> | null | undefined;

/**
 * One of the bundled JSON Schema converters, loaded on first use: from
 * `dist/json-schema-converters.cjs` beside the built `index.js` (the build bundles both converters
 * there, with no zod or valibot inside), else from its package (when Kagura runs from source, or
 * an application bundler left that file behind and the application installed the package).
 *
 * @throws {KaguraError} `MissingConverterError` when neither is there.
 */
export function loadJsonSchemaConverter<Name extends keyof JsonSchemaConverters>(
  name: Name,
): JsonSchemaConverters[Name] {
  bundle ??= requireIfPresent<Partial<JsonSchemaConverters>>('./json-schema-converters.cjs');
  const bundled = bundle?.[name];
  if (bundled !== undefined) return bundled;
  const installed = requireIfPresent<JsonSchemaConverters>(packageOf[name]);
  if (installed !== null) return installed[name];
  throw new KaguraError({
    name: 'MissingConverterError',
    message:
      `${packageOf[name]} was not found: @kagura-ts/core bundles it as json-schema-converters.cjs ` +
      'beside its index.js, and that file is missing (was @kagura-ts/core bundled into your ' +
      `application? Keep it external, or install ${packageOf[name]}). Or pass the JSON Schema ` +
      'yourself, as the `jsonSchema` option.',
  });
}

function requireIfPresent<T>(specifier: string): T | null {
  try {
    return require(specifier) as T;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'MODULE_NOT_FOUND' && (error as Error).message.includes(specifier)) return null;
    throw error;
  }
}
