import { Box, Text } from 'ink';
import type { CheckResult } from '../core/checker.js';
import { SEVERITY_GLYPH, STATUS_GLYPH, oneLine } from '../report/text.js';
import { Elapsed, Spinner } from './Spinner.js';
import { SEVERITY_COLOR, STATUS_COLOR, paint } from './theme.js';

interface Properties {
  readonly title: string;
  readonly id: string;
  readonly result?: CheckResult;
  readonly running?: boolean;
  /** When the check started (ms since epoch), for the elapsed-time hint. */
  readonly startedAt?: number;
  readonly color: boolean;
}

/** One checklist row: status glyph, title, summary and duration; findings with their fixes below. */
export function CheckRow({ title, id, result, running, startedAt, color }: Properties) {
  if (!result) {
    return (
      <Box>
        {running ? <Spinner color={paint(color, 'cyan')} /> : <Text dimColor>·</Text>}
        <Text> {title} </Text>
        <Text dimColor>[{id}]{running ? '' : ' waiting'}</Text>
        {running && startedAt !== undefined ? <Elapsed since={startedAt} /> : null}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Box>
        <Text color={paint(color, STATUS_COLOR[result.status])}>{STATUS_GLYPH[result.status]} </Text>
        <Text bold>{title}</Text>
        <Text> — {oneLine(result.summary)} </Text>
        <Text dimColor>({result.durationMs} ms)</Text>
      </Box>
      {result.findings.map((f, i) => (
        <Box key={i} flexDirection="column" marginLeft={4}>
          <Text>
            <Text color={paint(color, SEVERITY_COLOR[f.severity])}>{SEVERITY_GLYPH[f.severity]} {f.code}</Text>
            {f.ignored ? <Text dimColor> (ignored)</Text> : null}
            {result.findings.length === 1 && oneLine(f.message) === oneLine(result.summary) ? null : <Text>: {oneLine(f.message)}</Text>}
          </Text>
          {f.fix ? (
            <Box flexDirection="column" marginLeft={2}>
              <Text dimColor>fix: {oneLine(f.fix.text)}</Text>
              {(f.fix.commands ?? []).map((c, j) => (
                <Text key={j} color={paint(color, 'cyan')}>  {oneLine(c)}</Text>
              ))}
            </Box>
          ) : null}
        </Box>
      ))}
    </Box>
  );
}
