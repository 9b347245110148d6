import type { Finding, Status } from '../core/checker.js';

// Semantic colours; undefined when colour is off (NO_COLOR), so Ink prints plain text.
export const STATUS_COLOR: Record<Status, string> = { pass: 'green', warn: 'yellow', fail: 'red', skip: 'gray', error: 'magenta' };
export const SEVERITY_COLOR: Record<Finding['severity'], string> = { info: 'blue', warn: 'yellow', fail: 'red' };

export function paint(color: boolean, value: string): string | undefined {
  return color ? value : undefined;
}
