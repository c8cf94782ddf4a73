/** This checkout's local secrets (tools/stack/dev-secrets.cjs), the ones `npm start` also uses. */
import { join } from 'node:path';
import { REPO_ROOT } from './infrastructure';

interface DevSecretsTools {
  devSecretsEnv(): Record<string, string>;
}

const tools = require(join(REPO_ROOT, 'tools', 'stack', 'dev-secrets.cjs')) as DevSecretsTools;

/** The secrets as environment variables (INTERNAL_AUTH_*, SECRET_KEY, API_KEY_PEPPER). */
export function devSecretsEnv(): Record<string, string> {
  return tools.devSecretsEnv();
}
