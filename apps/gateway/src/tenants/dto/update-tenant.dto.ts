/** PUT /tenants/{id}: any of the descriptive fields, in the same shapes as create; at least one. */
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
  domain?: DomainDto | string;

  @Optional()
  @PlanField(false)
  plan?: PlanDto | string;

  @Optional()
  @ConfigurationField()
  configuration?: ConfigurationDto;

  @Optional()
  @ResourcesField()
  resources?: ResourcesDto;
}

export const UPDATE_TENANT_FIELDS = ['name', 'domain', 'plan', 'configuration', 'resources'] as const;

/** The handler's parameter type (see CreateTenantBody for why it is not the class). */
export type UpdateTenantBody = Partial<UpdateTenantDto>;
