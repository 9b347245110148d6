// The built-in checkers, in the order the checklist shows them.
import type { Checker } from '../src/index.js';
import auth from './auth/index.js';
import endpoint from './endpoint/index.js';
import envVars from './env-vars/index.js';
import keyAge from './key-age/index.js';
import keyFormat from './key-format/index.js';
import permissionTier from './permission-tier/index.js';
import sdkVersions from './sdk-versions/index.js';
import traceRoundTrip from './trace-round-trip/index.js';
import usageLimits from './usage-limits/index.js';

export const builtinCheckers: readonly Checker[] = [keyFormat, envVars, endpoint, auth, permissionTier, traceRoundTrip, keyAge, usageLimits, sdkVersions];
