import { X509Certificate } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { checkAddress, createGuardedLookup, type AddressPolicy, type HostResolver } from './addressGuard';
import { describeTransportError, type TransportFailure } from './transportError';

/** One HTTP request to send as it is. */
export interface HttpCallRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | null;
}

/** Limits and trust settings of one call. */
export interface HttpCallOptions {
  /** Deadline for the whole call, from the DNS lookup to the last body byte, in milliseconds. */
  timeoutMs: number;
  /** Maximum number of response body bytes to read; the connection is closed after that many. */
  maxResponseBytes: number;
  addressPolicy: AddressPolicy;
  /** PEM certificate(s) of a CA to trust for this call, in addition to Node's default CAs. */
  trustedCaCertificate: string | null;
  /** Host name resolver; defaults to the operating system's resolver. */
  resolveHost?: HostResolver;
}

/** A response as received; redirects are returned, never followed. */
export interface HttpCallResponse {
  kind: 'response';
  statusCode: number;
  contentType: string | null;
  location: string | null;
  /** The body decoded as UTF-8, at most `maxResponseBytes` bytes of it. */
  body: string;
  /** True when the body was longer than `maxResponseBytes` and the rest was not read. */
  truncated: boolean;
}

export type HttpCallOutcome = HttpCallResponse | ({ kind: 'failure' } & TransportFailure);

function failure(failureClass: TransportFailure['failureClass'], message: string): HttpCallOutcome {
  return { kind: 'failure', failureClass, message, errorCode: null };
}

function splitPemCertificates(pem: string): string[] | null {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  try {
    // X509Certificate throws on a block that is not a valid certificate.
    blocks.forEach((block) => new X509Certificate(block));
  } catch {
    return null;
  }
  return blocks.length === 0 ? null : blocks;
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * Sends one HTTP(S) request and reads at most `maxResponseBytes` of the response.
 *
 * The host is checked against the address policy before connecting: an IP
 * literal directly, a host name through the guarded lookup. The deadline covers
 * the lookup, the connection, the TLS handshake and the whole body. TLS
 * certificates are always verified, against Node's default CAs plus
 * `trustedCaCertificate`. Never rejects: every failure is returned as a
 * `failure` outcome with its class.
 */
export function httpCall(request: HttpCallRequest, options: HttpCallOptions): Promise<HttpCallOutcome> {
  const { url } = request;
  const isHttps = url.protocol === 'https:';
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const endpoint = `${url.hostname}:${url.port === '' ? (isHttps ? '443' : '80') : url.port}`;

  if (!isHttps && url.protocol !== 'http:') {
    return Promise.resolve(failure('invalidUrl', `The URL scheme ${url.protocol} is not supported; use https: or http:.`));
  }

  if (isIP(hostname) !== 0) {
    const verdict = checkAddress(hostname, options.addressPolicy);
    if (!verdict.allowed) {
      return Promise.resolve(failure('blockedAddress', `${verdict.reason} No request was sent.`));
    }
  }

  let ca: string[] | undefined;
  if (options.trustedCaCertificate !== null && options.trustedCaCertificate.trim() !== '') {
    const certificates = splitPemCertificates(options.trustedCaCertificate);
    if (certificates === null) {
      return Promise.resolve(failure('tls', 'The trusted CA certificate is not a valid PEM certificate; paste the CA certificate including its BEGIN and END CERTIFICATE lines.'));
    }
    ca = [...rootCertificates, ...certificates];
  }

  return new Promise((resolve) => {
    let settled = false;
    let outgoing: http.ClientRequest | undefined;
    const settle = (outcome: HttpCallOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    const deadline = setTimeout(() => {
      settle(failure('timeout', `The call to ${endpoint} timed out after ${options.timeoutMs} ms without a complete response.`));
      outgoing?.destroy();
    }, options.timeoutMs);

    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== null) {
      headers['content-length'] = String(Buffer.byteLength(request.body));
    }

    const requestOptions: https.RequestOptions = {
      protocol: url.protocol,
      hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers,
      // A fresh agent per call: no pooled socket outlives the call or mixes trust settings.
      agent: false,
      lookup: createGuardedLookup(options.addressPolicy, options.resolveHost),
      ca,
    };

    const onResponse = (response: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      let received = 0;
      const finishBody = (truncated: boolean): void => {
        settle({
          kind: 'response',
          statusCode: response.statusCode ?? 0,
          contentType: headerValue(response.headers['content-type']),
          location: headerValue(response.headers.location),
          body: Buffer.concat(chunks).toString('utf8'),
          truncated,
        });
      };

      response.on('data', (chunk: Buffer) => {
        const room = options.maxResponseBytes - received;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          received += room;
          finishBody(true);
          // Stop reading: the rest of the body could be endless.
          response.destroy();
          outgoing?.destroy();
          return;
        }
        chunks.push(chunk);
        received += chunk.length;
      });
      response.on('end', () => finishBody(false));
      response.on('error', (error) => settle({ kind: 'failure', ...describeTransportError(error, endpoint) }));
      response.on('close', () => {
        if (!response.complete) {
          settle(failure('network', `The connection to ${endpoint} closed before the response body was complete.`));
        }
      });
    };

    try {
      outgoing = isHttps ? https.request(requestOptions, onResponse) : http.request(requestOptions, onResponse);
    } catch (error) {
      // Node validates the method and headers synchronously, for example a line break in a header value.
      const reason = error instanceof Error ? error.message : String(error);
      settle(failure('invalidRequest', `The request to ${endpoint} could not be built: ${reason}`));
      return;
    }

    outgoing.on('error', (error) => settle({ kind: 'failure', ...describeTransportError(error, endpoint) }));
    outgoing.end(request.body ?? undefined);
  });
}
