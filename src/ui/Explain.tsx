import { Box, Text } from 'ink';
import type { Finding } from '../core/checker.js';
import type { ExplainReport } from '../report/explain-text.js';
import { SEVERITY_GLYPH, oneLine } from '../report/text.js';
import { SEVERITY_COLOR, paint } from './theme.js';

interface Properties {
  readonly report: ExplainReport;
  readonly source: string;
  readonly color: boolean;
}

interface Evidence {
  excerpt?: string;
  line?: number;
  occurrences?: number;
  serviceName?: string;
  candidates?: Array<{ code: string; why: string; howToTell: string }>;
}

/** `explain` in a terminal: each finding with its excerpt, ranked candidates and fix. */
export function Explain({ report, source, color }: Properties) {
  const { findings, input } = report;
  const langsmith = findings.filter((f) => f.code !== 'NOT_LANGSMITH_ERROR');
  return (
    <Box flexDirection="column">
      <Text dimColor>
        langsmith-doctor explain — {oneLine(source)}: {input.lines} line{input.lines === 1 ? '' : 's'}, {input.bytes} bytes{input.truncated ? ' (the last 8 MB analysed)' : ''}
      </Text>
      {findings.length === 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>Nothing recognised: no LangSmith error (and no other service's error) that langsmith-doctor knows.</Text>
          <Text dimColor>Run `langsmith-doctor` to diagnose the set-up directly.</Text>
        </Box>
      ) : null}
      {findings.map((f, i) => (
        <FindingBlock key={i} finding={f} color={color} />
      ))}
      {findings.length > 0 ? (
        <Box marginTop={1} flexDirection="column">
          <Text bold>
            {langsmith.length > 0 ? `${langsmith.length} LangSmith finding${langsmith.length === 1 ? '' : 's'}: ${langsmith.map((f) => f.code).join(', ')}` : 'No LangSmith problem'}
            {findings.length > langsmith.length ? `; ${findings.length - langsmith.length} from other services` : ''}
          </Text>
          {langsmith.length > 0 ? <Text dimColor>Run `langsmith-doctor` to measure which cause applies.</Text> : null}
        </Box>
      ) : null}
    </Box>
  );
}

function FindingBlock({ finding: f, color }: { readonly finding: Finding; readonly color: boolean }) {
  const ev = (f.evidence ?? {}) as Evidence;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text>
        <Text color={paint(color, SEVERITY_COLOR[f.severity])} bold>
          {SEVERITY_GLYPH[f.severity]} {f.code}
        </Text>
        <Text> {oneLine(f.message)}</Text>
      </Text>
      {ev.excerpt !== undefined ? (
        <Text dimColor>
          {'    '}line {ev.line ?? '?'}
          {ev.occurrences && ev.occurrences > 1 ? ` (${ev.occurrences} matching lines)` : ''}: {oneLine(ev.excerpt)}
        </Text>
      ) : null}
      {(ev.candidates ?? []).map((c, i) => (
        <Box key={c.code} flexDirection="column" marginLeft={4}>
          <Text>
            {i + 1}. <Text bold>{c.code}</Text> {oneLine(c.why)}
          </Text>
          <Text dimColor>
            {'   '}how to tell: {oneLine(c.howToTell)}
          </Text>
        </Box>
      ))}
      {f.fix ? (
        <Box flexDirection="column" marginLeft={4}>
          <Text>fix: {oneLine(f.fix.text)}</Text>
          {(f.fix.commands ?? []).map((c, i) => (
            <Text key={i} color={paint(color, 'cyan')}>
              {'  '}
              {oneLine(c)}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
