import type { Environment } from '../data/environments';
import type { ConnectionTestResult } from '../epicor/testConnection';
import type { EmailMessage } from '../notify/emailSender';
import { escapeHtml, formatDuration, formatTimeInZone } from './emailFormatting';
import { failureClassLabel } from './failureClassLabels';

/** Ids and names of the outage an email is about. */
export interface AlertEmailSubject {
  customerId: string;
  customerName: string;
  applicationId: string;
  applicationName: string;
  environment: Environment;
  outageId: string;
  /** IANA time zone that times are shown in. */
  timeZone: string;
}

/** Facts of an open outage for its email. */
export interface OutageEmailFacts extends AlertEmailSubject {
  firstErrorTime: Date;
  failureCount: number;
  /** The latest failed check. */
  result: ConnectionTestResult;
  /** The resend screen for this connection. */
  resendUrl: string;
}

/** Facts of a closed outage for the recovery email. */
export interface RecoveryEmailFacts extends AlertEmailSubject {
  firstErrorTime: Date;
  lastErrorTime: Date;
  recoveredTime: Date;
  /** Failed outgoing transactions since the last successful check before the outage; null when they could not be counted. */
  failedTransactionCount: number | null;
  /** The resend screen filtered to the outage. */
  resendUrl: string;
}

type Row = [label: string, value: string];

/** Builds the resend screen's address for one connection, optionally filtered to a time window. */
export function buildResendUrl(
  portalPublicUrl: string,
  target: { customerId: string; applicationId: string; environment: Environment },
  window?: { from: Date; to: Date },
): string {
  const url = new URL(portalPublicUrl.endsWith('/') ? portalPublicUrl : `${portalPublicUrl}/`);
  url.searchParams.set('customerId', target.customerId);
  url.searchParams.set('applicationId', target.applicationId);
  url.searchParams.set('environment', target.environment);
  if (window) {
    url.searchParams.set('from', window.from.toISOString());
    url.searchParams.set('to', window.to.toISOString());
  }
  return url.href;
}

function renderText(paragraphs: readonly string[], rows: readonly Row[], closing: readonly string[]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  const table = rows.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`).join('\n');
  return [...paragraphs, table, ...closing].join('\n\n') + '\n';
}

function renderHtml(paragraphs: readonly string[], rows: readonly Row[], closing: readonly string[], link: { text: string; href: string }): string {
  const cell = 'style="padding:4px 12px 4px 0;vertical-align:top;text-align:left"';
  const table = rows.map(([label, value]) => `<tr><th ${cell}>${escapeHtml(label)}</th><td ${cell}>${escapeHtml(value)}</td></tr>`).join('');
  return [
    '<!DOCTYPE html><html><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px">',
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    `<table>${table}</table>`,
    ...closing.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>`,
    '</body></html>',
  ].join('\n');
}

function tagsOf(facts: AlertEmailSubject, kind: 'outage' | 'recovery'): Record<string, string> {
  return {
    kind,
    customerId: facts.customerId,
    applicationId: facts.applicationId,
    environment: facts.environment,
    outageId: facts.outageId,
  };
}

/** Builds the email that warns a customer's administrators that their Epicor connection is down. */
export function buildOutageEmail(facts: OutageEmailFacts, to: readonly string[]): EmailMessage {
  const { result } = facts;
  const connection = `${facts.applicationName} (${facts.environment})`;
  const rows: Row[] = [
    ['Customer', facts.customerName],
    ['Application', facts.applicationName],
    ['Environment', facts.environment],
    ['Failing since', formatTimeInZone(facts.firstErrorTime, facts.timeZone)],
    ['Failed checks', String(facts.failureCount)],
    ['Address tested', result.url === '' ? 'none (the base URL is invalid)' : result.url],
    ['What failed', result.failureClass === null ? 'unknown' : failureClassLabel(result.failureClass)],
    ['Details', result.message],
  ];
  if (result.epicorError) {
    const correlation = result.epicorError.correlationId ? ` (correlation ID ${result.epicorError.correlationId})` : '';
    rows.push(['Epicor error', `${result.epicorError.errorMessage}${correlation}`]);
  }
  rows.push(['What to check', result.hint ?? 'Check the connection settings and test the connection again.']);

  const paragraphs = [
    `${connection} cannot reach your Epicor server, so transactions it sends to Epicor fail.`,
  ];
  const closing = [
    'This service checks the connection regularly. You get one more email when it works again, with the number of transactions that failed in the meantime, which you can then resend.',
  ];
  const linkText = 'Open the failed transactions of this connection';
  return {
    to,
    subject: `Epicor connection down: ${connection}`,
    text: renderText(paragraphs, rows, [...closing, `${linkText}: ${facts.resendUrl}`]),
    html: renderHtml(paragraphs, rows, closing, { text: linkText, href: facts.resendUrl }),
    tags: tagsOf(facts, 'outage'),
  };
}

/** Builds the email that notifies a customer's administrators that their Epicor connection works again. */
export function buildRecoveryEmail(facts: RecoveryEmailFacts, to: readonly string[]): EmailMessage {
  const connection = `${facts.applicationName} (${facts.environment})`;
  const failed =
    facts.failedTransactionCount === null
      ? 'could not be counted; the link below lists them'
      : `${facts.failedTransactionCount} outgoing ${facts.failedTransactionCount === 1 ? 'transaction' : 'transactions'} since the last successful check before the outage`;
  const rows: Row[] = [
    ['Customer', facts.customerName],
    ['Application', facts.applicationName],
    ['Environment', facts.environment],
    ['First failed check', formatTimeInZone(facts.firstErrorTime, facts.timeZone)],
    ['Last failed check', formatTimeInZone(facts.lastErrorTime, facts.timeZone)],
    ['Working again at', formatTimeInZone(facts.recoveredTime, facts.timeZone)],
    ['Outage duration', formatDuration(facts.recoveredTime.getTime() - facts.firstErrorTime.getTime())],
    ['Failed transactions', failed],
  ];
  const paragraphs = [`${connection} reaches your Epicor server again.`];
  const closing = [
    facts.failedTransactionCount === 0
      ? 'No outgoing transaction failed during the outage, so there is nothing to resend.'
      : 'Transactions that failed during the outage were not posted to Epicor. Review them and resend them in their original order from the resend screen.',
  ];
  const linkText =
    facts.failedTransactionCount === 0 ? 'Open the resend screen for the time of this outage' : 'Review and resend the transactions of this outage';
  return {
    to,
    subject: `Epicor connection restored: ${connection}`,
    text: renderText(paragraphs, rows, [...closing, `${linkText}: ${facts.resendUrl}`]),
    html: renderHtml(paragraphs, rows, closing, { text: linkText, href: facts.resendUrl }),
    tags: tagsOf(facts, 'recovery'),
  };
}
