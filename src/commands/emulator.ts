import { UsageError, type Io, type ParsedArgs } from '../cli.js';

export async function emulatorCommand(_args: ParsedArgs, _io: Io): Promise<number> {
  throw new UsageError('emulator is not available in this build yet');
}
