// The LangSmith API emulator: loopback listeners per region answering like LangSmith, from a world.
export { startEmulator } from './server.js';
export type { EmulatorUrls, IngestedRun, RequestRecord, RunningEmulator, StartOptions, StoredRun } from './server.js';
export { scenarios, getScenario } from './scenarios.js';
export type { Scenario, Stage, Tier } from './scenarios.js';
export { DEFAULT_SWITCHES, SAAS_REGIONS } from './types.js';
export type {
  ApiKey,
  Fault,
  HostSpec,
  Org,
  Plan,
  Project,
  RegionName,
  Role,
  Switches,
  UsageLimitState,
  UsageLimitType,
  Workspace,
  World,
} from './types.js';
export { seededKey, seededLegacyKey, seededUuid, shortKey, MINUTE, HOUR, DAY } from './ids.js';
export { workspacePermissions, orgPermissions } from './rbac.js';
export { serveScenario, startScenario, formatScenarioSetup, shellQuote } from './standalone.js';
export { TEST_CERT_PEM } from './tls.js';
