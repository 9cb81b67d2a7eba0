import { ConfigError } from './config';

/**
 * The body of every `main.ts`: validate config (a bad value stops the start and names the
 * variable), start, and stop cleanly on SIGINT/SIGTERM.
 */
export function runMain<C>(name: string, loadConfig: () => C, start: (config: C) => Promise<{ stop(): Promise<void> }>): void {
  let config: C;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: cannot start. ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  start(config).then(
    (running) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stdout.write(`${name}: ${signal} received, stopping\n`);
        // A service that drains (shutdownGraceMs + drainTimeoutMs in its config) gets that long, plus 5 s to close its pools.
        const { shutdownGraceMs = 0, drainTimeoutMs = 5_000 } = config as { shutdownGraceMs?: number; drainTimeoutMs?: number };
        const force = setTimeout(
          () => {
            process.stderr.write(`${name}: did not stop in time; exiting\n`);
            process.exit(1);
          },
          shutdownGraceMs + drainTimeoutMs + 5_000,
        );
        force.unref();
        running.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`${name}: error while stopping: ${String(error)}\n`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    },
    (error: unknown) => {
      process.stderr.write(
        `${name}: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
