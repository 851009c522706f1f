import { createRequire } from 'node:module';
import { KaguraError } from '@kagura-ts/provider';

/** The JSON Schema converters Kagura bundles, by the name their packages export them under. */
export interface JsonSchemaConverters {
  /** zod-to-json-schema's converter, for zod 3 schemas. */
  zodToJsonSchema(schema: unknown, options: Record<string, unknown>): Record<string, unknown>;
  /** @valibot/to-json-schema's converter, for valibot schemas. */
  toJsonSchema(schema: unknown, config: Record<string, unknown>): Record<string, unknown>;
}

/** The name of one bundled converter. */
export type JsonSchemaConverterName = keyof JsonSchemaConverters;

const packageOf: Record<JsonSchemaConverterName, string> = {
  zodToJsonSchema: 'zod-to-json-schema',
  toJsonSchema: '@valibot/to-json-schema',
};

// The build bundles both converters into `dist/json-schema-converters.js`, beside `index.js`,
// and leaves this specifier as it is (tsup.config.ts); run from source, it names the `.ts`
// entry. The `import()` below spells it out: bundlers follow only a literal.
const bundleSpecifier = './json-schema-converters.js';

// The bundle once loaded, by `require` or by `import()`.
let bundle: JsonSchemaConverters | undefined;
// The `import()`, started once; `imported` once it settled, whether it found the bundle or not.
let importing: Promise<void> | undefined;
let imported = false;
// What `require` could not find, so it is not looked for again on every conversion.
const notFound = new Set<string>();

/**
 * Loads the JSON Schema converters Kagura bundles for zod 3 and valibot schemas (importing
 * `@kagura-ts/core` does not). Under Node it `require`s them; in a bundled application, where
 * `require` cannot find them, it loads them with an `import()` the application's bundler
 * (esbuild, webpack, rollup) follows and keeps.
 *
 * Calls, streams and the tool loop run it themselves when they need to. In a bundled
 * application, await it once before converting outside a call: before `toJSONSchema` of a zod 3
 * or valibot schema, or reading the `inputSchema` of a tool whose parameters are one.
 *
 * @example
 * ```ts
 * await loadJsonSchemaConverters();
 * const jsonSchema = toJSONSchema(z3.object({ city: z3.string() }));
 * ```
 */
export function loadJsonSchemaConverters(): Promise<void> {
  // `require` first: Node cannot `require` an ES module while its `import()` is under way
  // (ERR_REQUIRE_ESM_RACE_CONDITION), and a synchronous conversion may come at any moment. So
  // `import()` is only for where `require` cannot find the bundle: bundled applications.
  bundle ??= requireBundle();
  if (bundle !== undefined) return Promise.resolve();
  importing ??= import('./json-schema-converters.js').then(
    (loaded) => {
      bundle ??= loaded as unknown as JsonSchemaConverters;
      imported = true;
    },
    (error: unknown) => {
      // Left behind by whatever copied Kagura: the installed packages may still be there.
      if (isNotFound(error, 'json-schema-converters')) {
        imported = true;
        return;
      }
      importing = undefined;
      throw error;
    },
  );
  return importing;
}

/**
 * The {@link loadJsonSchemaConverters} to wait for, started if need be; `undefined` once the
 * bundle is loaded, or its `import()` settled without it (nothing more to wait for).
 */
export function pendingJsonSchemaConverters(): Promise<void> | undefined {
  return bundle !== undefined || imported ? undefined : loadJsonSchemaConverters();
}

/**
 * One of the bundled JSON Schema converters, if it can be had without waiting: loaded before,
 * or `require`d now from `dist/json-schema-converters.js` beside the built `index.js` (Node can
 * `require` that ES module), else from its own package (when Kagura runs from source, or a
 * bundler left that file behind and the application installed the package). `undefined` when
 * none of them has it.
 */
export function findJsonSchemaConverter<Name extends JsonSchemaConverterName>(
  name: Name,
): JsonSchemaConverters[Name] | undefined {
  bundle ??= requireBundle();
  return bundle?.[name] ?? requireIfPresent<JsonSchemaConverters>(packageOf[name])?.[name];
}

/**
 * One of the bundled JSON Schema converters, as {@link findJsonSchemaConverter} finds it.
 *
 * @throws {KaguraError} `MissingConverterError` when it finds none.
 */
export function loadJsonSchemaConverter<Name extends JsonSchemaConverterName>(
  name: Name,
): JsonSchemaConverters[Name] {
  const converter = findJsonSchemaConverter(name);
  if (converter !== undefined) return converter;
  throw new KaguraError({
    name: 'MissingConverterError',
    message:
      `${packageOf[name]} was not found: @kagura-ts/core bundles it as json-schema-converters.js ` +
      'beside its index.js, and that file was neither there nor loaded. In a bundled ' +
      'application, `await loadJsonSchemaConverters()` before converting outside a call (calls ' +
      'and the tool loop do it themselves), and keep that module in the bundle. Or install ' +
      `${packageOf[name]}, or pass the JSON Schema yourself, as the \`jsonSchema\` option.`,
  });
}

function requireBundle(): JsonSchemaConverters | undefined {
  const loaded = requireIfPresent<Partial<JsonSchemaConverters>>(bundleSpecifier);
  // A file of that name beside an application's bundle may be anything (a renamed chunk).
  return typeof loaded?.zodToJsonSchema === 'function' && typeof loaded.toJsonSchema === 'function'
    ? (loaded as JsonSchemaConverters)
    : undefined;
}

// Made when first needed: a CommonJS bundle has no `import.meta.url`, and importing Kagura must
// not fail for that (its `import()` is bundled, so the converters still load).
let require: NodeJS.Require | null | undefined;

function requireIfPresent<T>(specifier: string): T | undefined {
  if (notFound.has(specifier)) return undefined;
  require ??= typeof import.meta.url === 'string' ? createRequire(import.meta.url) : null;
  if (require !== null) {
    try {
      return require(specifier) as T;
    } catch (error) {
      if (!isNotFound(error, specifier)) throw error;
    }
  }
  notFound.add(specifier);
  return undefined;
}

function isNotFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') &&
    String((error as Error).message).includes(specifier)
  );
}
