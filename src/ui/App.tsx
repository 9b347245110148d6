import { useInput, useStdout } from 'ink';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { intentOf, splitKeys, type Intent } from './keymap.js';
import { Screen } from './Screen.js';
import type { ScreenStore } from './store.js';

interface Properties {
  readonly store: ScreenStore;
  /** Intents the store cannot carry out itself: re-run, watch, export, fix (open, pick, apply), quit. */
  readonly onIntent: (intent: Intent) => void;
}

/** The terminal's size, following resizes (Ink re-lays out; this makes our measured lines follow). */
function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

/** Connects the store, the terminal size and the keys to the Screen (which only renders). */
export function App({ store, onIntent }: Properties) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const { columns, rows } = useTerminalSize();
  useInput(
    (input, key) => {
      for (const [one, press] of splitKeys(input, key)) {
        const intent = intentOf(one, press, store.getState());
        if (!intent) continue;
        if (intent.type === 'move' || intent.type === 'expand' || intent.type === 'collapse' || intent.type === 'scroll' || intent.type === 'view' || intent.type === 'fix-pick') {
          store.dispatch(intent);
        } else {
          onIntent(intent);
        }
      }
    },
    { isActive: state.interactive && !state.closed },
  );
  // One column spare: a line that fills the last column leaves some terminals in a pending wrap.
  return <Screen state={state} width={Math.max(20, columns - 1)} height={Math.max(8, rows - 1)} />;
}
