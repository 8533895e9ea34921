/**
 * Entry module of the function app (package.json `main`). Loading it
 * validates the app settings, so a missing or invalid setting stops
 * start-up with a message naming it, then registers every function with the
 * Functions host; each file below calls `app.http`, `app.timer` or
 * `app.storageQueue` once.
 */
import { getSettings } from '../config/settings';

getSettings();

/* eslint-disable @typescript-eslint/no-require-imports -- registration must follow the settings check above */
require('./lifecycle');
require('./health');
