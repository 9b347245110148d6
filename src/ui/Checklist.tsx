import { Box, Static, Text, useApp } from 'ink';
import { useEffect, useSyncExternalStore } from 'react';
import { renderHeader } from '../report/text.js';
import { CheckRow } from './CheckRow.js';
import { Conclusion } from './Conclusion.js';
import type { ChecklistStore, Row } from './store.js';

interface Properties {
  readonly store: ChecklistStore;
}

type StaticItem = { key: string; kind: 'header'; text: string } | { key: string; kind: 'row'; row: Row };

/**
 * The live checklist. Finished rows go to <Static> in declared order (printed once, scroll-safe);
 * running and waiting rows stay live below them, then the conclusion replaces them.
 */
export function Checklist({ store }: Properties) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const { exit } = useApp();
  useEffect(() => {
    if (state.report) exit();
  }, [state.report, exit]);

  const items: StaticItem[] = [
    { key: 'header', kind: 'header', text: renderHeader(state.target, state.demo) },
    ...state.rows.slice(0, state.settled).map((row): StaticItem => ({ key: `row-${row.id}`, kind: 'row', row })),
  ];
  const live = state.rows.slice(state.settled);
  return (
    <>
      <Static items={items}>
        {(item) =>
          item.kind === 'header' ? (
            <Text key={item.key}>{item.text}</Text>
          ) : (
            <CheckRow key={item.key} id={item.row.id} title={item.row.title} result={item.row.result} color={state.color} />
          )
        }
      </Static>
      <Box flexDirection="column">
        {live.map((row) => (
          <CheckRow key={row.id} id={row.id} title={row.title} result={row.result} running={row.state === 'running'} startedAt={row.startedAt} color={state.color} />
        ))}
        {state.report ? <Conclusion report={state.report} color={state.color} /> : null}
      </Box>
    </>
  );
}
