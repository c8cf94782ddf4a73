/** Body of a tenant change: any of the descriptive fields, in the same shapes as create. */
import { ApiExtraModels } from '@nestjs/swagger';
import { Optional } from './field-rules';
import { ConfigurationDto, ConfigurationField, DomainDto, DomainField, NameField, PlanDto, PlanField, ResourcesDto, ResourcesField } from './tenant-parts.dto';

@ApiExtraModels(DomainDto, PlanDto)
export class UpdateTenantDto {
  @Optional()
  @NameField(false)
  name?: string;

  @Optional()
  @DomainField(false)
  domain?: DomainDto;

  @Optional()
  @PlanField(false)
  plan?: PlanDto;

  @Optional()
  @ConfigurationField()
  configuration?: ConfigurationDto;

  @Optional()
  @ResourcesField()
  resources?: ResourcesDto;
}

/** The fields an update may carry; a body without any of them changes nothing. */
export const UPDATE_TENANT_FIELDS = ['name', 'domain', 'plan', 'configuration', 'resources'] as const satisfies readonly (keyof UpdateTenantDto)[];
