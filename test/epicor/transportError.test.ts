import { BlockedAddressError } from '../../src/epicor/addressGuard';
import type { TransportFailureClass } from '../../src/epicor/failureClasses';
import { describeTransportError } from '../../src/epicor/transportError';

function errorWithCode(code: string, message = `failed with ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

describe('describeTransportError', () => {
  it.each<[string, TransportFailureClass]>([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['EAI_FAIL', 'dns'],
    ['ECONNREFUSED', 'refused'],
    ['ECONNRESET', 'network'],
    ['EPIPE', 'network'],
    ['EHOSTUNREACH', 'network'],
    ['ENETUNREACH', 'network'],
    ['HPE_INVALID_CONSTANT', 'network'],
    ['ETIMEDOUT', 'timeout'],
    ['CERT_HAS_EXPIRED', 'tlsExpired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tlsWrongName'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tlsUntrusted'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tlsUntrusted'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tlsUntrusted'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tlsUntrusted'],
    ['CERT_NOT_YET_VALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['EPROTO', 'tls'],
  ])('maps %s to %s', (code, failureClass) => {
    const failure = describeTransportError(errorWithCode(code), 'erp.example.com:443');

    expect(failure.failureClass).toBe(failureClass);
    expect(failure.errorCode).toBe(code);
    expect(failure.message).toContain('erp.example.com');
  });

  it('maps blocked address', () => {
    const error = new BlockedAddressError('erp.example.com', '10.0.0.5', '10.0.0.5 is a private or reserved address.');

    const failure = describeTransportError(error, 'erp.example.com:443');

    expect(failure).toEqual({
      failureClass: 'blockedAddress',
      message: 'The host erp.example.com resolves to a rejected address: 10.0.0.5 is a private or reserved address. No request was sent.',
      errorCode: 'ERR_ADDRESS_BLOCKED',
    });
  });

  it('maps error without code', () => {
    const failure = describeTransportError(new Error('something broke'), 'erp.example.com:443');

    expect(failure).toEqual({ failureClass: 'network', message: 'The connection to erp.example.com:443 failed: something broke', errorCode: null });
  });

  it('names host without port for dns', () => {
    const failure = describeTransportError(errorWithCode('ENOTFOUND'), 'epicor.invalid:443');

    expect(failure.message).toBe('DNS lookup of epicor.invalid failed (ENOTFOUND): the name was not found or the resolver did not answer.');
  });
});
