// --report FILE: the format comes from the extension.
import type { Report } from './model.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';

export function renderReportFile(file: string, report: Report): string {
  if (/\.json$/i.test(file)) return JSON.stringify(report, null, 2) + '\n';
  if (/\.html?$/i.test(file)) return renderHtml(report);
  return renderMarkdown(report);
}
