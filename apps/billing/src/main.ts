import './telemetry';
import { loadConfigOrExit } from '@tenantry/config';
import { bootstrapService } from '@tenantry/service';
import { AppModule } from './app.module';
import { SERVICE } from './service';

const config = loadConfigOrExit(SERVICE.config);
void bootstrapService(AppModule.register(config), { name: SERVICE.name, config, rawBody: true }).catch((error: unknown) => {
  process.stderr.write(`${SERVICE.name} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
