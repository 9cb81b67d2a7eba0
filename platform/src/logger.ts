export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  return value;
}

/**
 * A small structured logger. `pretty` prints one readable line per event (the start script
 * prefixes it with the service name); `json` prints one JSON object per line for collectors.
 */
export function createLogger(
  options: { level: LogLevel; format?: 'pretty' | 'json'; fields?: Record<string, unknown> },
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const base = options.fields ?? {};
  const emit = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[level] < ORDER[options.level]) return;
    const all: Record<string, unknown> = { ...base, ...fields };
    for (const key of Object.keys(all)) all[key] = serialise(all[key]);
    if (options.format === 'json') {
      write(JSON.stringify({ time: new Date().toISOString(), level, message, ...all }));
      return;
    }
    const extra = Object.entries(all)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        if (v && typeof v === 'object' && 'stack' in v && typeof v.stack === 'string') return `\n${v.stack}`;
        return ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
      })
      .join('');
    write(`${level.toUpperCase().padEnd(5)} ${message}${extra}`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }, write),
  };
}
