import { z } from 'zod';

/** Maximum excerpt of a response that is not Epicor JSON, in characters. */
const excerptLength = 200;

// Epicor's REST error body; the other fields it sends (HttpStatus, ReasonPhrase, ...) are allowed and ignored.
const epicorErrorSchema = z.looseObject({ ErrorMessage: z.string().trim().min(1) });

function readEpicorErrorMessage(text: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON, such as an IIS error page: the caller shows an excerpt instead.
    return undefined;
  }
  const parsed = epicorErrorSchema.safeParse(json);
  return parsed.success ? parsed.data.ErrorMessage : undefined;
}

/** Returns the title of an HTML page (an IIS error page, a proxy's page), or undefined for other text. */
function readHtmlTitle(text: string): string | undefined {
  if (!/^\s*<(!doctype html|html)/i.test(text)) {
    return undefined;
  }
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.replace(/\s+/g, ' ').trim();
  return title === undefined || title === '' ? undefined : title;
}

/**
 * Summarizes the response recorded for a message: Epicor's `ErrorMessage`
 * when the response is Epicor's error JSON, otherwise `HTTP <status>: ` and
 * the title of an HTML page, or else the first 200 characters of the text
 * with whitespace collapsed. Without a
 * status it returns the excerpt alone, or "No response recorded" when there is
 * no text either.
 */
export function summarizeResponse(responseText: string | null, statusCode: number | null): string {
  const text = responseText ?? '';
  const epicorMessage = text.trim() === '' ? undefined : readEpicorErrorMessage(text);
  if (epicorMessage !== undefined) {
    return epicorMessage;
  }

  const htmlTitle = readHtmlTitle(text);
  const excerpt = htmlTitle === undefined ? text.replace(/\s+/g, ' ').trim().slice(0, excerptLength) : `HTML page "${htmlTitle}"`;
  if (statusCode === null) {
    // No HTTP response, such as a timeout: the text is the client's own description.
    return excerpt === '' ? 'No response recorded' : excerpt;
  }
  return `HTTP ${statusCode}: ${excerpt === '' ? 'empty response' : excerpt}`;
}
