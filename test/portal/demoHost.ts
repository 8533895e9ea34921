import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importJWK, SignJWT } from 'jose';
import type { Page } from 'playwright-core';
import { z } from 'zod';
import type { LocalHostProcess } from '../support/localHostProcess';

/** The demo customer the screen tests use, with its administrator. */
export const northwind = {
  id: 'c0000000-0000-4000-8000-000000000001',
  slug: 'northwind',
  company: 'NWFS01',
  adminUserId: 'd0000000-0000-4000-8000-000000000011',
  adminEmail: 'ops.admin@northwind.example',
};

export const supportUserId = 'd0000000-0000-4000-8000-000000000099';

export const demoApplications = {
  fieldService: 'a1f0c6d2-3b7e-4a51-9c1d-000000000001',
  timesheets: 'a1f0c6d2-3b7e-4a51-9c1d-000000000002',
};

/** A failed outgoing message-log row to add to a customer's database. */
export interface FailedRow {
  /** ISO instant in UTC. */
  timestamp: string;
  applicationId: string;
  environment: 'Live' | 'Test';
  /** Goes into the request body's Description, so a test can find the replayed call. */
  marker: string;
  responseText?: string;
  statusCode?: number | null;
}

/** Adds failed outgoing rows to a demo customer's SQLite database and returns their ids, in order. */
export function insertFailedRows(host: LocalHostProcess, slug: string, company: string, rows: FailedRow[]): string[] {
  const database = new Database(join(host.stateDirectory, 'data', `customer-${slug}.db`));
  try {
    const insert = database.prepare(
      'INSERT INTO MessageLogs (Timestamp, ApplicationID, Environment, Incoming, Success, Retries, HttpMethod, Endpoint, RequestBody, ResponseText, StatusCode) ' +
        'VALUES (?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?)',
    );
    return rows.map((row) => {
      const result = insert.run(
        row.timestamp,
        row.applicationId,
        row.environment,
        'POST',
        `api/v2/odata/${company}/Erp.BO.ServiceCallCenterSvc/FSCallhds`,
        JSON.stringify({ Company: company, Description: row.marker }),
        row.responseText ?? '{"HttpStatus":400,"ReasonPhrase":"REST API Exception","ErrorMessage":"Customer is on credit hold.","ErrorType":"Ice.Common.BusinessObjectException"}',
        row.statusCode === undefined ? 400 : row.statusCode,
      );
      return String(result.lastInsertRowid);
    });
  } finally {
    database.close();
  }
}

async function postJson(url: string, body: unknown, method = 'POST'): Promise<unknown> {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) {
    throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

/** Requests a demo user's bearer token from the local host. */
export async function requestToken(host: LocalHostProcess, userId: string): Promise<string> {
  const body = (await postJson(`${host.url}/local/token`, { userId })) as { token: string };
  return body.token;
}

const signingKeySchema = z.looseObject({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string(), d: z.string(), kid: z.string() });

/** Signs a token for a demo user that expired an hour ago, with the local host's own key. */
export async function expiredToken(host: LocalHostProcess, userId: string, customerId: string): Promise<string> {
  const jwk = signingKeySchema.parse(JSON.parse(readFileSync(join(host.stateDirectory, 'auth', 'signing-key.json'), 'utf8')));
  const settings = JSON.parse(readFileSync(join(__dirname, '../../local.settings.json'), 'utf8')) as { Values: Record<string, string> };
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ customer_id: customerId, role: 'customerAdministrator', name: 'Olivia Hart', email: northwind.adminEmail })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(settings.Values.Auth__Issuer ?? '')
    .setAudience(settings.Values.Auth__Audience ?? '')
    .setIssuedAt(now - 7200)
    .setExpirationTime(now - 3600)
    .sign(await importJWK(jwk, 'ES256'));
}

/** Sets the Epicor simulator's scenario of one demo instance, such as `northwind-mfs-test`. */
export async function setScenario(host: LocalHostProcess, instance: string, scenario: string): Promise<void> {
  await postJson(`${host.simulatorUrl}/_simulator/scenarios/${instance}`, { scenario }, 'PUT');
}

/** Calls the simulator received, oldest first. */
export async function simulatorCalls(host: LocalHostProcess): Promise<{ sequence: number; instance: string; method: string; body: string | null }[]> {
  const response = await fetch(`${host.simulatorUrl}/_simulator/calls`);
  return ((await response.json()) as { calls: { sequence: number; instance: string; method: string; body: string | null }[] }).calls;
}

/** The page's globals that tests read, typed by hand because the tests compile without the DOM library. */
export interface ScreenGlobals {
  document: {
    getElementById(id: string): { hasAttribute(name: string): boolean; textContent: string | null } | null;
    activeElement: { id: string } | null;
  };
  sessionStorage: { length: number };
  __xss?: unknown;
}

/** Waits until the screen has loaded its grid: no request pending and no status message. */
export async function waitForGrid(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const { document } = globalThis as unknown as ScreenGlobals;
    const grid = document.getElementById('grid');
    const status = document.getElementById('page-status');
    return grid !== null && !grid.hasAttribute('aria-busy') && status !== null && status.textContent === '';
  });
}

/**
 * Opens the screen signed in as a demo user, the way the License Portal
 * does (token in the URL fragment), with optional query parameters, and
 * waits for the grid.
 */
export async function openScreen(page: Page, host: LocalHostProcess, options: { userId?: string; query?: Record<string, string> } = {}): Promise<void> {
  const token = await requestToken(host, options.userId ?? northwind.adminUserId);
  const query = new URLSearchParams(options.query ?? {}).toString();
  await page.goto(`${host.url}/api/portal/${query ? `?${query}` : ''}#access_token=${token}`);
  await page.locator('#screen').waitFor();
  await waitForGrid(page);
}

/** Texts of the elements matching a selector, in document order. */
export function textsOf(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

/** Returns one attribute of every element matching a selector, in document order. */
export async function attributesOf(page: Page, selector: string, name: string): Promise<(string | null)[]> {
  return Promise.all((await page.locator(selector).all()).map((element) => element.getAttribute(name)));
}

/**
 * Runs a check cycle on the local host and waits (at most about 10 s) until
 * the connection shows as down through the API.
 */
export async function runChecksUntilDown(host: LocalHostProcess, token: string, customerId: string, applicationId: string, environment: string): Promise<void> {
  const started = await fetch(`${host.url}/local/run-checks`, { method: 'POST' });
  if (started.status !== 202) {
    throw new Error(`POST /local/run-checks answered ${started.status}`);
  }
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const response = await fetch(`${host.url}/api/customers/${customerId}/connections`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { connections: { applicationId: string; environment: string; state: string }[] };
    if (body.connections.some((connection) => connection.applicationId === applicationId && connection.environment === environment && connection.state === 'down')) {
      return;
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  throw new Error(`${applicationId} ${environment} did not show as down after a check cycle. Host output:\n${host.output().slice(-4000)}`);
}
