// Structured logs: one JSON object per line (pino) for the log collector of the data centre,
// pretty lines for a developer at a terminal. One logger for the process, configured from the
// environment (LOG_LEVEL, LOG_FORMAT) before anything logs. Tokens never reach a log line: the
// fields that could carry one are redacted wherever they appear.
import { pino, type Logger } from 'pino';

export type { Logger };

function levelOf(env: NodeJS.ProcessEnv): string {
  return env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'warn' : 'info');
}

/** Pretty in development at a terminal, JSON everywhere else (and always with LOG_FORMAT=json). */
function prettyOf(env: NodeJS.ProcessEnv): boolean {
  if (env.LOG_FORMAT) return env.LOG_FORMAT === 'pretty';
  return env.NODE_ENV !== 'production' && Boolean(process.stdout.isTTY);
}

export const logger: Logger = pino({
  level: levelOf(process.env),
  redact: { paths: ['authorization', '*.authorization', 'connectionParams', '*.connectionParams', 'token', '*.token'], censor: '[redacted]' },
  ...(prettyOf(process.env) ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
});
