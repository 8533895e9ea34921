import { parseEpicorError } from '../../src/epicor/epicorError';

describe('parseEpicorError', () => {
  it('reads REST error shape', () => {
    const body = '{"HttpStatus":401,"ReasonPhrase":"REST API Exception","ErrorMessage":"Invalid username or password.","ErrorType":"System.UnauthorizedAccessException","CorrelationId":"5b0c"}';

    const error = parseEpicorError(body);

    expect(error).toEqual({ errorMessage: 'Invalid username or password.', errorType: 'System.UnauthorizedAccessException', correlationId: '5b0c' });
  });

  it('reads REST error without optional fields', () => {
    const error = parseEpicorError('{"ErrorMessage":"Order quantity must be greater than zero.","ErrorType":null}');

    expect(error).toEqual({ errorMessage: 'Order quantity must be greater than zero.', errorType: null, correlationId: null });
  });

  it('reads OData error shape', () => {
    const error = parseEpicorError('{"error":{"code":"404","message":"Resource not found."}}');

    expect(error).toEqual({ errorMessage: 'Resource not found.', errorType: '404', correlationId: null });
  });

  it.each([
    ['HTML', '<html><title>Service Unavailable</title></html>'],
    ['empty', ''],
    ['truncated JSON', '{"ErrorMessage":"Inva'],
    ['other JSON', '{"value":[]}'],
    ['empty message', '{"ErrorMessage":""}'],
    ['array', '[1,2]'],
  ])('returns null for %s', (_case, body) => {
    const error = parseEpicorError(body);

    expect(error).toBeNull();
  });
});
