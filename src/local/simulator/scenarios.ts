/**
 * Behaviours a simulated Epicor instance can play.
 * - `healthy`: checks the API key and Basic credentials, serves OData and accepts writes.
 * - `slow`: responds like `healthy` after a delay.
 * - `invalidCredentials`, `invalidApiKey`, `accessDenied`: Epicor's three kinds of 401.
 * - `forbidden` (403), `notFound` (404), `serverError` (500): Epicor JSON errors.
 * - `conversionsPending`: 503 JSON naming a ConversionsPendingException, as after an upgrade.
 * - `appPoolStopped`: IIS's own HTML 503 page.
 * - `htmlPage`: 200 with a firewall's HTML page.
 * - `redirectToLogin`: 302 to a sign-in page.
 * - `hang`: accepts the request and never responds.
 * - `rejectBusiness`: reads like `healthy`, but rejects writes with a 400 business validation error.
 */
export const scenarios = [
  'healthy',
  'slow',
  'invalidCredentials',
  'invalidApiKey',
  'accessDenied',
  'forbidden',
  'notFound',
  'conversionsPending',
  'appPoolStopped',
  'serverError',
  'htmlPage',
  'redirectToLogin',
  'hang',
  'rejectBusiness',
] as const;

export type Scenario = (typeof scenarios)[number];

/** Scenario of an instance that no one configured. */
export const defaultScenario: Scenario = 'healthy';

export function isScenario(value: string): value is Scenario {
  return scenarios.some((scenario) => scenario === value);
}
