import { Box, Text } from 'ink';
import { stageLine } from '../diagnosis/diagnose.js';
import type { Report } from '../report/model.js';
import { oneLine } from '../report/text.js';
import { paint } from './theme.js';

interface Properties {
  readonly report: Report;
  readonly color: boolean;
}

/** The summary counts, the stage and tier, the causes and the plan. */
export function Conclusion({ report, color }: Properties) {
  const { summary: s, diagnosis: d } = report;
  const [primary, ...others] = d.causes;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text>
        <Text color={paint(color, 'green')}>{s.pass} pass</Text> · <Text color={paint(color, 'yellow')}>{s.warn} warn</Text> ·{' '}
        <Text color={paint(color, 'red')}>{s.fail} fail</Text> · {s.skip} skip · <Text color={paint(color, 'magenta')}>{s.error} error</Text>
        <Text dimColor> ({report.durationMs} ms)</Text>
      </Text>
      <Text>
        Stage: <Text bold color={paint(color, primary ? 'red' : 'green')}>{d.stage}</Text> · tier <Text bold>{d.tier}</Text>
      </Text>
      <Text dimColor>{stageLine(d)}</Text>
      {primary ? (
        <Text>
          Cause: <Text bold>{primary.code}</Text> {oneLine(primary.message)}
        </Text>
      ) : null}
      {others.slice(0, 5).map((c, i) => (
        <Text key={i} dimColor>
          {'  '}{c.relation === 'follows' ? 'then' : 'also'}: {c.code} {oneLine(c.message)}
        </Text>
      ))}
      {d.plan.length > 0 ? <Text bold>Plan</Text> : null}
      {d.plan.map((p) => (
        <Box key={p.step} flexDirection="column" marginLeft={2}>
          <Text>
            {p.step}. {oneLine(p.action)}
          </Text>
          <Box marginLeft={3} flexDirection="column">
            <Text dimColor>{oneLine(p.why)}</Text>
            {p.commands.map((c, j) => (
              <Text key={j} color={paint(color, 'cyan')}>{oneLine(c)}</Text>
            ))}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
