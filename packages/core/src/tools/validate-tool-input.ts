import type { Ajv, ValidateFunction } from 'ajv';
import { isStandardSchema } from '../schema/standard-schema.js';
import { dropProtoKeys } from './drop-proto-keys.js';
import type { Tool } from './tool.js';

/** A tool input that passed validation, or the problems, worded for the model to fix. */
export type ToolInputCheck = { valid: true; value: unknown } | { valid: false; problems: string[] };

// Plain JSON Schemas are compiled once per tool, by an Ajv loaded when the first one is validated:
// most tools have Standard Schema parameters, and loading Ajv costs every import tens of ms.
let ajv: Promise<Ajv> | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function loadAjv(): Promise<Ajv> {
  ajv ??= import('ajv').then(
    (module) => new module.Ajv({ allErrors: true, strict: false }),
    (error: unknown) => {
      ajv = undefined;
      throw error;
    },
  );
  return ajv;
}

/**
 * Validates a tool call's input against the tool's parameters (Standard Schema or JSON Schema).
 * Own `__proto__` keys are dropped at every depth first, whatever the provider parsed the input
 * with, so neither the validator nor the tool sees one.
 */
export async function validateToolInput(tool: Tool, rawInput: unknown): Promise<ToolInputCheck> {
  const { parameters } = tool;
  const input = dropProtoKeys(rawInput);
  if (isStandardSchema(parameters)) {
    const result = await parameters['~standard'].validate(input);
    if (result.issues === undefined) return { valid: true, value: result.value };
    return {
      valid: false,
      problems: result.issues.map((issue) => {
        const path = issue.path
          ?.map((segment) => String(typeof segment === 'object' ? segment.key : segment))
          .join('.');
        return path ? `${path}: ${issue.message}` : issue.message;
      }),
    };
  }
  let validate = compiled.get(parameters);
  if (validate === undefined) {
    validate = (await loadAjv()).compile(parameters);
    compiled.set(parameters, validate);
  }
  if (validate(input)) return { valid: true, value: input };
  return {
    valid: false,
    problems: (validate.errors ?? []).map(
      (error) => `${error.instancePath || '(input)'} ${error.message ?? 'is invalid'}`,
    ),
  };
}
