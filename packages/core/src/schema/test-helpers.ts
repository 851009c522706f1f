// One schema written with each schema library Kagura supports out of the box, for tests (this
// file stays out of the build). An object with an array of objects, an enum, an optional and a
// nullable field: the shapes structured output uses most.
import { type } from 'arktype';
import * as v from 'valibot';
import { z as z4 } from 'zod';
import { z as z3 } from 'zod3';
import type { Schema } from './standard-schema.js';

/** What every schema in {@link tripSchemas} accepts. */
export interface Trip {
  city: string;
  stops: Array<{ name: string; nights: number }>;
  mode: 'train' | 'plane';
  note?: string;
  budget: number | null;
}

/** The same trip schema in zod 3, zod 4, valibot and arktype. */
export const tripSchemas: Record<'zod 3' | 'zod 4' | 'valibot' | 'arktype', Schema<Trip>> = {
  'zod 3': z3.object({
    city: z3.string(),
    stops: z3.array(z3.object({ name: z3.string(), nights: z3.number().int() })),
    mode: z3.enum(['train', 'plane']),
    note: z3.string().optional(),
    budget: z3.number().nullable(),
  }),
  'zod 4': z4.object({
    city: z4.string(),
    stops: z4.array(z4.object({ name: z4.string(), nights: z4.number().int() })),
    mode: z4.enum(['train', 'plane']),
    note: z4.string().optional(),
    budget: z4.number().nullable(),
  }),
  valibot: v.object({
    city: v.string(),
    stops: v.array(v.object({ name: v.string(), nights: v.pipe(v.number(), v.integer()) })),
    mode: v.picklist(['train', 'plane']),
    note: v.optional(v.string()),
    budget: v.nullable(v.number()),
  }),
  arktype: type({
    city: 'string',
    stops: type({ name: 'string', nights: 'number.integer' }).array(),
    mode: "'train' | 'plane'",
    'note?': 'string',
    budget: 'number | null',
  }),
};
