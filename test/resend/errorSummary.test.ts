import { summarizeResponse } from '../../src/resend/errorSummary';

describe('summarizeResponse', () => {
  it.each([
    ['Epicor error JSON', '{"HttpStatus":400,"ReasonPhrase":"REST API Exception","ErrorMessage":"Part ABC is on hold.","ErrorType":"Ice.BLException","CorrelationId":"1"}', 400, 'Part ABC is on hold.'],
    ['Epicor error JSON with extra fields', '{"ErrorMessage":"Invalid API Key for company EPIC06","Extra":{"a":1}}', 401, 'Invalid API Key for company EPIC06'],
    ['an IIS error page by its title', '<!DOCTYPE html><html><head><title>Service  Unavailable</title></head><body><h2>Service Unavailable</h2></body></html>', 503, 'HTTP 503: HTML page "Service Unavailable"'],
    ['an HTML page without a title', '<html>\n  <body>\n    <h1>Service   Unavailable</h1>\n  </body>\n</html>', 503, 'HTTP 503: <html> <body> <h1>Service Unavailable</h1> </body> </html>'],
    ['JSON without ErrorMessage', '{"value":[]}', 500, 'HTTP 500: {"value":[]}'],
    ['an empty ErrorMessage', '{"ErrorMessage":"  "}', 500, 'HTTP 500: {"ErrorMessage":" "}'],
    ['no text but a status', null, 504, 'HTTP 504: empty response'],
    ['text without a status', 'The request timed out\nafter 15 seconds.', null, 'The request timed out after 15 seconds.'],
    ['nothing recorded', null, null, 'No response recorded'],
    ['only whitespace', '   ', null, 'No response recorded'],
  ])('summarizes %s', (_name, text, status, expected) => {
    const summary = summarizeResponse(text, status);

    expect(summary).toBe(expected);
  });

  it('caps the excerpt at 200 characters', () => {
    const summary = summarizeResponse(`${'x'.repeat(150)}\n\n${'y'.repeat(150)}`, 500);

    expect(summary).toBe(`HTTP 500: ${'x'.repeat(150)} ${'y'.repeat(49)}`);
  });
});
