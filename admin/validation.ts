/**
 * @module Validation of console input with zod: a form or query that does not parse is a 400 (HTTPException);
 * the error page lists the fields at fault.
 */
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import { z } from 'zod';

/** Marks a 400 caused by a zod schema, so the error page can name the fields. */
export class InvalidInput extends HTTPException {
  constructor(readonly fields: string[]) {
    super(400, { message: `invalid input: ${fields.join(', ')}` });
  }
}

function check<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInput([...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(form)'))]);
  return parsed.data;
}

/**
 * Validates the form body; the handler reads it with `c.req.valid('form')`.
 * @example app.post('/users', requires('users.manage'), form(newUser), (c) => { const v = c.req.valid('form') })
 */
export const form = <T extends z.ZodType>(schema: T) => validator('form', (value) => check(schema, value));

/** Validates the query string; the handler reads it with `c.req.valid('query')`. */
export const query = <T extends z.ZodType>(schema: T) => validator('query', (value) => check(schema, value));

/** For action buttons that post nothing but the CSRF token: still a validated form, so every POST has a schema. */
export const noFields = () => form(z.object({}));
