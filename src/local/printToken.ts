import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLocalTokenIssuer } from '../auth/localTokenIssuer';
import { applyLocalSettings, getSettings } from '../config/settings';
import { openDatabase } from '../data/openDatabase';
import type { PortalDatabase } from '../data/portalSchema';
import { toGuid } from '../data/rowValues';
import { describeError } from '../shared/errors';
import { readLocalHostOptions, readLocalSettings } from './localSettings';

/**
 * `npm run token -- <email>`: prints a bearer token for a demo user of the
 * embedded default, signed with the local host's key. Run `npm start` once
 * first so that the demo data and the key exist.
 */
async function printToken(email: string | undefined): Promise<void> {
  if (!email) {
    throw new Error('Give a demo user\'s email, for example: npm run token -- ops.admin@northwind.example');
  }
  const rootDirectory = resolve(__dirname, '../../..');
  const options = readLocalHostOptions(rootDirectory);
  applyLocalSettings(readLocalSettings(options));
  const settings = getSettings();
  const portalFile = settings.LicensePortalDatabase.replace(/^sqlite:/, '');
  if (!existsSync(portalFile)) {
    throw new Error(`${portalFile} does not exist yet: run "npm start" once (with the same SYNC_GUARD_LOCAL_DIR, if you set one) to create the demo data`);
  }

  const portal = await openDatabase<PortalDatabase>(settings.LicensePortalDatabase);
  try {
    const user = await portal.db
      .selectFrom('Users')
      .select(['ID', 'Email', 'DisplayName', 'CustomerID'])
      .where('Email', '=', email)
      .where('IsActive', '=', true)
      .where('IsAdministrator', '=', true)
      .executeTakeFirst();
    if (!user) {
      throw new Error(`No active administrator has the email ${email}; GET /local/demo-users lists them`);
    }
    const issuer = await createLocalTokenIssuer({
      directory: join(options.stateDirectory, 'auth'),
      issuer: settings.Auth__Issuer,
      audience: settings.Auth__Audience,
    });
    const { token } = await issuer.sign({
      userId: toGuid(user.ID),
      customerId: user.CustomerID === null ? null : toGuid(user.CustomerID),
      role: user.CustomerID === null ? 'vendorSupport' : 'customerAdministrator',
      name: user.DisplayName,
      email: user.Email,
    });
    process.stdout.write(`${token}\n`);
  } finally {
    await portal.close();
  }
}

printToken(process.argv[2]).catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});
