/** The create and update bodies as the client sent them: validated here, then forwarded to the registry unchanged. */
import { CreateTenantDto, DomainDto, PlanDto, UpdateTenantDto } from '@tenantry/tenant-api';

/** Domain and plan may still be their short-form strings: only the registry reads them. */
type AsSent<T> = Partial<Omit<T, 'domain' | 'plan'>> & { domain?: DomainDto | string; plan?: PlanDto | string };

/**
 * The handler's parameter type. Not the class itself: the chassis' global ValidationPipe would
 * validate it a second time; CreateTenantBodyPipe does the work (and refuses non-object bodies).
 */
export type CreateTenantBody = AsSent<CreateTenantDto>;

/** The handler's parameter type (see CreateTenantBody for why it is not the class). */
export type UpdateTenantBody = AsSent<UpdateTenantDto>;
