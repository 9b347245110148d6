import { UsageError, type Io, type ParsedArgs } from '../cli.js';

export async function demoCommand(_args: ParsedArgs, _io: Io): Promise<number> {
  throw new UsageError('demo is not available in this build yet');
}
