import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';
import { sharedBuild as shared } from '../../tsup.shared.ts';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

// zod-to-json-schema imports one value from zod at run time, zod 3's ZodFirstPartyTypeKind enum;
// a copy of it stands in for 'zod/v3', so the bundled converter needs no zod installed.
const zodV3TypeKind: EsbuildPlugin = {
  name: 'zod-v3-type-kind',
  setup(build) {
    const path = fileURLToPath(
      new URL('./src/schema/zod-first-party-type-kind.ts', import.meta.url),
    );
    build.onResolve({ filter: /^zod\/v3$/ }, () => ({ path }));
  },
};

// Their licenses ask that the notices travel with the code, so the bundle opens with them.
const bundledLicenses = [
  ['zod-to-json-schema', 'LICENSE'],
  ['@valibot/to-json-schema', 'LICENSE.md'],
]
  .map(([name, file]) => {
    const text = readFileSync(new URL(`./node_modules/${name}/${file}`, import.meta.url), 'utf8');
    return `${name}:\n\n${text.trim()}`;
  })
  .join('\n\n');

export default defineConfig([
  {
    ...shared,
    entry: ['src/index.ts'],
    format: ['esm'],
    // The converters' entry below, imported by this literal specifier, which stays as it is:
    // from dist/index.js it names dist/json-schema-converters.js, and an application's bundler
    // follows it there (a module evaluated only when imported, or a chunk of its own).
    external: ['./json-schema-converters.js'],
  },
  {
    ...shared,
    // The JSON Schema converters of zod 3 and valibot, bundled rather than dependencies (each names
    // its schema library as a peer dependency, which npm would install for every user), and loaded
    // only when such a schema is first converted, by `import()` or `require` (Node can require
    // this ES module: it has no top-level await) (load-json-schema-converter.ts).
    entry: { 'json-schema-converters': 'src/schema/json-schema-converters.ts' },
    format: ['esm'],
    noExternal: ['zod-to-json-schema', '@valibot/to-json-schema'],
    esbuildPlugins: [zodV3TypeKind],
    banner: { js: `/*!\n${bundledLicenses.replaceAll('*/', '* /')}\n*/` },
  },
]);
