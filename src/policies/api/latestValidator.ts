/**
 * Debounce + "latest answer wins" for validation, without React so it can be tested with fake
 * timers. Each submit cancels the pending timer and aborts the request in flight; an answer that
 * arrives after a newer submit is dropped even if the transport ignored the abort.
 */
export interface LatestValidator<T> {
  submit(text: string): void;
  dispose(): void;
}

export function createLatestValidator<T>(options: {
  delayMs: number;
  validate: (text: string, signal: AbortSignal) => Promise<T>;
  onStart: () => void;
  onResult: (result: T) => void;
  onError: (error: unknown) => void;
}): LatestValidator<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let generation = 0;

  const cancel = () => {
    clearTimeout(timer);
    controller?.abort();
  };

  return {
    submit(text) {
      cancel();
      const mine = ++generation;
      options.onStart();
      timer = setTimeout(() => {
        controller = new AbortController();
        options.validate(text, controller.signal).then(
          (result) => mine === generation && options.onResult(result),
          (error: unknown) => mine === generation && options.onError(error),
        );
      }, options.delayMs);
    },
    dispose() {
      generation++;
      cancel();
    },
  };
}
