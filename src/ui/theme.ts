import type { Finding, Status } from '../core/checker.js';
import type { Tone } from './lines.js';

// Semantic colours; undefined when colour is off (NO_COLOR), so Ink prints plain text.
export const STATUS_COLOR: Record<Status, string> = { pass: 'green', warn: 'yellow', fail: 'red', skip: 'gray', error: 'magenta' };
export const SEVERITY_COLOR: Record<Finding['severity'], string> = { info: 'blue', warn: 'yellow', fail: 'red' };

export function paint(color: boolean, value: string): string | undefined {
  return color ? value : undefined;
}

/** How a line of a given tone looks: a colour (when colour is on), dim or bold. */
export function styleOf(tone: Tone | undefined, color: boolean): { color?: string; dimColor?: boolean; bold?: boolean } {
  switch (tone) {
    case 'pass':
    case 'warn':
    case 'fail':
    case 'skip':
    case 'error':
      return { color: paint(color, STATUS_COLOR[tone]) };
    case 'info':
      return { color: paint(color, 'blue') };
    case 'cmd':
      return { color: paint(color, 'cyan') };
    case 'changed':
      return { color: paint(color, 'yellow'), bold: true };
    case 'title':
      return { bold: true };
    case 'dim':
      return { dimColor: true };
    default:
      return {};
  }
}
