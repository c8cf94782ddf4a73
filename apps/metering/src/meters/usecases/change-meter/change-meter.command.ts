import { MeterFieldsDto } from '@tenantry/usage-api';

/** A meter's new definition (every field; the key is the path's). */
export class ChangeMeterCommand {
  constructor(
    readonly key: string,
    readonly body: MeterFieldsDto,
  ) {}
}
