import { BlockedAddressError } from './addressGuard';
import type { TransportFailureClass } from './failureClasses';

/** A transport failure as a class and a plain-English message naming the host. */
export interface TransportFailure {
  failureClass: TransportFailureClass;
  message: string;
  errorCode: string | null;
}

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA']);
const untrustedCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
]);

function codeOf(error: Error): string | null {
  const code: unknown = 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : null;
}

/**
 * Maps a Node.js connection error to a failure class by its `code`.
 * `endpoint` is `host:port` as shown to the administrator.
 */
export function describeTransportError(error: Error, endpoint: string): TransportFailure {
  const code = codeOf(error);
  const failure = (failureClass: TransportFailureClass, message: string): TransportFailure => ({
    failureClass,
    message,
    errorCode: code,
  });

  if (error instanceof BlockedAddressError) {
    return failure('blockedAddress', `${error.message} No request was sent.`);
  }
  if (code === null) {
    return failure('network', `The connection to ${endpoint} failed: ${error.message}`);
  }
  if (dnsCodes.has(code)) {
    return failure('dns', `DNS lookup of ${endpoint.replace(/:\d+$/, '')} failed (${code}): the name was not found or the resolver did not answer.`);
  }
  if (code === 'ECONNREFUSED') {
    return failure('refused', `The connection to ${endpoint} was refused (${code}).`);
  }
  if (code === 'ETIMEDOUT') {
    return failure('timeout', `The connection to ${endpoint} timed out (${code}).`);
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return failure('tlsExpired', `The TLS certificate of ${endpoint} has expired (${code}).`);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return failure('tlsWrongName', `The TLS certificate of ${endpoint} is not issued to that host name (${code}).`);
  }
  if (untrustedCodes.has(code)) {
    return failure('tlsUntrusted', `The TLS certificate of ${endpoint} is not issued by a trusted authority (${code}).`);
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('CERT_') || code === 'EPROTO') {
    return failure('tls', `The TLS handshake with ${endpoint} failed (${code}): ${error.message}`);
  }
  if (code.startsWith('HPE_')) {
    return failure('network', `The server at ${endpoint} did not answer with valid HTTP (${code}).`);
  }
  return failure('network', `The connection to ${endpoint} failed (${code}).`);
}
