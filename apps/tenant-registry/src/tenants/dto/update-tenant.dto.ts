/** Body of PUT /internal/v1/tenants/:id: any of the descriptive fields, same shapes as create. */
import { ConfigurationDto, ConfigurationField, DomainDto, DomainField, NameField, Optional, PlanDto, PlanField, ResourcesDto, ResourcesField } from './tenant-fields.dto';

export class UpdateTenantDto {
  @Optional()
  @NameField()
  name?: string;

  @Optional()
  @DomainField()
  domain?: DomainDto;

  @Optional()
  @PlanField()
  plan?: PlanDto;

  @Optional()
  @ConfigurationField()
  configuration?: ConfigurationDto;

  @Optional()
  @ResourcesField()
  resources?: ResourcesDto;
}
