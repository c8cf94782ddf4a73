/**
 * Who the calling key is and what it may do: its role, its tenant (tenant-admin keys), and every
 * operation the access matrix grants it (`own`: only for its own tenant). Clients such as the console
 * decide what to offer from this instead of copying the matrix.
 */
import { Injectable } from '@nestjs/common';
import { ACCESS_MATRIX, Grant, Operation, OPERATIONS, Principal } from '../../../auth';

export interface CallerDescription {
  keyId: string;
  role: Principal['role'];
  tenantId: string | null;
  operations: { operation: Operation; grant: Exclude<Grant, 'none'> }[];
}

@Injectable()
export class DescribeCallerUseCase {
  execute(principal: Principal): CallerDescription {
    const operations = (Object.keys(OPERATIONS) as Operation[]).flatMap((operation) => {
      const grant = ACCESS_MATRIX[operation][principal.role];
      return grant === 'none' ? [] : [{ operation, grant }];
    });
    return { keyId: principal.keyId, role: principal.role, tenantId: principal.tenantId, operations };
  }
}
