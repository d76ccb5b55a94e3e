import { describe, expect, it } from 'vitest';
import { jsonSyntaxDetail } from '../../../src/http/plugins/error-handler.js';

const parserMessage = (text: string): string => {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('parsed');
};

describe('a JSON syntax error is reported without the input it quotes (a body may hold a password)', () => {
  it("drops V8's quote of the input", () => {
    const message = parserMessage('{"userName":"a@example.com","password": hunter2-secret}');
    expect(message).toContain('hunter2');
    expect(jsonSyntaxDetail(message)).toBe("Request body is not valid JSON: Unexpected token 'h'");
  });

  it('keeps a position, and says something when nothing is left', () => {
    expect(jsonSyntaxDetail(parserMessage('{"a":"b"'))).toMatch(/^Request body is not valid JSON: .*position 8/);
    expect(jsonSyntaxDetail('"[object Object]" is not valid JSON')).toBe('Request body is not valid JSON');
  });
});
