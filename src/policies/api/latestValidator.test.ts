import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLatestValidator } from './latestValidator';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createLatestValidator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const calls: Array<{ text: string; signal: AbortSignal; answer: ReturnType<typeof deferred<string>> }> = [];
    const results: string[] = [];
    const validator = createLatestValidator<string>({
      delayMs: 300,
      validate: (text, signal) => {
        const answer = deferred<string>();
        calls.push({ text, signal, answer });
        return answer.promise;
      },
      onStart: () => {},
      onResult: (r) => results.push(r),
      onError: () => {},
    });
    return { calls, results, validator };
  }

  it('asks once, 300 ms after the last keystroke, with the latest text', async () => {
    const { calls, validator } = setup();
    validator.submit('a');
    await vi.advanceTimersByTimeAsync(200);
    validator.submit('ab');
    await vi.advanceTimersByTimeAsync(299);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.text)).toEqual(['ab']);
  });

  it('aborts and ignores a stale answer that arrives after a newer one', async () => {
    const { calls, results, validator } = setup();
    validator.submit('old');
    await vi.advanceTimersByTimeAsync(300);
    validator.submit('new');
    expect(calls[0].signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    calls[1].answer.resolve('answer for new');
    calls[0].answer.resolve('answer for old');
    await vi.runAllTimersAsync();
    expect(results).toEqual(['answer for new']);
  });

  it('reports nothing after dispose', async () => {
    const { calls, results, validator } = setup();
    validator.submit('x');
    await vi.advanceTimersByTimeAsync(300);
    validator.dispose();
    calls[0].answer.resolve('late');
    await vi.runAllTimersAsync();
    expect(results).toEqual([]);
  });
});
