// The built-in checkers, in the order the checklist shows them.
import type { Checker } from '../src/core/checker.js';
import endpoint from './endpoint/index.js';
import envVars from './env-vars/index.js';
import keyFormat from './key-format/index.js';

export const builtinCheckers: readonly Checker[] = [keyFormat, envVars, endpoint];
