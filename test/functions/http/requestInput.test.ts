import { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { strictObject } from '../../../src/functions/http/fields';
import { parseInput, readJsonBody } from '../../../src/functions/http/requestInput';
import { ServiceError } from '../../../src/shared/errors';

function post(body: string): HttpRequest {
  return new HttpRequest({ method: 'POST', url: 'http://127.0.0.1:7071/api/x', body: { string: body } });
}

async function failureOf(promise: Promise<unknown>): Promise<ServiceError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ServiceError)) {
    throw new Error(`expected a ServiceError, got ${String(error)}`);
  }
  return error;
}

const schema = strictObject({ items: z.array(strictObject({ name: z.string({ error: 'must be a text' }) })) });

describe('parseInput', () => {
  it.each([
    [{ items: [{ name: 1 }] }, 'Body field "items[0].name" must be a text.'],
    [{ items: [{}] }, 'Body field "items[0].name" is required and must be a text.'],
    [{ items: [{ name: 'a', colour: 'red' }] }, 'Body field "items[0].colour" is not accepted: the accepted ones are name.'],
    [{ items: [], a: 1, b: 2 }, 'Body fields "a", "b" are not accepted: the accepted ones are items.'],
  ])('describes %j', (input, expected) => {
    const act = () => parseInput(schema, input, 'Body field');

    expect(act).toThrow(expected);
  });
});

describe('readJsonBody', () => {
  it('accepts a body at the limit', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(90) });

    const parsed = await readJsonBody(post(body), z.object({ text: z.string() }), Buffer.byteLength(body));

    expect(parsed.text).toHaveLength(90);
  });

  it('counts bytes, not characters', async () => {
    const body = JSON.stringify({ text: 'é'.repeat(60) });

    const error = await failureOf(readJsonBody(post(body), z.object({ text: z.string() }), 100));

    expect(error.kind).toBe('payloadTooLarge');
    expect(error.message).toContain('larger than 100 bytes');
  });

  it('does not quote the body when JSON is invalid', async () => {
    const error = await failureOf(readJsonBody(post('{"secret": "abc'), z.object({})));

    expect(error.kind).toBe('validation');
    expect(error.message).not.toContain('abc');
  });
});
