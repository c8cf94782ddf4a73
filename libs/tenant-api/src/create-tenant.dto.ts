/** Body of a tenant creation: the short form `{name, domain, plan, adminEmail}` or the full TenantProvisioningConfig, field by field. */
import { ApiExtraModels } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';
import { Optional } from './field-rules';
import { ConfigurationDto, ConfigurationField, DomainDto, DomainField, EmailField, NameField, PlanDto, PlanField, ResourcesDto, ResourcesField } from './tenant-parts.dto';

@ApiExtraModels(DomainDto, PlanDto)
export class CreateTenantDto {
  @NameField(true)
  name!: string;

  @EmailField()
  adminEmail!: string;

  @IsDefined()
  @DomainField(true)
  domain!: DomainDto;

  @IsDefined()
  @PlanField(true)
  plan!: PlanDto;

  @Optional()
  @ConfigurationField()
  configuration?: ConfigurationDto;

  @Optional()
  @ResourcesField()
  resources?: ResourcesDto;
}
