/**
 * The logging the core needs, shaped like pino so the server passes its logger straight in.
 * Callers log ids and reasons only: never free text, names or personal identity numbers.
 */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Writes JSON lines to stderr: the default where no logger is given, so nothing goes unseen. */
export const stderrLogger: Logger = {
  info: (fields, message) => {
    process.stderr.write(`${JSON.stringify({ level: 'info', ...fields, msg: message })}\n`);
  },
  warn: (fields, message) => {
    process.stderr.write(`${JSON.stringify({ level: 'warn', ...fields, msg: message })}\n`);
  },
  error: (fields, message) => {
    process.stderr.write(`${JSON.stringify({ level: 'error', ...fields, msg: message })}\n`);
  },
};
