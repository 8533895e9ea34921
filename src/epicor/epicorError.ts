import { z } from 'zod';

/** Epicor's own description of a failed call. */
export interface EpicorError {
  errorMessage: string;
  errorType: string | null;
  correlationId: string | null;
}

// Epicor's REST layer: {"HttpStatus":401,"ReasonPhrase":"REST API Exception","ErrorMessage":"...","ErrorType":"...","CorrelationId":"..."}
const restErrorSchema = z.object({
  ErrorMessage: z.string().min(1),
  ErrorType: z.string().nullish(),
  CorrelationId: z.string().nullish(),
});

// The OData error shape, which some OData-level failures use: {"error":{"code":"...","message":"..."}}
const odataErrorSchema = z.object({
  error: z.object({
    code: z.string().nullish(),
    message: z.string().min(1),
  }),
});

/**
 * Parses Epicor's error JSON from a response body.
 * Returns null when the body is not JSON or has neither Epicor's REST error
 * shape nor the OData error shape.
 */
export function parseEpicorError(body: string): EpicorError | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // Not JSON: an HTML page or a truncated body carries no Epicor error.
    return null;
  }

  const rest = restErrorSchema.safeParse(json);
  if (rest.success) {
    return {
      errorMessage: rest.data.ErrorMessage,
      errorType: rest.data.ErrorType ?? null,
      correlationId: rest.data.CorrelationId ?? null,
    };
  }

  const odata = odataErrorSchema.safeParse(json);
  if (odata.success) {
    const code = odata.data.error.code;
    return { errorMessage: odata.data.error.message, errorType: code === '' ? null : (code ?? null), correlationId: null };
  }

  return null;
}
