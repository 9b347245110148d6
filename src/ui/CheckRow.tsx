import { Text } from 'ink';
import type { Change } from '../report/changes.js';
import { STATUS_GLYPH, oneLine } from '../report/text.js';
import { layoutRow } from './layout.js';
import { Spinner } from './Spinner.js';
import type { Row } from './store.js';
import { STATUS_COLOR, paint } from './theme.js';

interface Properties {
  readonly row: Row;
  readonly width: number;
  readonly selected: boolean;
  /** This check's status changed since the previous run. */
  readonly change?: Change;
  readonly now: number;
  readonly color: boolean;
}

function elapsed(row: Row, now: number): string {
  if (row.state !== 'running' || row.startedAt === undefined) return '';
  const s = (now - row.startedAt) / 1000;
  return s < 1 ? '' : `${s.toFixed(0)} s`;
}

/**
 * One check on exactly one line: marker, glyph, title, the summary cut to the width with `…`,
 * the duration against the right edge. Nothing wraps into the next row at any width.
 */
export function CheckRow({ row, width, selected, change, now, color }: Properties) {
  const r = row.result;
  const marker = selected ? '›' : change ? '*' : ' ';
  const summary = r ? `${change ? `${change.from} → ${change.to} · ` : ''}${oneLine(r.summary)}` : row.state === 'running' ? 'running…' : 'waiting';
  const right = r ? `${r.durationMs} ms` : elapsed(row, now);
  const fit = layoutRow({ marker, glyph: '·', title: row.title, summary, right }, width);
  const glyph = r ? (
    <Text color={paint(color, STATUS_COLOR[r.status])}>{STATUS_GLYPH[r.status]}</Text>
  ) : row.state === 'running' ? (
    <Spinner color={paint(color, 'cyan')} />
  ) : (
    <Text dimColor>·</Text>
  );
  return (
    <Text wrap="truncate-end">
      <Text color={paint(color, change ? 'yellow' : 'cyan')} bold>
        {marker}
      </Text>{' '}
      {glyph}
      <Text bold={selected} inverse={selected && color}>
        {' '}
        {fit.title}
      </Text>
      <Text color={change ? paint(color, 'yellow') : undefined} dimColor={!change}>
        {fit.summary}
      </Text>
      <Text dimColor>
        {fit.gap}
        {fit.right}
      </Text>
    </Text>
  );
}
