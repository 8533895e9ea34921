import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { ServiceError, validationError } from '../../shared/errors';

/** Largest accepted request body in bytes (256 KB). */
export const maxBodyBytes = 256 * 1024;

type InputLocation = 'Query parameter' | 'Route parameter' | 'Body field';

function pathText(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = Reflect.get(current, part);
  }
  return current;
}

/** Turns the first schema problem into a message that names the parameter and what it accepts. */
function describeProblem(error: z.ZodError, input: unknown, location: InputLocation): string {
  const issue = error.issues[0];
  if (!issue) {
    return `${location}s are invalid.`;
  }
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `"${pathText([...issue.path, key])}"`).join(', ');
    return issue.keys.length === 1 ? `${location} ${names} is not accepted: ${issue.message}.` : `${location}s ${names} are not accepted: ${issue.message}.`;
  }
  const name = pathText(issue.path);
  const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
  if (name === '') {
    return `The request ${location === 'Body field' ? 'body' : 'input'} is invalid: ${issue.message}.`;
  }
  return `${location} "${name}" ${missing ? `is required and ${issue.message}` : issue.message}.`;
}

/** Parses input with a schema, or throws a `validation` error naming the first invalid parameter. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, location: InputLocation): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw validationError(describeProblem(result.error, input, location));
  }
  return result.data;
}

/**
 * Parses the query string. A parameter with an empty value counts as not
 * given, so a form can send every field; one given more than once is rejected.
 */
export function parseQuery<Schema extends z.ZodType>(request: HttpRequest, schema: Schema): z.output<Schema> {
  const values: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, value] of request.query.entries()) {
    if (seen.has(name)) {
      throw validationError(`Query parameter "${name}" is given more than once; send it once.`);
    }
    seen.add(name);
    if (value !== '') {
      values[name] = value;
    }
  }
  return parseInput(schema, values, 'Query parameter');
}

/** Parses the route parameters, such as `customerId`. */
export function parseRouteParams<Schema extends z.ZodType>(request: HttpRequest, schema: Schema): z.output<Schema> {
  return parseInput(schema, { ...request.params }, 'Route parameter');
}

const tooLarge = (limit: number) =>
  new ServiceError(
    'payloadTooLarge',
    `The request body is larger than ${limit % 1024 === 0 ? `${limit / 1024} KB` : `${limit} bytes`}; send fewer ids, or select by filter instead.`,
  );

/** Reads the body as UTF-8 text, stopping as soon as it exceeds `limit` bytes. */
async function readBodyText(request: HttpRequest, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    throw tooLarge(limit);
  }
  if (!request.body) {
    return '';
  }

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const next = await reader.read();
    if (next.done) {
      break;
    }
    const value: unknown = next.value;
    const chunk = value instanceof Uint8Array ? value : Buffer.from(String(value));
    total += chunk.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a JSON body of at most `limit` bytes (default {@link maxBodyBytes}) and parses
 * it with a schema. Throws `payloadTooLarge` beyond the limit, and `validation`
 * for an empty body, text that is not JSON, or a schema problem.
 */
export async function readJsonBody<Schema extends z.ZodType>(request: HttpRequest, schema: Schema, limit = maxBodyBytes): Promise<z.output<Schema>> {
  const text = await readBodyText(request, limit);
  if (text.trim() === '') {
    throw validationError('The request body is empty; send a JSON object.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the body, so it is replaced by a plain one.
    throw validationError('The request body is not valid JSON; send a JSON object with Content-Type: application/json.');
  }
  return parseInput(schema, json, 'Body field');
}
