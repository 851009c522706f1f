/**
 * The version of the provider spec this package defines. A `LanguageModel` may declare the
 * version it implements (`specificationVersion`); the client refuses a model written against
 * another one, with an error naming both, instead of calling it and failing somewhere inside.
 */
export const specificationVersion = 'v1';
