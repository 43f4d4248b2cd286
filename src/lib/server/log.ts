/** One JSON line per event on stdout, so logs stay greppable and machine-readable. */
export function logEvent(level: 'info' | 'warn' | 'error', event: string, detail: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ at: new Date().toISOString(), level, event, ...detail });
  // stdout for every level: one stream, one line per event.
  process.stdout.write(line + '\n');
}

export function logError(event: string, error: unknown, detail: Record<string, unknown> = {}): void {
  const err = error instanceof Error ? error : new Error(String(error));
  logEvent('error', event, {
    ...detail,
    message: err.message,
    // The stack is folded onto the same line: one line per error.
    stack: err.stack?.split('\n').slice(1, 6).map((l) => l.trim()).join(' | '),
  });
}
