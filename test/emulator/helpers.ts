// Shared helpers for the emulator tests.
import { startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator, World } from '../../src/emulator/index.js';

/** Remove every LANGSMITH_* / LANGCHAIN_* variable so the SDK sees only what a test passes. */
export function clearLangSmithEnv(): () => void {
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(process.env)) {
    if (k.startsWith('LANGSMITH_') || k.startsWith('LANGCHAIN_')) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
  }
  // Keep the SDK away from a real ~/.langsmith/config.json profile.
  process.env['LANGSMITH_CONFIG_FILE'] = '/nonexistent/langsmith-doctor-test/config.json';
  return () => {
    delete process.env['LANGSMITH_CONFIG_FILE'];
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  };
}

export async function withEmulator<T>(world: World, fn: (emu: RunningEmulator) => Promise<T>): Promise<T> {
  const emu = await startEmulator({ world });
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; text: string; res: Response }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, res };
}
