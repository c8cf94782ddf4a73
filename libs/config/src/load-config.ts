/** Turns the process environment into a validated, typed config object, or fails naming the variable. */
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ConfigError } from './config-error';

export type ConfigClass<T> = new () => T;
export type Environment = Record<string, string | undefined>;

function firstProblem(error: ValidationError): { variable: string; problem: string } {
  const messages = Object.values(error.constraints ?? {});
  if (messages.length > 0) {
    return { variable: error.property, problem: messages[0] ?? 'is invalid' };
  }
  const child = error.children?.[0];
  return child ? firstProblem(child) : { variable: error.property, problem: 'is invalid' };
}

/**
 * Reads only the variables the class declares. Empty strings count as unset so that
 * `FOO=` in a shell falls back to the default rather than failing a number parse.
 */
export function loadConfig<T extends object>(cls: ConfigClass<T>, env: Environment = process.env): T {
  const defaults = new cls() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    raw[key] = value === undefined || value === '' ? defaults[key] : value;
  }
  const config = plainToInstance(cls, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  const first = errors[0];
  if (first) {
    const { variable, problem } = firstProblem(first);
    throw new ConfigError(variable, problem.replace(new RegExp(`^${variable} `), ''));
  }
  return config;
}

/**
 * For `main.ts`: on a bad environment, print one clear line and exit with status 78 (EX_CONFIG)
 * instead of a stack trace, so an operator sees at once which variable to fix.
 */
export function loadConfigOrExit<T extends object>(cls: ConfigClass<T>, env: Environment = process.env): T {
  try {
    return loadConfig(cls, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
