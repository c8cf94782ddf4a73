/** Names the operation a handler implements: the guards read it, and it becomes the OpenAPI operationId. */
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Operation } from './operations';

export const OPERATION_KEY = 'tenantry:operation';

export function PlatformOperation(operation: Operation, summary: string, description?: string): MethodDecorator {
  return applyDecorators(SetMetadata(OPERATION_KEY, operation), ApiOperation({ operationId: operation, summary, description: description ?? summary }));
}
