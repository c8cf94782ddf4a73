import './telemetry';
import { loadConfigOrExit } from '@tenantry/config';
import { bootstrapService } from '@tenantry/service';
import { AppModule } from './app.module';
import { mountConsole } from './console';
import { useJsonBodies } from './json-bodies';
import { mountOpenApi } from './openapi';
import { useSecurityHeaders } from './security-headers';
import { SERVICE } from './service';

const config = loadConfigOrExit(SERVICE.config);
void bootstrapService(AppModule.register(config), {
  name: SERVICE.name,
  config,
  configure: async (app) => {
    useSecurityHeaders(app);
    await useJsonBodies(app);
    mountOpenApi(app);
    await mountConsole(app, config.CONSOLE_DIR);
  },
}).catch((error: unknown) => {
  process.stderr.write(`${SERVICE.name} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
