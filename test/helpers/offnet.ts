// What the off-loopback tests of the built CLI share: the net-guard preload (injected name
// resolution, non-loopback connects refused and logged), the emulator's test certificate as a
// file for NODE_EXTRA_CA_CERTS, and a project folder whose config points every region somewhere safe.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_CERT_PEM } from '../../src/emulator/index.js';
import { ROOT, tempDir } from './cli.js';

export const NET_GUARD = path.join(ROOT, 'test/helpers/net-guard.mjs');

export interface Guard {
  /** node flags for runCli. */
  nodeArgs: string[];
  /** env for runCli. */
  env: Record<string, string>;
  /** Connects the guard refused (each one a leak off loopback). */
  refused(): Array<{ refused: string; host?: string; port?: number }>;
  /** Names the CLI asked to resolve. */
  lookups(): string[];
}

export function netGuard(dnsTable: Record<string, string[]> = {}): Guard {
  const log = path.join(tempDir('lsd-guard-'), 'net.log');
  const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
  return {
    nodeArgs: ['--import', NET_GUARD],
    env: { LSD_TEST_DNS: JSON.stringify(dnsTable), LSD_TEST_NET_LOG: log },
    refused: () => lines().filter((l) => 'refused' in l),
    lookups: () => lines().filter((l) => 'lookup' in l).map((l) => l.lookup),
  };
}

/** The emulator's self-signed certificate as a file (trust it with NODE_EXTRA_CA_CERTS). */
export function certFile(): string {
  const file = path.join(tempDir('lsd-cert-'), 'emulator-ca.pem');
  writeFileSync(file, TEST_CERT_PEM);
  return file;
}

/** A project folder whose config sets the region list (so no default region is a real host). */
export function projectWithRegions(regions: Record<string, string>): string {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, '.langsmith-doctorrc.json'), JSON.stringify({ regions }));
  return cwd;
}
