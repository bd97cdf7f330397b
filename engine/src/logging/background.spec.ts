import type { LoggerService } from '@nestjs/common';
import { installProcessSafetyNet, runInBackground } from './background';

function capture(): { logger: LoggerService; lines: string[] } {
  const lines: string[] = [];
  const logger: LoggerService = {
    log: () => undefined,
    warn: () => undefined,
    error: (message: unknown) => lines.push(String(message)),
  };
  return { logger, lines };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(runInBackground.name, () => {
  it('logs a failing job by name and lets it go no further', async () => {
    const { logger, lines } = capture();
    runInBackground(logger, 'Import 12', () => Promise.reject(new Error('index row size exceeds maximum')));
    runInBackground(logger, 'Scheduler round', () => {
      throw new TypeError('synchronous');
    });
    await settle();
    expect([...lines].sort()).toEqual([
      expect.stringMatching(/^Import 12 failed: Error: index row size exceeds maximum/),
      expect.stringMatching(/^Scheduler round failed: TypeError: synchronous/),
    ]);
  });

  it('survives a logger that throws', async () => {
    const logger: LoggerService = {
      log: () => undefined,
      warn: () => undefined,
      error: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const written = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      runInBackground(logger, 'Import 13', () => Promise.reject(new Error('x')));
      await settle();
      expect(written).toHaveBeenCalledWith('Import 13 failed (the error could not be logged)\n');
    } finally {
      written.mockRestore();
    }
  });
});

describe(installProcessSafetyNet.name, () => {
  it('logs a stray rejection instead of letting the process end, until removed', () => {
    const { logger, lines } = capture();
    const before = process.listenerCount('unhandledRejection');
    const remove = installProcessSafetyNet(logger);
    try {
      expect(process.listenerCount('unhandledRejection')).toBe(before + 1);
      const listener = process.listeners('unhandledRejection').at(-1)!;
      listener(new Error('stray'), Promise.resolve());
      expect(lines).toEqual([
        expect.stringMatching(/^Unhandled promise rejection \(the server goes on\): Error: stray/),
      ]);
    } finally {
      remove();
    }
    expect(process.listenerCount('unhandledRejection')).toBe(before);
  });
});
