/** Body of POST /internal/v1/tenants, short form or full TenantProvisioningConfig. */
import { IsDefined } from 'class-validator';
import { ConfigurationDto, ConfigurationField, DomainDto, DomainField, EmailField, NameField, Optional, PlanDto, PlanField, ResourcesDto, ResourcesField } from './tenant-fields.dto';

export class CreateTenantDto {
  @NameField()
  name!: string;

  @EmailField()
  adminEmail!: string;

  @IsDefined()
  @DomainField()
  domain!: DomainDto;

  @IsDefined()
  @PlanField()
  plan!: PlanDto;

  @Optional()
  @ConfigurationField()
  configuration?: ConfigurationDto;

  @Optional()
  @ResourcesField()
  resources?: ResourcesDto;
}
