/** One JSON object per line on stdout, so the sandbox's output can be read by people and by jq alike. */
export type LogFields = Record<string, unknown>;
export type Logger = (level: "info" | "warn" | "error", msg: string, fields?: LogFields) => void;

export const stdoutLogger: Logger = (level, msg, fields = {}) => {
  const line = { time: new Date().toISOString(), level, msg, ...fields };
  process.stdout.write(`${JSON.stringify(line, errorReplacer)}\n`);
};

/** Tests start many sandboxes; their request lines would only bury the test output. */
export const silentLogger: Logger = () => {};

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
