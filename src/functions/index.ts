/**
 * Entry module of the function app (package.json `main`). Loading it first
 * validates the app settings, so a missing or invalid setting stops start-up
 * with a message naming it. It then registers every function with the
 * Functions host: each file below calls `app.http`, `app.timer` or
 * `app.storageQueue` once.
 */
import { getSettings } from '../config/settings';

getSettings();

/* eslint-disable @typescript-eslint/no-require-imports -- registration must follow the settings check above */
require('./lifecycle');
require('./health');

// The monitor: timer fan-out, one check per queue message, poison messages.
require('./scheduleConnectionChecks');
require('./checkEpicorConnection');
require('./recordPoisonCheck');

// The failed-transactions API and the screen.
require('./getMe');
require('./listCustomers');
require('./listFailedMessages');
require('./resendFailedMessages');
require('./listMessageResends');
require('./listConnections');
require('./listSyncLogs');
require('./testConnection');
require('./servePortal');
