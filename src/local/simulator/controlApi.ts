import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { RecordedCall } from './callLog';
import { decodePathSegment } from './decodePathSegment';
import { sendHtml, sendJson } from './responses';
import { defaultScenario, scenarios, type Scenario } from './scenarios';

/** Path prefix of the control API, which no instance name can take. */
export const controlPrefix = '/_simulator';

/** State of the simulator that the control API reads and changes. */
export interface SimulatorControl {
  listScenarios(): Record<string, Scenario>;
  setScenario(instance: string, scenario: Scenario): void;
  calls(instance?: string): RecordedCall[];
  clearCalls(): void;
}

/** Instance names: one path segment starting with a letter or digit, so `_simulator` is never an instance. */
export const instanceNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const scenarioRequestSchema = z.object({ scenario: z.string() });

const loginPage = `<!DOCTYPE html>
<html><head><title>Sign in</title></head>
<body><h1>Sign in</h1><form method="post"><label>User <input name="user"></label>
<label>Password <input name="password" type="password"></label><button>Sign in</button></form></body></html>
`;

function sendControlError(response: ServerResponse, statusCode: number, error: string): void {
  sendJson(response, statusCode, { error });
}

function putScenario(instance: string, body: string | null, response: ServerResponse, control: SimulatorControl): void {
  if (!instanceNamePattern.test(instance)) {
    sendControlError(response, 400, `Invalid instance name "${instance}": use letters, digits, ".", "_" and "-", starting with a letter or digit.`);
    return;
  }

  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch {
    sendControlError(response, 400, 'The request body is not JSON; send {"scenario":"healthy"}.');
    return;
  }
  const parsed = scenarioRequestSchema.safeParse(json);
  if (!parsed.success) {
    sendControlError(response, 400, 'The request body must be an object with a "scenario" string, such as {"scenario":"healthy"}.');
    return;
  }

  const scenario = scenarios.find((known) => known === parsed.data.scenario);
  if (scenario === undefined) {
    sendControlError(response, 400, `Unknown scenario "${parsed.data.scenario}"; valid scenarios: ${scenarios.join(', ')}.`);
    return;
  }
  control.setScenario(instance, scenario);
  sendJson(response, 200, { instance, scenario });
}

/**
 * Serves the control API:
 * `GET /_simulator/scenarios`, `PUT /_simulator/scenarios/{instance}` with `{"scenario":"..."}`,
 * `GET /_simulator/calls?instance=x`, `DELETE /_simulator/calls`, and the
 * sign-in page that `redirectToLogin` points to at `GET /_simulator/login`.
 */
export function handleControlRequest(
  method: string,
  url: URL,
  body: string | null,
  response: ServerResponse,
  control: SimulatorControl,
): void {
  const path = url.pathname.slice(controlPrefix.length);

  if (path === '/scenarios' && method === 'GET') {
    sendJson(response, 200, { scenarios: control.listScenarios(), defaultScenario, available: scenarios });
    return;
  }
  if (path.startsWith('/scenarios/') && method === 'PUT') {
    putScenario(decodePathSegment(path.slice('/scenarios/'.length)), body, response, control);
    return;
  }
  if (path === '/calls' && method === 'GET') {
    const instance = url.searchParams.get('instance');
    sendJson(response, 200, { calls: control.calls(instance ?? undefined) });
    return;
  }
  if (path === '/calls' && method === 'DELETE') {
    control.clearCalls();
    response.writeHead(204).end();
    return;
  }
  if (path === '/login' && method === 'GET') {
    sendHtml(response, 200, loginPage);
    return;
  }
  sendControlError(response, 404, `No control route ${method} ${url.pathname}; see GET ${controlPrefix}/scenarios and ${controlPrefix}/calls.`);
}
