import { DefineMeterDto } from '@tenantry/usage-api';

/** A new meter, as posted. */
export class DefineMeterCommand {
  constructor(readonly body: DefineMeterDto) {}
}
