import { UsageError, type Io, type ParsedArgs } from '../cli.js';

export async function explainCommand(_args: ParsedArgs, _io: Io): Promise<number> {
  throw new UsageError('explain is not available in this build yet');
}
