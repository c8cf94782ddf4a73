/** POST /tenants body: the short form `{name, domain, plan, adminEmail}` or the full TenantProvisioningConfig, field by field. */
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
  domain!: DomainDto | string;

  @IsDefined()
  @PlanField(true)
  plan!: PlanDto | string;

  @Optional()
  @ConfigurationField()
  configuration?: ConfigurationDto;

  @Optional()
  @ResourcesField()
  resources?: ResourcesDto;
}

/**
 * The handler's parameter type. Not the class itself: the chassis' global ValidationPipe would
 * validate it a second time; CreateTenantBodyPipe does the work (and refuses non-object bodies).
 */
export type CreateTenantBody = Partial<CreateTenantDto>;
