import { Box } from 'ink';
import { CheckRow } from './CheckRow.js';
import { detailLines, fixLines, footerLines, headerLines, helpLines, planLines, type Line } from './lines.js';
import type { ScreenState } from './store.js';
import { TextLine } from './TextLine.js';

interface Properties {
  readonly state: ScreenState;
  /** Columns to fill; every line is cut or wrapped to this. */
  readonly width: number;
  /** Rows the frame may use (the terminal's, less one: Ink redraws a full screen by clearing it). */
  readonly height: number;
}

type BodyItem = { kind: 'row'; index: number } | { kind: 'line'; line: Line };

/** The body as items: the check rows (the expanded one followed by its details), the plan, the fix, or the keys. */
export function bodyOf(state: ScreenState, width: number): { items: BodyItem[]; focus: number } {
  if (state.view === 'plan' && state.report) return { items: planLines(state.report, width).map((line) => ({ kind: 'line', line })), focus: 0 };
  if (state.view === 'fix' && state.fix) return { items: fixLines(state.fix, width).map((line) => ({ kind: 'line', line })), focus: 0 };
  if (state.view === 'help') return { items: helpLines(state.canFix, width).map((line) => ({ kind: 'line', line })), focus: 0 };
  const items: BodyItem[] = [];
  let focus = 0;
  state.rows.forEach((row, index) => {
    if (index === state.selected) focus = items.length;
    items.push({ kind: 'row', index });
    if (state.expanded && index === state.selected && state.interactive) {
      for (const line of detailLines(state.report, row, width)) items.push({ kind: 'line', line });
    }
  });
  return { items, focus };
}

/**
 * Which body lines fit: all when they do; else a window that keeps the selected row in sight
 * (scrolling moves through what follows it), with a marker where lines are hidden.
 */
export function windowOf(total: number, room: number, focus: number, scroll: number): { start: number; end: number } {
  if (total <= room) return { start: 0, end: total };
  const start = Math.max(0, Math.min(focus - 1 + scroll, total - room));
  return { start, end: start + room };
}

/** Header, body and footer, never taller than `height` nor wider than `width`. */
export function Screen({ state, width, height }: Properties) {
  const header = headerLines(state, width);
  const footer = footerLines(state, width);
  const { items, focus } = bodyOf(state, width);
  const room = Math.max(1, height - header.length - footer.length - 2);
  const { start, end } = windowOf(items.length, room, focus, state.scroll);
  const visible: BodyItem[] = items.slice(start, end);
  if (start > 0) visible[0] = { kind: 'line', line: { text: `  ↑ ${start} more above (PgUp)`, tone: 'dim' } };
  if (end < items.length) visible[visible.length - 1] = { kind: 'line', line: { text: `  ↓ ${items.length - end + 1} more below (PgDn or space)`, tone: 'dim' } };
  const changeOf = (id: string) => (state.running ? undefined : state.changes.find((c) => c.what === id));
  return (
    <Box flexDirection="column">
      {header.map((line, i) => (
        <TextLine key={`h${i}`} line={line} color={state.color} />
      ))}
      <Box flexDirection="column" marginTop={1}>
        {visible.map((item, i) =>
          item.kind === 'row' ? (
            <CheckRow
              key={`r${item.index}`}
              row={state.rows[item.index]!}
              width={width}
              selected={state.interactive && !state.closed && item.index === state.selected}
              change={changeOf(state.rows[item.index]!.id)}
              now={state.now}
              color={state.color}
            />
          ) : (
            <TextLine key={`l${start + i}`} line={item.line} color={state.color} />
          ),
        )}
      </Box>
      {footer.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          {footer.map((line, i) => (
            <TextLine key={`f${i}`} line={line} color={state.color} />
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
