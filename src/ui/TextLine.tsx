import { Text } from 'ink';
import type { Line } from './lines.js';
import { styleOf } from './theme.js';

interface Properties {
  readonly line: Line;
  readonly color: boolean;
}

/** One fitted line; `truncate-end` is a guard only (lines.ts already cut it to the width). */
export function TextLine({ line, color }: Properties) {
  return (
    <Text wrap="truncate-end" {...styleOf(line.tone, color)}>
      {line.text === '' ? ' ' : line.text}
    </Text>
  );
}
