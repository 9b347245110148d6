import { UsageError, type Io, type Mode, type ParsedArgs } from '../cli.js';
import type { Prepared } from '../doctor.js';

export async function watchCommand(_p: Prepared, _args: ParsedArgs, _io: Io, _mode: Mode): Promise<number> {
  throw new UsageError('--watch is not available in this build yet');
}
