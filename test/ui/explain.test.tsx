import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { explainText } from '../../src/langsmith/explain.js';
import { Explain } from '../../src/ui/Explain.js';

describe('Explain view', () => {
  it('shows each finding with its excerpt, ranked candidates and fix', () => {
    const result = explainText(
      'Failed to send multipart request. Received status [403]: Forbidden. Message: {"error":"Forbidden"}\n' +
        "openai.AuthenticationError: Error code: 401 - {'error': {'code': 'invalid_api_key'}}\n",
    );
    const { lastFrame } = render(<Explain report={result} source="app.log" color={false} />);
    const frame = lastFrame()!;
    expect(frame).toContain('langsmith-doctor explain — app.log: ');
    expect(frame).toMatch(/✖ [A-Z_]+ .*403/);
    expect(frame).toMatch(/1\. [A-Z_]+ /);
    expect(frame).toContain('how to tell:');
    expect(frame).toContain('NOT_LANGSMITH_ERROR');
    expect(frame).toContain('Run `langsmith-doctor` to measure which cause applies.');
  });

  it('says plainly when nothing is recognised', () => {
    const { lastFrame } = render(<Explain report={explainText('all good\n')} source="stdin" color={false} />);
    expect(lastFrame()).toContain('Nothing recognised');
  });
});
