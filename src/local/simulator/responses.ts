import type { ServerResponse } from 'node:http';

/** Sends a JSON body with the given status. */
export function sendJson(response: ServerResponse, statusCode: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** Sends an HTML page with the given status. */
export function sendHtml(response: ServerResponse, statusCode: number, html: string, headers: Record<string, string> = {}): void {
  response.writeHead(statusCode, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    ...headers,
  });
  response.end(html);
}

/** Sends an error in the JSON shape of Epicor's REST layer. */
export function sendEpicorError(
  response: ServerResponse,
  statusCode: number,
  errorMessage: string,
  errorType: string,
  correlationId: string,
): void {
  sendJson(response, statusCode, {
    HttpStatus: statusCode,
    ReasonPhrase: 'REST API Exception',
    ErrorMessage: errorMessage,
    ErrorType: errorType,
    CorrelationId: correlationId,
  });
}
