// Structured logs: one JSON object per line, with the request id when there is one.
// Values under keys that look secret are replaced, so a token can never reach the log by accident.

type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;

const SECRET_KEY = /token|secret|password|authorization|cookie|credential|api[-_]?key/i;
const TOKEN_VALUE = /\b(gh[opsur]_[A-Za-z0-9]{10,}|github_pat_[A-Za-z0-9_]{10,})\b/g;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[depth]";
  if (typeof value === "string") return value.replace(TOKEN_VALUE, "[redacted]");
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1), stack: redact(value.stack, depth + 1) };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? "[redacted]" : redact(item, depth + 1)]),
    );
  }
  return value;
}

function write(level: Level, msg: string, fields: Fields = {}): void {
  if (level === "debug" && !process.env.FLIGHTDECK_DEBUG) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...(redact(fields) as Fields) });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

export function createLogger(base: Fields = {}): Logger {
  return {
    debug: (msg, fields) => write("debug", msg, { ...base, ...fields }),
    info: (msg, fields) => write("info", msg, { ...base, ...fields }),
    warn: (msg, fields) => write("warn", msg, { ...base, ...fields }),
    error: (msg, fields) => write("error", msg, { ...base, ...fields }),
    child: (fields) => createLogger({ ...base, ...fields }),
  };
}

export const log = createLogger();
