import { errorResponse, jsonResponse, statusOfErrorKind } from '../../../src/functions/http/respond';
import { SecretNotFoundError } from '../../../src/secrets/secretStore';
import { errorKinds, ServiceError } from '../../../src/shared/errors';
import { createLogger } from '../../../src/shared/logger';

function recordingLogger() {
  const lines: string[] = [];
  const record = (line: unknown) => lines.push(String(line));
  return { lines, logger: createLogger({ debug: record, info: record, warn: record, error: record }) };
}

function textOf(response: { body?: unknown }): string {
  if (typeof response.body !== 'string') {
    throw new Error('expected a text body');
  }
  return response.body;
}

function bodyOf(response: { body?: unknown }): { error: Record<string, unknown> } {
  return JSON.parse(textOf(response)) as { error: Record<string, unknown> };
}

describe('errorResponse', () => {
  it.each(errorKinds.map((kind) => [kind, statusOfErrorKind[kind]] as const))('maps %s to %i', (kind, status) => {
    const { logger } = recordingLogger();

    const response = errorResponse(new ServiceError(kind, 'What failed.'), logger, 'inv-1');

    expect(response.status).toBe(status);
    expect(bodyOf(response)).toEqual({ error: { code: kind, message: 'What failed.' } });
  });

  it('adds details beside the message', () => {
    const { logger } = recordingLogger();
    const error = new ServiceError('conflict', 'Down.', { details: { outages: [{ outageId: 'x' }], code: 'overridden' } });

    const response = errorResponse(error, logger, 'inv-1');

    expect(bodyOf(response)).toEqual({ error: { code: 'conflict', message: 'Down.', outages: [{ outageId: 'x' }] } });
  });

  it('hides unexpected errors', () => {
    const { lines, logger } = recordingLogger();
    const error = new Error('password=hunter2 at line 3');

    const response = errorResponse(error, logger, 'inv-7');

    expect(response.status).toBe(500);
    expect(bodyOf(response).error.code).toBe('internal');
    expect(textOf(response)).not.toContain('hunter2');
    expect(textOf(response)).not.toContain('at ');
    expect(bodyOf(response).error.message).toContain('inv-7');
    expect(lines.join('\n')).toContain('password=hunter2');
  });

  it('maps a missing secret to 503', () => {
    const { logger } = recordingLogger();

    const response = errorResponse(new SecretNotFoundError('customer-db', 'Key Vault'), logger, 'inv-1');

    expect(response.status).toBe(503);
    expect(bodyOf(response).error.code).toBe('dependencyUnavailable');
  });

  it('maps a busy database to 503', () => {
    const { logger } = recordingLogger();
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

    const response = errorResponse(busy, logger, 'inv-1');

    expect(response.status).toBe(503);
  });
});

describe('jsonResponse', () => {
  it('serializes the body with JSON headers', () => {
    const response = jsonResponse(200, { text: '<script>' });

    expect(response.body).toBe('{"text":"<script>"}');
    expect(response.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  });
});
