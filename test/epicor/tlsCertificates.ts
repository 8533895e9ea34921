import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A test CA and server certificates signed by it, as PEM text. */
export interface TestCertificates {
  caCertificate: string;
  /** For `localhost` and 127.0.0.1, valid now. */
  valid: { cert: string; key: string };
  /** For `localhost` and 127.0.0.1, expired. */
  expired: { cert: string; key: string };
  /** For `wrong.example` only, valid now. */
  wrongName: { cert: string; key: string };
}

function openssl(directory: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: directory, stdio: 'pipe' });
}

function issue(directory: string, name: string, subjectAltName: string, days: string): { cert: string; key: string } {
  openssl(directory, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
  writeFileSync(join(directory, `${name}.ext`), `subjectAltName=${subjectAltName}\n`);
  // OpenSSL 3.0 accepts negative -days: notAfter then lies before notBefore, so the certificate is already expired.
  openssl(directory, [
    'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', `${name}.pem`, '-days', days, '-extfile', `${name}.ext`,
  ]);
  return { cert: readFileSync(join(directory, `${name}.pem`), 'utf8'), key: readFileSync(join(directory, `${name}.key`), 'utf8') };
}

/** Generates a CA and three server certificates with the openssl CLI in a temporary folder, then deletes the folder. */
export function generateTestCertificates(): TestCertificates {
  const directory = mkdtempSync(join(tmpdir(), 'epicor-tls-'));
  try {
    openssl(directory, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Sync Guard Test CA']);
    return {
      caCertificate: readFileSync(join(directory, 'ca.pem'), 'utf8'),
      valid: issue(directory, 'localhost', 'DNS:localhost,IP:127.0.0.1', '2'),
      expired: issue(directory, 'expired', 'DNS:localhost,IP:127.0.0.1', '-1'),
      wrongName: issue(directory, 'wrong.example', 'DNS:wrong.example', '2'),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
